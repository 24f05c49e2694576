package net.taler.offline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.management.ManagementKeys;
import net.taler.common.time.Timestamp;

/** The {@code GET /management/keys} reply (operations.md 3.3), parsed; signatures not yet checked. */
record KeysInput(
        EddsaPublicKey masterPub,
        EddsaPublicKey rsaSmPub,
        EddsaPublicKey csSmPub,
        EddsaPublicKey eddsaSmPub,
        List<Denom> denoms,
        List<Signkey> signkeys) {

    /** One future denomination; exactly one of {@code rsa}/{@code cs} is set. */
    record Denom(String section, RsaPublicKey rsa, CsPublicKey cs, AgeMask ageMask, HashCode hDenomPub,
            Amount value, Amount feeWithdraw, Amount feeDeposit, Amount feeRefresh, Amount feeRefund,
            Timestamp start, Timestamp expireWithdraw, Timestamp expireDeposit, Timestamp expireLegal,
            EddsaSignature secmodSig) {
    }

    /** One future online signing key. */
    record Signkey(EddsaPublicKey pub, Timestamp start, Timestamp expire, Timestamp end, EddsaSignature secmodSig) {
    }

    /**
     * Parses the reply with the shared codec; {@code ageMasks} gives the age mask of a coin
     * section (the offline tool trusts its own configuration, not the exchange's {@code age_mask}).
     * Throws a {@link RuntimeException} naming the field on malformed input.
     */
    static KeysInput parse(JsonNode a, Function<String, AgeMask> ageMasks) {
        ManagementKeys keys = ManagementKeys.parse(a);
        List<Denom> denoms = new ArrayList<>();
        for (ManagementKeys.FutureDenom d : keys.futureDenoms()) {
            AgeMask mask = ageMasks.apply(d.sectionName());
            HashCode h = d.isRsa() ? d.rsaPub().denominationHash(mask.bits()) : d.csPub().denomPubHash(mask.bits());
            denoms.add(new Denom(d.sectionName(), d.rsaPub(), d.csPub(), mask, h, d.value(), d.feeWithdraw(),
                    d.feeDeposit(), d.feeRefresh(), d.feeRefund(), d.stampStart(), d.stampExpireWithdraw(),
                    d.stampExpireDeposit(), d.stampExpireLegal(), d.denomSecmodSig()));
        }
        List<Signkey> signkeys = new ArrayList<>();
        for (ManagementKeys.FutureSignkey s : keys.futureSignkeys()) {
            signkeys.add(new Signkey(s.key(), s.stampStart(), s.stampExpire(), s.stampEnd(), s.signkeySecmodSig()));
        }
        return new KeysInput(keys.masterPub(), keys.denomSecmodPub(), keys.denomSecmodCsPub(),
                keys.signkeySecmodPub(), List.copyOf(denoms), List.copyOf(signkeys));
    }
}

package net.taler.common.wallet;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.coin.CoinJson;
import net.taler.common.coin.DenominationSignature;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.json.JsonFields;
import net.taler.common.json.TalerJson;
import net.taler.common.sig.wallet.CoinDeposit;

/**
 * One coin of a deposit: the coin's fields of {@code POST /coins/$COIN_PUB/deposit} (with
 * {@code coin_pub} from the path) or an entry of {@code coins} in {@code /batch-deposit}
 * (exchange-api.md 4.1, 4.2).
 *
 * @param contribution   the amount taken from the coin, deposit fee included
 * @param ubSig          the denomination's signature over the coin (not checked here)
 * @param hAgeCommitment the coin's age commitment hash, or null if the coin has none
 * @param coinSig        the coin's signature of {@link CoinDeposit} (not checked here)
 */
public record DepositCoin(EddsaPublicKey coinPub, Amount contribution, HashCode hDenomPub,
        DenominationSignature ubSig, ShortHash hAgeCommitment, EddsaSignature coinSig) {

    public DepositCoin {
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(contribution, "contribution");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(ubSig, "ubSig");
        Objects.requireNonNull(coinSig, "coinSig");
    }

    /** Reads the coin fields; {@code coinPub} comes from the path (single) or the entry (batch). */
    static DepositCoin parse(JsonFields f, EddsaPublicKey coinPub) {
        Amount contribution = f.amount("contribution");
        HashCode hDenomPub = f.base32("denom_pub_hash", HashCode::fromBase32);
        DenominationSignature ubSig;
        try {
            ubSig = CoinJson.denominationSignature(f.object("ub_sig").node());
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("ub_sig", e.getMessage());
        }
        JsonNode age = f.node().get("h_age_commitment");
        ShortHash hAge = age == null || age.isNull() ? null : f.base32("h_age_commitment", ShortHash::fromBase32);
        return new DepositCoin(coinPub, contribution, hDenomPub, ubSig, hAge,
                f.base32("coin_sig", EddsaSignature::fromBase32));
    }

    /**
     * What {@code coin_sig} must sign, given the merchant's terms and the deposit fee of the
     * coin's denomination as the exchange knows it (a verifier builds it from its own values).
     */
    public CoinDeposit signedBlock(DepositTerms terms, Amount depositFee) {
        return new CoinDeposit(terms.hContractTerms(), hAgeCommitment == null ? ShortHash.ZERO : hAgeCommitment,
                terms.hPolicy(), terms.hWire(), hDenomPub, terms.timestamp(), terms.refundDeadline(),
                contribution, depositFee, terms.merchantPub());
    }

    /** Writes the coin fields into {@code o}; {@code coin_pub} only when {@code withCoinPub} (batch entries). */
    void writeTo(ObjectNode o, boolean withCoinPub) {
        if (withCoinPub) {
            o.put("coin_pub", coinPub.toBase32());
        }
        o.set("contribution", TalerJson.mapper().valueToTree(contribution));
        o.put("denom_pub_hash", hDenomPub.toBase32());
        o.set("ub_sig", CoinJson.denominationSignature(ubSig));
        if (hAgeCommitment != null) {
            o.put("h_age_commitment", hAgeCommitment.toBase32());
        }
        o.put("coin_sig", coinSig.toBase32());
    }
}

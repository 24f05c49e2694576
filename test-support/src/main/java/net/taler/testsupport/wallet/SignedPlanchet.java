package net.taler.testsupport.wallet;

import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.Planchet;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.sig.wallet.WithdrawRequest;

/**
 * One withdraw request {@code {denom_pub_hash, reserve_sig, coin_ev}} (exchange-api.md 3.2; also
 * an element of the batch request of 3.3). The {@code with*} methods give tampered copies for
 * negative tests, e.g. a planchet sent under another denomination or with a signature over a
 * different amount ({@link #sign} with a wrong amount).
 *
 * @param denomPubHash {@code denom_pub_hash}
 * @param reserveSig {@code reserve_sig}
 * @param coinEv {@code coin_ev}
 */
public record SignedPlanchet(HashCode denomPubHash, EddsaSignature reserveSig, BlindedPlanchet coinEv) {
    public SignedPlanchet {
        Objects.requireNonNull(denomPubHash, "denomPubHash");
        Objects.requireNonNull(reserveSig, "reserveSig");
        Objects.requireNonNull(coinEv, "coinEv");
    }

    /**
     * Signs a planchet with the reserve key: purpose {@code WALLET_RESERVE_WITHDRAW} over
     * ({@code amountWithFee}, {@code h_denom_pub}, {@code h_coin_envelope}).
     *
     * @param amountWithFee normally the denomination's value + withdraw fee
     */
    public static SignedPlanchet sign(Planchet planchet, Amount amountWithFee, EddsaPrivateKey reservePriv) {
        WithdrawRequest req = planchet.withdrawRequest(amountWithFee);
        return new SignedPlanchet(planchet.denomPubHash(), req.sign(reservePriv), planchet.blinded());
    }

    /** The signed block this request claims (for checking {@link #reserveSig}). */
    public WithdrawRequest signedBlock(Amount amountWithFee) {
        return new WithdrawRequest(amountWithFee, denomPubHash, coinEv.envelopeHash(denomPubHash));
    }

    /** {@code h_coin_envelope} of {@link #coinEv} under {@link #denomPubHash}. */
    public HashCode envelopeHash() {
        return coinEv.envelopeHash(denomPubHash);
    }

    public SignedPlanchet withDenomPubHash(HashCode h) {
        return new SignedPlanchet(h, reserveSig, coinEv);
    }

    public SignedPlanchet withReserveSig(EddsaSignature sig) {
        return new SignedPlanchet(denomPubHash, sig, coinEv);
    }

    public SignedPlanchet withCoinEv(BlindedPlanchet ev) {
        return new SignedPlanchet(denomPubHash, reserveSig, ev);
    }

    /** A fresh JSON object {@code {denom_pub_hash, reserve_sig, coin_ev}} (free to modify). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("denom_pub_hash", denomPubHash.toBase32());
        o.put("reserve_sig", reserveSig.toBase32());
        o.set("coin_ev", CipherJson.blindedPlanchet(coinEv));
        return o;
    }

    /** Parses the JSON form (e.g. to check what a test built). */
    public static SignedPlanchet fromJson(JsonNode o) {
        return new SignedPlanchet(Fields.decode(o, "denom_pub_hash", HashCode::fromBase32),
                Fields.decode(o, "reserve_sig", EddsaSignature::fromBase32),
                CipherJson.parseBlindedPlanchet(Fields.object(o, "coin_ev")));
    }

    /** The batch request body {@code {"planchets": [...]}}. */
    public static ObjectNode batchJson(List<SignedPlanchet> planchets) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode a = o.putArray("planchets");
        for (SignedPlanchet p : planchets) {
            a.add(p.toJson());
        }
        return o;
    }
}

package net.taler.common.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.json.JsonFields;

/**
 * One planchet of a withdraw request: {@code {denom_pub_hash, reserve_sig, coin_ev}}, the body
 * of {@code POST /reserves/$RESERVE_PUB/withdraw} and an entry of {@link BatchWithdrawRequest},
 * with the envelope hash computed over the planchet bytes exactly as received (crypto.md
 * 2.5.6).
 *
 * @param reserveSig the reserve's signature of {@code WithdrawRequest} (not checked here)
 * @param hBlindEv   {@code coinEv.envelopeHash(hDenomPub)}, as {@link #of} and {@link #parse} compute it
 */
public record WithdrawPlanchet(HashCode hDenomPub, EddsaSignature reserveSig, BlindedPlanchet coinEv,
        HashCode hBlindEv) {

    /** A planchet with its envelope hash. */
    public static WithdrawPlanchet of(HashCode hDenomPub, EddsaSignature reserveSig, BlindedPlanchet coinEv) {
        return new WithdrawPlanchet(hDenomPub, reserveSig, coinEv, coinEv.envelopeHash(hDenomPub));
    }

    /** Parses and hashes; bad fields answer 400 {@code GENERIC_JSON_INVALID} naming the field. */
    public static WithdrawPlanchet parse(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw JsonFields.invalid("planchet", "object expected");
        }
        JsonFields f = new JsonFields(node, null);
        HashCode h = f.base32("denom_pub_hash", HashCode::fromBase32);
        EddsaSignature sig = f.base32("reserve_sig", EddsaSignature::fromBase32);
        BlindedPlanchet ev;
        try {
            ev = CoinJson.planchet(f.object("coin_ev").node());
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("coin_ev", e.getMessage());
        }
        return of(h, sig, ev);
    }

    /** The body as a client sends it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("denom_pub_hash", hDenomPub.toBase32());
        o.put("reserve_sig", reserveSig.toBase32());
        o.set("coin_ev", CoinJson.planchet(coinEv));
        return o;
    }

    /** The CS nonce (locked against reuse), or null for RSA. */
    public byte[] csNonce() {
        return coinEv instanceof BlindedPlanchet.Cs c ? c.message().nonce().bytes() : null;
    }
}

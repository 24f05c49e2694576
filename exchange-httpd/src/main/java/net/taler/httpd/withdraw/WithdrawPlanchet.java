package net.taler.httpd.withdraw;

import com.fasterxml.jackson.databind.JsonNode;

import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.json.JsonFields;

/**
 * One planchet of a withdraw request: {@code {denom_pub_hash, reserve_sig, coin_ev}}, with the
 * envelope hash computed over the planchet bytes exactly as received (crypto.md 2.5.6).
 */
public record WithdrawPlanchet(HashCode hDenomPub, EddsaSignature reserveSig, BlindedPlanchet coinEv,
        HashCode hBlindEv) {

    /** Parses and hashes; bad fields answer 400 (22) naming the field. */
    public static WithdrawPlanchet parse(JsonNode node, String currency) {
        if (node == null || !node.isObject()) {
            throw JsonFields.invalid("planchet", "object expected");
        }
        JsonFields f = new JsonFields(node, currency);
        HashCode h = f.base32("denom_pub_hash", HashCode::fromBase32);
        EddsaSignature sig = f.base32("reserve_sig", EddsaSignature::fromBase32);
        BlindedPlanchet ev;
        try {
            ev = CoinJson.planchet(f.object("coin_ev").node());
        } catch (IllegalArgumentException e) {
            throw JsonFields.invalid("coin_ev", e.getMessage());
        }
        return new WithdrawPlanchet(h, sig, ev, ev.envelopeHash(h));
    }

    /** The CS nonce (locked against reuse), or null for RSA. */
    public byte[] csNonce() {
        return coinEv instanceof BlindedPlanchet.Cs c ? c.message().nonce().bytes() : null;
    }
}

package net.taler.common.wallet;

import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.json.JsonFields;

/** The body of {@code POST /coins/$COIN_PUB/deposit} (exchange-api.md 4.1): the merchant's terms and one coin. */
public record DepositRequest(DepositTerms terms, DepositCoin coin) {

    public DepositRequest {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(coin, "coin");
    }

    /**
     * Parses the body for the coin of the path; amounts must be in {@code currency} (null: any).
     * A bad field is 400 {@code GENERIC_JSON_INVALID} naming it.
     */
    public static DepositRequest parse(EddsaPublicKey coinPub, JsonNode body, String currency) {
        if (body == null || !body.isObject()) {
            throw JsonFields.invalid("body", "object expected");
        }
        JsonFields f = new JsonFields(body, currency);
        return new DepositRequest(DepositTerms.parse(f), DepositCoin.parse(f, coinPub));
    }

    /** The body as a client sends it (the coin's public key goes into the path). */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        coin.writeTo(o, false);
        terms.writeTo(o);
        return o;
    }
}

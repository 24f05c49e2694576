package net.taler.common.wallet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;

/**
 * The body of {@code POST /batch-deposit} (exchange-api.md 4.2): the merchant's terms once and
 * 1 to {@value #MAX_COINS} coins, each coin at most once (a batch is all or nothing, and the
 * exchange's uniqueness is per coin, merchant and contract).
 */
public record BatchDepositRequest(DepositTerms terms, List<DepositCoin> coins) {
    /** Most coins in one batch: the same bound as a batch withdrawal. */
    public static final int MAX_COINS = BatchWithdrawRequest.MAX_PLANCHETS;

    public BatchDepositRequest {
        Objects.requireNonNull(terms, "terms");
        coins = List.copyOf(coins);
        if (coins.isEmpty() || coins.size() > MAX_COINS) {
            throw new IllegalArgumentException("1 to " + MAX_COINS + " coins expected, not " + coins.size());
        }
    }

    /**
     * Parses the body; amounts must be in {@code currency} (null: any). A missing, empty or too
     * long {@code coins} array or a coin listed twice is 400 {@code GENERIC_PARAMETER_MALFORMED};
     * a bad field is 400 {@code GENERIC_JSON_INVALID} naming it.
     */
    public static BatchDepositRequest parse(JsonNode body, String currency) {
        if (body == null || !body.isObject()) {
            throw JsonFields.invalid("body", "object expected");
        }
        JsonFields f = new JsonFields(body, currency);
        DepositTerms terms = DepositTerms.parse(f);
        JsonNode arr = body.get("coins");
        if (arr == null || !arr.isArray() || arr.isEmpty() || arr.size() > MAX_COINS) {
            throw malformed("coins: 1 to " + MAX_COINS + " entries expected");
        }
        List<DepositCoin> coins = new ArrayList<>(arr.size());
        Set<EddsaPublicKey> seen = new HashSet<>();
        for (JsonNode entry : arr) {
            if (!entry.isObject()) {
                throw JsonFields.invalid("coins", "objects expected");
            }
            JsonFields cf = new JsonFields(entry, currency);
            DepositCoin c = DepositCoin.parse(cf, cf.base32("coin_pub", EddsaPublicKey::fromBase32));
            if (!seen.add(c.coinPub())) {
                throw malformed("coins: coin " + c.coinPub().toBase32() + " listed twice");
            }
            coins.add(c);
        }
        return new BatchDepositRequest(terms, coins);
    }

    /** The body as a client sends it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        terms.writeTo(o);
        ArrayNode arr = o.putArray("coins");
        for (DepositCoin c : coins) {
            ObjectNode e = arr.addObject();
            c.writeTo(e, true);
        }
        return o;
    }

    private static TalerErrorException malformed(String detail) {
        return new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, detail).withHttpStatus(400);
    }
}

package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/global-fee}: the global fees for {@code [feeStart, feeEnd)}.
 *
 * @param purseAccountLimit free purses per account, an unsigned 32-bit number
 * @param masterSig master signature of {@code GlobalFees}
 */
public record GlobalFeeSet(Timestamp feeStart, Timestamp feeEnd, Amount historyFee, Amount accountFee,
        Amount purseFee, RelativeTime purseTimeout, RelativeTime historyExpiration, long purseAccountLimit,
        EddsaSignature masterSig) implements ManagementRequest {
    /** Largest {@code purse_account_limit}. */
    public static final long MAX_PURSE_ACCOUNT_LIMIT = 0xFFFFFFFFL;

    /**
     * @param currency the only currency amounts may have (null: any)
     */
    public static GlobalFeeSet parse(JsonNode body, String currency) {
        JsonFields b = new JsonFields(body, currency);
        Timestamp start = b.timestamp("fee_start");
        Timestamp end = b.timestamp("fee_end");
        Amount history = b.amount("history_fee");
        Amount account = b.amount("account_fee");
        Amount purse = b.amount("purse_fee");
        RelativeTime purseTimeout = b.relativeTime("purse_timeout");
        RelativeTime historyExpiration = b.relativeTime("history_expiration");
        long limit = b.integer("purse_account_limit", MAX_PURSE_ACCOUNT_LIMIT);
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        Json.requirePeriod(start, end);
        return new GlobalFeeSet(start, end, history, account, purse, purseTimeout, historyExpiration, limit, sig);
    }

    @Override
    public String path() {
        return "management/global-fee";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.set("fee_start", Json.tree(feeStart));
        o.set("fee_end", Json.tree(feeEnd));
        o.set("history_fee", Json.tree(historyFee));
        o.set("account_fee", Json.tree(accountFee));
        o.set("purse_fee", Json.tree(purseFee));
        o.set("purse_timeout", Json.tree(purseTimeout));
        o.set("history_expiration", Json.tree(historyExpiration));
        o.put("purse_account_limit", purseAccountLimit);
        o.put("master_sig", masterSig.toBase32());
        return o;
    }
}

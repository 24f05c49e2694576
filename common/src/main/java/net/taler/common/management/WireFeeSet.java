package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/wire-fee}: the fees of one wire method for {@code [feeStart, feeEnd)}.
 *
 * @param masterSig master signature of {@code WireFees}
 */
public record WireFeeSet(String wireMethod, Timestamp feeStart, Timestamp feeEnd, Amount wireFee, Amount closingFee,
        EddsaSignature masterSig) implements ManagementRequest {
    /**
     * @param currency the only currency amounts may have (null: any)
     */
    public static WireFeeSet parse(JsonNode body, String currency) {
        JsonFields b = new JsonFields(body, currency);
        String method = b.string("wire_method");
        Timestamp start = b.timestamp("fee_start");
        Timestamp end = b.timestamp("fee_end");
        Amount wireFee = b.amount("wire_fee");
        Amount closingFee = b.amount("closing_fee");
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        Json.requirePeriod(start, end);
        return new WireFeeSet(method, start, end, wireFee, closingFee, sig);
    }

    @Override
    public String path() {
        return "management/wire-fee";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("wire_method", wireMethod);
        o.set("fee_start", Json.tree(feeStart));
        o.set("fee_end", Json.tree(feeEnd));
        o.set("wire_fee", Json.tree(wireFee));
        o.set("closing_fee", Json.tree(closingFee));
        o.put("master_sig", masterSig.toBase32());
        return o;
    }
}

package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/wire/disable}.
 *
 * @param masterSigDel master signature of {@code DelWire(validityEnd, paytoUri)}
 */
public record WireDisable(String paytoUri, Timestamp validityEnd, EddsaSignature masterSigDel)
        implements ManagementRequest {
    /** Also rejects a malformed payto URI (400 {@code GENERIC_PAYTO_URI_MALFORMED}). */
    public static WireDisable parse(JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        String payto = Json.payto("payto_uri", b.string("payto_uri"));
        EddsaSignature sig = b.base32("master_sig_del", EddsaSignature::fromBase32);
        Timestamp end = b.timestamp("validity_end");
        return new WireDisable(payto, end, sig);
    }

    @Override
    public String path() {
        return "management/wire/disable";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("payto_uri", paytoUri);
        o.set("validity_end", Json.tree(validityEnd));
        o.put("master_sig_del", masterSigDel.toBase32());
        return o;
    }
}

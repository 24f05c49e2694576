package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/wire}: enable a wire account.
 *
 * @param masterSigAdd master signature of {@code AddWire(validityStart, paytoUri)}
 * @param masterSigWire master signature of {@code WireDetails(paytoUri)}, shown in {@code /wire}
 */
public record WireEnable(String paytoUri, EddsaSignature masterSigAdd, EddsaSignature masterSigWire,
        Timestamp validityStart) implements ManagementRequest {
    /** Also rejects a malformed payto URI (400 {@code GENERIC_PAYTO_URI_MALFORMED}). */
    public static WireEnable parse(JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        String payto = Json.payto("payto_uri", b.string("payto_uri"));
        EddsaSignature add = b.base32("master_sig_add", EddsaSignature::fromBase32);
        EddsaSignature wire = b.base32("master_sig_wire", EddsaSignature::fromBase32);
        Timestamp start = b.timestamp("validity_start");
        return new WireEnable(payto, add, wire, start);
    }

    @Override
    public String path() {
        return "management/wire";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("payto_uri", paytoUri);
        o.put("master_sig_add", masterSigAdd.toBase32());
        o.put("master_sig_wire", masterSigWire.toBase32());
        o.set("validity_start", Json.tree(validityStart));
        return o;
    }
}

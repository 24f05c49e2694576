package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/auditors}.
 *
 * @param masterSig master signature of {@code AddAuditor(validityStart, auditorPub, auditorUrl)}
 */
public record AuditorEnable(EddsaPublicKey auditorPub, String auditorUrl, String auditorName, Timestamp validityStart,
        EddsaSignature masterSig) implements ManagementRequest {
    public static AuditorEnable parse(JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        EddsaPublicKey pub = b.base32("auditor_pub", EddsaPublicKey::fromBase32);
        String url = b.string("auditor_url");
        String name = b.string("auditor_name");
        Timestamp start = b.timestamp("validity_start");
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        return new AuditorEnable(pub, url, name, start, sig);
    }

    @Override
    public String path() {
        return "management/auditors";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("auditor_pub", auditorPub.toBase32());
        o.put("auditor_url", auditorUrl);
        o.put("auditor_name", auditorName);
        o.set("validity_start", Json.tree(validityStart));
        o.put("master_sig", masterSig.toBase32());
        return o;
    }
}

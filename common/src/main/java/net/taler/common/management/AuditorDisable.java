package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;
import net.taler.common.time.Timestamp;

/**
 * {@code POST /management/auditors/$AUDITOR_PUB/disable}.
 *
 * @param auditorPub the auditor (path)
 * @param masterSig master signature of {@code DelAuditor(validityEnd, auditorPub)}
 */
public record AuditorDisable(EddsaPublicKey auditorPub, Timestamp validityEnd, EddsaSignature masterSig)
        implements ManagementRequest {
    /** Reads the body of a request for the auditor of the path. */
    public static AuditorDisable parse(EddsaPublicKey auditorPub, JsonNode body) {
        JsonFields b = new JsonFields(body, null);
        Timestamp end = b.timestamp("validity_end");
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        return new AuditorDisable(auditorPub, end, sig);
    }

    @Override
    public String path() {
        return "management/auditors/" + auditorPub.toBase32() + "/disable";
    }

    @Override
    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("master_sig", masterSig.toBase32());
        o.set("validity_end", Json.tree(validityEnd));
        return o;
    }
}

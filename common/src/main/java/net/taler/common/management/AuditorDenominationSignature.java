package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.json.JsonFields;

/**
 * {@code POST /auditors/$AUDITOR_PUB/$H_DENOM_PUB}: an auditor's signature over one denomination.
 *
 * @param auditorPub the auditor (path)
 * @param hDenomPub the denomination (path)
 * @param auditorSig the auditor's {@code AuditorDenominationValidity} signature
 */
public record AuditorDenominationSignature(EddsaPublicKey auditorPub, HashCode hDenomPub, EddsaSignature auditorSig)
        implements ManagementRequest {
    /** Reads the body of a request for the auditor and denomination of the path. */
    public static AuditorDenominationSignature parse(EddsaPublicKey auditorPub, HashCode hDenomPub, JsonNode body) {
        return new AuditorDenominationSignature(auditorPub, hDenomPub,
                new JsonFields(body, null).base32("auditor_sig", EddsaSignature::fromBase32));
    }

    @Override
    public String path() {
        return "auditors/" + auditorPub.toBase32() + "/" + hDenomPub.toBase32();
    }

    @Override
    public ObjectNode toJson() {
        return Json.object().put("auditor_sig", auditorSig.toBase32());
    }
}

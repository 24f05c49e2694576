package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.json.JsonFields;

/**
 * {@code POST /management/denominations/$H_DENOM_PUB/revoke}: {@code {master_sig}}.
 *
 * @param hDenomPub the revoked denomination (path)
 * @param masterSig master signature of {@code DenominationKeyRevoked}
 */
public record DenominationRevocation(HashCode hDenomPub, EddsaSignature masterSig) implements ManagementRequest {
    /** Reads the body of a request for the denomination of the path. */
    public static DenominationRevocation parse(HashCode hDenomPub, JsonNode body) {
        return new DenominationRevocation(hDenomPub,
                new JsonFields(body, null).base32("master_sig", EddsaSignature::fromBase32));
    }

    @Override
    public String path() {
        return "management/denominations/" + hDenomPub.toBase32() + "/revoke";
    }

    @Override
    public ObjectNode toJson() {
        return Json.object().put("master_sig", masterSig.toBase32());
    }
}

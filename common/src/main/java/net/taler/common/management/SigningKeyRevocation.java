package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.json.JsonFields;

/**
 * {@code POST /management/signkeys/$EXCHANGE_PUB/revoke}: {@code {master_sig}}.
 *
 * @param exchangePub the revoked online signing key (path)
 * @param masterSig master signature of {@code SigningKeyRevoked}
 */
public record SigningKeyRevocation(EddsaPublicKey exchangePub, EddsaSignature masterSig) implements ManagementRequest {
    /** Reads the body of a request for the signing key of the path. */
    public static SigningKeyRevocation parse(EddsaPublicKey exchangePub, JsonNode body) {
        return new SigningKeyRevocation(exchangePub,
                new JsonFields(body, null).base32("master_sig", EddsaSignature::fromBase32));
    }

    @Override
    public String path() {
        return "management/signkeys/" + exchangePub.toBase32() + "/revoke";
    }

    @Override
    public ObjectNode toJson() {
        return Json.object().put("master_sig", masterSig.toBase32());
    }
}

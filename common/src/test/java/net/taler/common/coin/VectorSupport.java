package net.taler.common.coin;

import static net.taler.common.testing.VectorFile.hex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.age.AgeCommitment;
import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.age.AgeMask;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.testing.VectorFile;

/** Parsing helpers for the coins.json / rsa.json / cs.json vectors. */
final class VectorSupport {
    private static Map<RsaPublicKey, RsaPrivateKey> rsaKeys;

    private VectorSupport() {
    }

    /** The frozen RSA denomination private keys of rsa.json, by public key. */
    static synchronized RsaPrivateKey rsaPrivateKey(RsaPublicKey pub) {
        if (rsaKeys == null) {
            rsaKeys = new HashMap<>();
            for (JsonNode c : VectorFile.cases("rsa.json")) {
                if (c.path("id").asText().startsWith("rsa-key-")) {
                    JsonNode in = c.path("input");
                    RsaPrivateKey k = RsaPrivateKey.fromComponents(big(in.path("n_hex")), big(in.path("e_hex")),
                            big(in.path("d_hex")), big(in.path("p_hex")), big(in.path("q_hex")));
                    rsaKeys.put(k.publicKey(), k);
                }
            }
        }
        RsaPrivateKey k = rsaKeys.get(pub);
        if (k == null) {
            throw new IllegalStateException("no private key for " + pub);
        }
        return k;
    }

    static BigInteger big(JsonNode hexNode) {
        return new BigInteger(1, hex(hexNode));
    }

    /** A {@code denom_pub} JSON object. */
    static DenominationKey denomination(JsonNode denomPub) {
        AgeMask mask = AgeMask.of(denomPub.path("age_mask").asLong());
        return switch (denomPub.path("cipher").asText()) {
            case "RSA" -> new DenominationKey.Rsa(RsaPublicKey.fromBase32(denomPub.path("rsa_public_key").asText()), mask);
            case "CS" -> new DenominationKey.Cs(CsPublicKey.fromBase32(denomPub.path("cs_public_key").asText()), mask);
            default -> throw new IllegalArgumentException("cipher " + denomPub.path("cipher"));
        };
    }

    /** {@code {"mask":N,"publicKeys":[...]}}. */
    static AgeCommitment commitment(JsonNode json) {
        return AgeCommitment.fromBase32(AgeMask.of(json.path("mask").asLong()), strings(json.path("publicKeys")));
    }

    /** {@code {"commitment":{...},"proof":{"privateKeys":[...]}}}, null for JSON null. */
    static AgeCommitmentProof proof(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        JsonNode c = json.path("commitment");
        return AgeCommitmentProof.fromBase32(AgeMask.of(c.path("mask").asLong()), strings(c.path("publicKeys")),
                strings(json.path("proof").path("privateKeys")));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

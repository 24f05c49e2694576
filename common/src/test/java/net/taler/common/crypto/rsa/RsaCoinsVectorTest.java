package net.taler.common.crypto.rsa;

import static net.taler.common.testing.VectorFile.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.encoding.Crockford;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Cross-check with coins.json: every RSA planchet of the withdraw, tip and refresh cases
 * (coin pub hash, envelope, envelope hash, h_denom_pub, and where given the blind and unblinded
 * signatures) is recomputed with this package. The denominations use the rsa.json keys.
 */
class RsaCoinsVectorTest {
    private static final Map<String, RsaPrivateKey> PRIVATE_BY_PUB = new HashMap<>();

    static Stream<Arguments> planchets() {
        for (JsonNode c : VectorFile.cases("rsa.json")) {
            if (c.path("id").asText().startsWith("rsa-key-")) {
                RsaPrivateKey k = RsaVectorTest.privateKey(c);
                PRIVATE_BY_PUB.put(k.publicKey().toBase32(), k);
            }
        }
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : VectorFile.cases("coins.json")) {
            String id = c.path("id").asText();
            JsonNode in = c.path("input");
            if (in.has("denom_pub") && c.path("output").has("coin_ev")) {
                out.add(Arguments.of(id, in.path("denom_pub"), in.path("denom_pub_hash_b32").asText(), c.path("output")));
            }
            Map<String, JsonNode> fresh = new HashMap<>();
            for (JsonNode fc : in.path("fresh_coins")) {
                fresh.put(fc.path("denom").asText(), fc);
            }
            for (JsonNode gamma : c.path("output").path("gammas")) {
                for (JsonNode coin : gamma.path("coins")) {
                    JsonNode denom = fresh.get(coin.path("denom").asText());
                    out.add(Arguments.of(id + "/gamma" + gamma.path("gamma").asInt() + "/coin" + coin.path("coin_index").asInt(),
                            denom.path("denom_pub"), denom.path("denom_pub_hash_b32").asText(), coin));
                }
            }
        }
        assertTrue(out.size() >= 10, "planchets found: " + out.size());
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("planchets")
    void planchet(String id, JsonNode denomPub, String denomPubHashB32, JsonNode coin) {
        assertEquals("RSA", denomPub.path("cipher").asText());
        RsaPublicKey pub = RsaPublicKey.fromBase32(denomPub.path("rsa_public_key").asText());
        HashCode hDenom = pub.denominationHash(denomPub.path("age_mask").asInt());
        assertEquals(denomPubHashB32, hDenom.toBase32());

        EddsaPublicKey coinPub = new EddsaPublicKey(hex(coin.path("coin_pub_hex")));
        JsonNode achNode = coin.path("h_age_commitment_b32");
        ShortHash ach = achNode.isTextual() ? ShortHash.fromBase32(achNode.asText()) : null;
        HashCode hm = RsaBlinding.coinPubHash(coinPub, ach);
        if (coin.has("coin_pub_hash_hex")) { // tip cases only give the envelope
            assertArrayEquals(hex(coin.path("coin_pub_hash_hex")), hm.bytes());
        }

        BlindingKeySecret bks = new BlindingKeySecret(hex(coin.path("bks_hex")));
        byte[] ev = RsaBlinding.blind(pub, hm, bks);
        assertEquals("RSA", coin.path("coin_ev").path("cipher").asText());
        assertEquals(coin.path("coin_ev").path("rsa_blinded_planchet").asText(), Crockford.encode(ev));
        if (coin.has("coin_ev_hex")) {
            assertArrayEquals(hex(coin.path("coin_ev_hex")), ev);
        }
        HashCode evHash = RsaBlinding.coinEnvelopeHash(hDenom, ev);
        assertArrayEquals(hex(coin.path("coin_ev_hash_hex")), evHash.bytes());
        if (coin.has("coin_ev_hash_b32")) {
            assertEquals(coin.path("coin_ev_hash_b32").asText(), evHash.toBase32());
        }

        RsaPrivateKey priv = PRIVATE_BY_PUB.get(pub.toBase32());
        RsaSignature blindSig = RsaBlinding.sign(priv, ev);
        if (coin.has("blind_sig_hex")) {
            assertArrayEquals(hex(coin.path("blind_sig_hex")), blindSig.encode());
            assertEquals(coin.path("blinded_denom_sig_json").path("blinded_rsa_signature").asText(), blindSig.toBase32());
        }
        RsaSignature sig = RsaBlinding.unblind(pub, blindSig, bks);
        if (coin.has("denom_sig_hex")) {
            assertArrayEquals(hex(coin.path("denom_sig_hex")), sig.encode());
            assertEquals(coin.path("denom_sig_json").path("rsa_signature").asText(), sig.toBase32());
        }
        assertTrue(RsaBlinding.verify(pub, hm, sig));
    }
}

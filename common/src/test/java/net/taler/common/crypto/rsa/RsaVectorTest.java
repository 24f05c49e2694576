package net.taler.common.crypto.rsa;

import static net.taler.common.testing.VectorFile.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.ShortHash;
import net.taler.common.encoding.Crockford;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every {@code rsa-*} case of rsa.json (the {@code kdf-mod-*} cases belong to
 * KdfModVectorTest). Key cases check encodings and hashes, coin/message cases the whole
 * FDH → blind → sign → unblind → verify chain, each against every field the case carries.
 */
class RsaVectorTest {
    private static final String FILE = "rsa.json";
    private static final String PREFIX = "rsa-";
    private static final int EXPECTED_CASES = 12;
    private static final AtomicInteger RUN = new AtomicInteger();
    private static final Map<String, JsonNode> KEYS = new HashMap<>();

    static Stream<Arguments> cases() {
        for (JsonNode c : VectorFile.cases(FILE)) {
            if (c.path("id").asText().startsWith("rsa-key-")) {
                KEYS.put(c.path("id").asText(), c);
            }
        }
        return VectorFile.arguments(FILE, PREFIX);
    }

    @AfterAll
    static void allCasesRan() {
        long inFile = VectorFile.cases(FILE).stream()
                .filter(c -> c.path("id").asText().startsWith(PREFIX)).count();
        assertEquals(EXPECTED_CASES, inFile, "rsa-* cases in " + FILE);
        assertEquals(EXPECTED_CASES, RUN.get(), "rsa-* cases run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        if (id.startsWith("rsa-key-")) {
            keyCase(c);
        } else {
            signatureCase(c);
        }
        RUN.incrementAndGet();
    }

    static BigInteger big(JsonNode n) {
        return new BigInteger(1, hex(n));
    }

    static RsaPrivateKey privateKey(JsonNode keyCase) {
        JsonNode in = keyCase.path("input");
        return RsaPrivateKey.fromComponents(big(in.path("n_hex")), big(in.path("e_hex")), big(in.path("d_hex")),
                big(in.path("p_hex")), big(in.path("q_hex")), big(in.path("dp_hex")), big(in.path("dq_hex")),
                big(in.path("qi_hex")));
    }

    private void keyCase(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        BigInteger n = big(in.path("n_hex"));
        BigInteger e = big(in.path("e_hex"));
        byte[] encoding = hex(out.path("rsa_public_key_hex"));

        RsaPublicKey pub = RsaPublicKey.of(n, e);
        assertEquals(in.path("bits").asInt(), pub.bitLength());
        assertArrayEquals(encoding, pub.encode());
        assertEquals(out.path("rsa_public_key_b32").asText(), pub.toBase32());
        RsaPublicKey decoded = RsaPublicKey.decode(encoding);
        assertEquals(n, decoded.modulus());
        assertEquals(e, decoded.exponent());
        assertEquals(pub, decoded);
        assertEquals(pub, RsaPublicKey.fromBase32(out.path("rsa_public_key_b32").asText()));

        // secmod key id
        assertArrayEquals(hex(out.path("rsa_pub_hash_hex")), pub.hash().bytes());
        assertEquals(out.path("rsa_pub_hash_b32").asText(), pub.hash().toBase32());

        // h_denom_pub, with and without age restriction
        for (String variant : new String[] {"age0", "age_mask"}) {
            JsonNode json = out.path("denom_pub_json_" + variant);
            assertEquals("RSA", json.path("cipher").asText());
            assertEquals(pub, RsaPublicKey.fromBase32(json.path("rsa_public_key").asText()));
            int mask = json.path("age_mask").asInt();
            assertEquals(variant.equals("age0") ? 0 : 278785, mask);
            HashCode h = pub.denominationHash(mask);
            assertArrayEquals(hex(out.path("denom_pub_hash_" + variant + "_hex")), h.bytes(), variant);
            assertEquals(out.path("denom_pub_hash_" + variant + "_b32").asText(), h.toBase32(), variant);
        }

        // private key: all forms agree, the key file round-trips, signatures verify
        RsaPrivateKey priv = privateKey(c);
        assertEquals(pub, priv.publicKey());
        RsaPrivateKey fromPrimes = RsaPrivateKey.fromComponents(n, e, big(in.path("d_hex")),
                big(in.path("p_hex")), big(in.path("q_hex")));
        assertArrayEquals(priv.encode(), fromPrimes.encode());
        RsaPrivateKey reread = RsaPrivateKey.decode(priv.encode());
        assertEquals(pub, reread.publicKey());
        assertArrayEquals(priv.encode(), reread.encode());
        HashCode m = Hashes.sha512("key case".getBytes(StandardCharsets.US_ASCII));
        RsaSignature s = RsaBlinding.signFdh(reread, m);
        assertEquals(RsaBlinding.signFdh(priv, m), s);
        assertTrue(RsaBlinding.verify(pub, m, s));
    }

    private void signatureCase(JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        JsonNode keyCase = KEYS.get(in.path("key").asText());
        RsaPrivateKey priv = privateKey(keyCase);
        RsaPublicKey pub = RsaPublicKey.decode(hex(keyCase.path("output").path("rsa_public_key_hex")));
        int width = pub.modulusBytes();

        // the message: coin public key hash (2.5.5), or SHA-512 of a text
        HashCode hm = new HashCode(hex(in.path("hm_hex")));
        if (in.has("coin_pub_hex")) {
            EddsaPublicKey coinPub = new EddsaPublicKey(hex(in.path("coin_pub_hex")));
            assertEquals(coinPub, EddsaPublicKey.fromBase32(in.path("coin_pub_b32").asText()));
            ShortHash ach = null;
            if (in.has("h_age_commitment_hex")) {
                ach = new ShortHash(hex(in.path("h_age_commitment_hex")));
                assertEquals(ach, ShortHash.fromBase32(in.path("h_age_commitment_b32").asText()));
            }
            assertEquals(hm, RsaBlinding.coinPubHash(coinPub, ach));
        } else if (in.has("search_message")) {
            assertEquals(hm, Hashes.sha512(in.path("search_message").asText().getBytes(StandardCharsets.US_ASCII)));
        } else {
            assertEquals(hm, Hashes.sha512("GNU Taler RSA test message".getBytes(StandardCharsets.US_ASCII)));
        }
        BlindingKeySecret bks = new BlindingKeySecret(hex(in.path("bks_hex")));

        // FDH and blinding factor (displayed left-padded to the modulus width)
        BigInteger fdh = RsaBlinding.fullDomainHash(pub, hm);
        assertArrayEquals(hex(out.path("fdh_hex")), Mpi.toUnsigned(fdh, width));
        BigInteger r = RsaBlinding.blindingFactor(pub, bks);
        assertArrayEquals(hex(out.path("blinding_factor_r_hex")), Mpi.toUnsigned(r, width));

        // blinded message: minimal bytes, as on the wire
        byte[] blinded = RsaBlinding.blind(pub, hm, bks);
        assertArrayEquals(hex(out.path("blinded_msg_hex")), blinded);
        assertEquals(out.path("blinded_msg_length").asInt(), blinded.length);
        assertEquals(out.path("blinded_msg_b32").asText(), Crockford.encode(blinded));
        assertArrayEquals(blinded, Crockford.decodeVariable(out.path("blinded_msg_b32").asText()));

        // signer side
        RsaSignature blindSig = RsaBlinding.sign(priv, Crockford.decodeVariable(out.path("blinded_msg_b32").asText()));
        assertArrayEquals(hex(out.path("blind_sig_hex")), blindSig.encode());
        assertEquals(out.path("blind_sig_b32").asText(), blindSig.toBase32());
        assertEquals(blindSig, RsaSignature.fromBase32(out.path("blind_sig_b32").asText()));

        // unblinding
        RsaSignature sig = RsaBlinding.unblind(pub, blindSig, bks);
        assertArrayEquals(hex(out.path("sig_hex")), sig.encode());
        assertEquals(out.path("sig_length").asInt(), sig.encode().length);
        assertEquals(out.path("sig_b32").asText(), sig.toBase32());
        assertEquals(sig, RsaSignature.fromBase32(out.path("sig_b32").asText()));
        assertEquals(sig, RsaBlinding.signFdh(priv, hm));

        // verification, including the case's negative checks
        assertEquals(out.path("verify_ok").asBoolean(), RsaBlinding.verify(pub, hm, sig));
        assertTrue(out.path("verify_ok").asBoolean());
        JsonNode badHm = out.path("verify_modified_hm");
        assertEquals(badHm.path("ok").asBoolean(),
                RsaBlinding.verify(pub, new HashCode(hex(badHm.path("hm_hex"))), sig));
        JsonNode badSig = out.path("verify_modified_sig");
        assertEquals(badSig.path("ok").asBoolean(),
                RsaBlinding.verify(pub, hm, RsaSignature.decode(hex(badSig.path("sig_hex")))));
    }
}

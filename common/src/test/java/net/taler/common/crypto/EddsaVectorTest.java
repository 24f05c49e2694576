package net.taler.common.crypto;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of eddsa.json: EdDSA, ECDHE, ECDH both ways, Edx25519. */
class EddsaVectorTest {
    private static final String FILE = "eddsa.json";
    private static final AtomicInteger RUN = new AtomicInteger();

    static Stream<Arguments> cases() {
        return VectorFile.arguments(FILE, "");
    }

    @AfterAll
    static void allCasesRan() {
        assertEquals(VectorFile.cases(FILE).size(), RUN.get(), "cases run vs cases in " + FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        if (id.startsWith("eddsa-pub-")) {
            eddsaPub(in, out);
        } else if (id.startsWith("eddsa-sign-")) {
            eddsaSign(in, out);
        } else if (id.startsWith("ecdhe-pub-")) {
            ecdhePub(in, out);
        } else if (id.startsWith("ecdh-")) {
            ecdh(in, out);
        } else if (id.startsWith("edx25519-key-")) {
            edxKey(in, out);
        } else if (id.startsWith("edx25519-derive-")) {
            edxDerive(in, out);
        } else {
            fail("unhandled case " + id);
        }
        RUN.incrementAndGet();
    }

    private static void eddsaPub(JsonNode in, JsonNode out) {
        EddsaPrivateKey priv = new EddsaPrivateKey(hex(in.path("priv_hex")));
        assertEquals(priv, EddsaPrivateKey.fromBase32(in.path("priv_b32").asText()));
        assertEquals(in.path("priv_b32").asText(), priv.toBase32());
        EddsaPublicKey pub = Eddsa.publicKey(priv);
        assertEquals(out.path("pub_hex").asText(), toHex(pub.bytes()));
        assertEquals(out.path("pub_b32").asText(), pub.toBase32());
        assertEquals(pub, EddsaPublicKey.fromBase32(out.path("pub_b32").asText()));
    }

    private static void eddsaSign(JsonNode in, JsonNode out) {
        EddsaPrivateKey priv = EddsaPrivateKey.fromBase32(in.path("priv_b32").asText());
        assertArrayEquals(hex(in.path("priv_hex")), priv.bytes());
        EddsaPublicKey pub = new EddsaPublicKey(hex(in.path("pub_hex")));
        assertEquals(pub, priv.publicKey());
        assertEquals(in.path("pub_b32").asText(), pub.toBase32());
        byte[] msg = hex(in.path("msg_hex"));

        EddsaSignature sig = Eddsa.signRaw(priv, msg);
        assertEquals(out.path("sig_hex").asText(), toHex(sig.bytes()));
        assertEquals(out.path("sig_b32").asText(), sig.toBase32());
        assertEquals(sig, EddsaSignature.fromBase32(out.path("sig_b32").asText()));
        assertEquals(out.path("verify_ok").asBoolean(), Eddsa.verifyRaw(pub, msg, sig));
        assertTrue(out.path("verify_ok").asBoolean());

        JsonNode mm = out.path("verify_modified_msg");
        assertEquals(mm.path("ok").asBoolean(), Eddsa.verifyRaw(pub, hex(mm.path("msg_hex")), sig));
        JsonNode ms = out.path("verify_modified_sig");
        assertEquals(ms.path("ok").asBoolean(),
                Eddsa.verifyRaw(pub, msg, new EddsaSignature(hex(ms.path("sig_hex")))));
        JsonNode mp = out.path("verify_other_pub");
        assertEquals(mp.path("ok").asBoolean(),
                Eddsa.verifyRaw(new EddsaPublicKey(hex(mp.path("pub_hex"))), msg, sig));

        // messages that are purpose blocks: rebuild them with the builder
        if (msg.length >= PurposeBlock.HEADER_SIZE && toInt(msg, 0) == msg.length) {
            int purpose = toInt(msg, 4);
            PurposeBlock block = PurposeBlock.builder(purpose)
                    .bytes(Arrays.copyOfRange(msg, 8, msg.length)).build();
            assertArrayEquals(msg, block.toBytes());
            assertEquals(sig, Eddsa.sign(priv, block));
            assertTrue(Eddsa.verify(pub, block, sig));
            assertTrue(Eddsa.verify(pub, purpose, msg, sig));
            assertFalse(Eddsa.verify(pub, purpose + 1, msg, sig), "wrong purpose number");
        }
    }

    private static void ecdhePub(JsonNode in, JsonNode out) {
        EcdhePrivateKey priv = new EcdhePrivateKey(hex(in.path("priv_hex")));
        assertEquals(priv, EcdhePrivateKey.fromBase32(in.path("priv_b32").asText()));
        EcdhePublicKey pub = Ecdh.publicKey(priv);
        assertEquals(out.path("pub_hex").asText(), toHex(pub.bytes()));
        assertEquals(out.path("pub_b32").asText(), pub.toBase32());
        assertEquals(pub, priv.publicKey());
    }

    private static void ecdh(JsonNode in, JsonNode out) {
        EddsaPrivateKey eddsaPriv = EddsaPrivateKey.fromBase32(in.path("eddsa_priv_b32").asText());
        EddsaPublicKey eddsaPub = EddsaPublicKey.fromBase32(in.path("eddsa_pub_b32").asText());
        EcdhePrivateKey ecdhePriv = EcdhePrivateKey.fromBase32(in.path("ecdhe_priv_b32").asText());
        EcdhePublicKey ecdhePub = EcdhePublicKey.fromBase32(in.path("ecdhe_pub_b32").asText());
        assertArrayEquals(hex(in.path("eddsa_priv_hex")), eddsaPriv.bytes());
        assertArrayEquals(hex(in.path("eddsa_pub_hex")), eddsaPub.bytes());
        assertArrayEquals(hex(in.path("ecdhe_priv_hex")), ecdhePriv.bytes());
        assertArrayEquals(hex(in.path("ecdhe_pub_hex")), ecdhePub.bytes());
        assertEquals(eddsaPub, eddsaPriv.publicKey());
        assertEquals(ecdhePub, ecdhePriv.publicKey());

        byte[] u = Ecdh.eddsaPublicToX25519(eddsaPub).orElseThrow();
        assertEquals(out.path("eddsa_pub_as_curve25519_hex").asText(), toHex(u));
        byte[] shared = Ecdh.x25519(ecdhePriv.bytes(), u).orElseThrow();
        assertEquals(out.path("x25519_shared_hex").asText(), toHex(shared));

        HashCode oneWay = Ecdh.ecdhEddsa(ecdhePriv, eddsaPub).orElseThrow();
        HashCode otherWay = Ecdh.eddsaEcdh(eddsaPriv, ecdhePub).orElseThrow();
        assertEquals(out.path("key_material_hex").asText(), toHex(oneWay.bytes()));
        assertEquals(out.path("key_material_b32").asText(), oneWay.toBase32());
        assertEquals(out.path("ecdhe_x_eddsa_equals_eddsa_x_ecdhe").asBoolean(), oneWay.equals(otherWay));
        assertTrue(oneWay.equals(otherWay));

        // the same value as a refresh transfer secret, both directions
        TransferSecret ts = TransferSecret.derive(ecdhePriv, eddsaPub).orElseThrow();
        assertEquals(ts, TransferSecret.derive(eddsaPriv, ecdhePub).orElseThrow());
        assertArrayEquals(oneWay.bytes(), ts.bytes());
    }

    private static void edxKey(JsonNode in, JsonNode out) {
        Edx25519PrivateKey priv = Edx25519.privateKeyFromSeed(hex(in.path("seed_hex")));
        assertEquals(out.path("priv_hex").asText(), toHex(priv.bytes()));
        assertEquals(out.path("priv_b32").asText(), priv.toBase32());
        Edx25519PublicKey pub = priv.publicKey();
        assertEquals(out.path("pub_hex").asText(), toHex(pub.bytes()));
        assertEquals(out.path("pub_b32").asText(), pub.toBase32());

        byte[] msg = hex(in.path("msg_hex"));
        // the sample message is an age attestation block (1207): mask, age
        PurposeBlock block = PurposeBlock.builder(1207).u32(toInt(msg, 8)).u32(toInt(msg, 12)).build();
        assertArrayEquals(msg, block.toBytes());
        EddsaSignature sig = Edx25519.sign(priv, block);
        assertEquals(out.path("sig_hex").asText(), toHex(sig.bytes()));
        assertTrue(Edx25519.verify(pub, block, sig));
        // it is an ordinary Ed25519 signature
        assertTrue(Eddsa.verifyRaw(pub.bytes(), msg, sig.bytes()));
        byte[] tampered = msg.clone();
        tampered[15] ^= 1;
        assertFalse(Edx25519.verify(pub, tampered, sig));
    }

    private static void edxDerive(JsonNode in, JsonNode out) {
        Edx25519PrivateKey priv = Edx25519PrivateKey.fromBase32(in.path("priv_b32").asText());
        assertArrayEquals(hex(in.path("priv_hex")), priv.bytes());
        Edx25519PublicKey pub = Edx25519PublicKey.fromBase32(in.path("pub_b32").asText());
        assertArrayEquals(hex(in.path("pub_hex")), pub.bytes());
        assertEquals(pub, priv.publicKey());
        byte[] seed = hex(in.path("seed_hex"));

        assertEquals(out.path("derivation_factor_hex").asText(), toHex(Edx25519.derivationFactor(pub, seed)));
        Edx25519PrivateKey dPriv = Edx25519.derivePrivate(priv, seed);
        assertEquals(out.path("derived_priv_hex").asText(), toHex(dPriv.bytes()));
        assertEquals(out.path("derived_priv_b32").asText(), dPriv.toBase32());
        Edx25519PublicKey dPub = Edx25519.derivePublic(pub, seed).orElseThrow();
        assertEquals(out.path("derived_pub_hex").asText(), toHex(dPub.bytes()));
        assertEquals(out.path("derived_pub_b32").asText(), dPub.toBase32());
        assertEquals(dPub, dPriv.publicKey(), "public key of derived private key");

        // a signature with the derived key verifies under the derived public key
        PurposeBlock block = PurposeBlock.builder(1207).u32(0x00255501).u32(13).build();
        assertTrue(Edx25519.verify(dPub, block, Edx25519.sign(dPriv, block)));
        if (seed.length == TransferSecret.SIZE) {
            TransferSecret ts = new TransferSecret(seed);
            assertEquals(dPub, Edx25519.derivePublic(pub, ts).orElseThrow());
            assertEquals(dPriv, Edx25519.derivePrivate(priv, ts));
        }
    }

    private static int toInt(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }
}

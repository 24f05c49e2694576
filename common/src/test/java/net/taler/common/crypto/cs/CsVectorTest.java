package net.taler.common.crypto.cs;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of cs.json (Clause-Schnorr), each as its own test. */
class CsVectorTest {
    private static final String FILE = "cs.json";
    private static final int EXPECTED_CASES = 8;
    private static final AtomicInteger RUN = new AtomicInteger();

    static Stream<Arguments> cases() {
        return VectorFile.arguments(FILE, "");
    }

    @AfterAll
    static void allCasesRan() {
        assertEquals(EXPECTED_CASES, VectorFile.cases(FILE).size(), "cases in " + FILE);
        assertEquals(EXPECTED_CASES, RUN.get(), "cases run");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        if (id.equals("cs-key")) {
            key(in, out);
        } else if (id.startsWith("cs-withdraw-") || id.startsWith("cs-melt-")) {
            flow(id, in, out);
        } else if (id.equals("cs-r-derive-labels")) {
            labels(in, out);
        } else if (id.equals("cs-wallet-core-derivations")) {
            walletCore(in, out);
        } else {
            fail("unhandled case " + id);
        }
        RUN.incrementAndGet();
    }

    private static CsPrivateKey keyFromFile(String id) {
        for (JsonNode c : VectorFile.cases(FILE)) {
            if (c.path("id").asText().equals(id)) {
                return new CsPrivateKey(hex(c.path("input").path("cs_priv_hex")));
            }
        }
        throw new IllegalStateException("no key case " + id);
    }

    private static void key(JsonNode in, JsonNode out) {
        CsPrivateKey priv = new CsPrivateKey(hex(in.path("cs_priv_hex")));
        assertEquals(priv, CsPrivateKey.fromBase32(in.path("cs_priv_b32").asText()));
        CsPublicKey pub = priv.publicKey();
        assertEquals(out.path("cs_pub_hex").asText(), toHex(pub.bytes()));
        assertEquals(out.path("cs_pub_b32").asText(), pub.toBase32());
        assertEquals(pub, CsPublicKey.fromBase32(out.path("denom_pub_json_age0").path("cs_public_key").asText()));
        assertTrue(pub.isValid());
        assertEquals(out.path("cs_pub_hash_hex").asText(), toHex(pub.secmodHash().bytes()));
        assertEquals(out.path("cs_pub_hash_b32").asText(), pub.secmodHash().toBase32());
        assertEquals("CS", out.path("denom_pub_json_age0").path("cipher").asText());
        int mask0 = out.path("denom_pub_json_age0").path("age_mask").asInt();
        int mask = out.path("denom_pub_json_age_mask").path("age_mask").asInt();
        assertEquals(out.path("denom_pub_hash_age0_hex").asText(), toHex(pub.denomPubHash(mask0).bytes()));
        assertEquals(out.path("denom_pub_hash_age0_b32").asText(), pub.denomPubHash(mask0).toBase32());
        assertEquals(out.path("denom_pub_hash_age_mask_hex").asText(), toHex(pub.denomPubHash(mask).bytes()));
        assertEquals(out.path("denom_pub_hash_age_mask_b32").asText(), pub.denomPubHash(mask).toBase32());
    }

    private static void flow(String id, JsonNode in, JsonNode out) {
        CsPrivateKey priv = keyFromFile(in.path("key").asText());
        CsPublicKey pub = new CsPublicKey(hex(in.path("cs_pub_hex")));
        assertEquals(priv.publicKey(), pub);
        assertEquals(in.path("cs_pub_b32").asText(), pub.toBase32());
        PlanchetMasterSecret ps = new PlanchetMasterSecret(hex(in.path("planchet_secret_hex")));
        CsNonce nonce = new CsNonce(hex(in.path("nonce_hex")));
        assertEquals(nonce, CsNonce.fromBase32(in.path("nonce_b32").asText()));
        String label = in.path("r_derive_label").asText();
        boolean forMelt;
        if (id.startsWith("cs-melt-")) {
            assertEquals("rm", label);
            forMelt = true;
            assertEquals(nonce, CsNonce.forRefresh(hex(in.path("refresh_master_secret_hex")),
                    in.path("coin_index").asInt()));
        } else {
            assertEquals("rw", label);
            forMelt = false;
            assertEquals(nonce, CsNonce.forWithdraw(ps));
        }

        // signer: R derivation
        CsRSecretPair rs = Cs.deriveRSecrets(priv, nonce, forMelt);
        assertEquals(out.path("signer_r0_hex").asText(), toHex(rs.r0().bytes()));
        assertEquals(out.path("signer_r1_hex").asText(), toHex(rs.r1().bytes()));
        CsRPublicPair r = Cs.deriveRPublic(priv, nonce, forMelt);
        assertEquals(out.path("r_pub_0_hex").asText(), toHex(r.r0().bytes()));
        assertEquals(out.path("r_pub_1_hex").asText(), toHex(r.r1().bytes()));
        assertEquals(out.path("r_pub_0_b32").asText(), r.r0().toBase32());
        assertEquals(out.path("r_pub_1_b32").asText(), r.r1().toBase32());
        assertEquals(r.r0(), Cs.rPublic(rs.r0()));
        assertEquals(r.r1(), Cs.rPublic(rs.r1()));
        JsonNode ewv = out.path("exchange_withdraw_values_json");
        assertEquals("CS", ewv.path("cipher").asText());
        assertEquals(r.r0(), CsRPublic.fromBase32(ewv.path("r_pub_0").asText()));
        assertEquals(r.r1(), CsRPublic.fromBase32(ewv.path("r_pub_1").asText()));

        // client: coin key, blinding seed, secrets
        EddsaPrivateKey coinPriv = ps.coinPrivateKeyCs(r.r0().bytes(), r.r1().bytes());
        assertEquals(out.path("coin_priv_hex").asText(), toHex(coinPriv.bytes()));
        assertEquals(out.path("coin_pub_hex").asText(), toHex(coinPriv.publicKey().bytes()));
        byte[] seed = ps.csBlindingSeed(r.r0().bytes(), r.r1().bytes());
        assertEquals(out.path("blind_seed_bks_hex").asText(), toHex(seed));
        HashCode cHash = Hashes.sha512(coinPriv.publicKey().bytes());
        assertEquals(out.path("c_hash_hex").asText(), toHex(cHash.bytes()));
        CsBlindingSecrets bs = CsBlindingSecrets.derive(seed);
        assertEquals(bs, CsBlindingSecrets.forPlanchet(ps, r));
        assertEquals(out.path("alpha_0_hex").asText(), toHex(bs.alpha(0)));
        assertEquals(out.path("beta_0_hex").asText(), toHex(bs.beta(0)));
        assertEquals(out.path("alpha_1_hex").asText(), toHex(bs.alpha(1)));
        assertEquals(out.path("beta_1_hex").asText(), toHex(bs.beta(1)));

        // client: blinding
        CsBlindingResult blinded = Cs.blind(pub, r, bs, cHash, nonce);
        assertEquals(out.path("r_pub_blind_0_hex").asText(), toHex(blinded.blindedR().r0().bytes()));
        assertEquals(out.path("r_pub_blind_1_hex").asText(), toHex(blinded.blindedR().r1().bytes()));
        assertEquals(out.path("c_dash_0_hex").asText(),
                toHex(Cs.fdh(blinded.blindedR().r0().bytes(), cHash.bytes(), pub)));
        assertEquals(out.path("c_dash_1_hex").asText(),
                toHex(Cs.fdh(blinded.blindedR().r1().bytes(), cHash.bytes(), pub)));
        CsBlindedMessage planchet = blinded.message();
        assertEquals(out.path("blinded_c0_hex").asText(), toHex(planchet.c0()));
        assertEquals(out.path("blinded_c1_hex").asText(), toHex(planchet.c1()));
        JsonNode bp = out.path("blinded_planchet_json");
        assertEquals("CS", bp.path("cipher").asText());
        assertEquals(out.path("blinded_c0_b32").asText(), bp.path("cs_blinded_c0").asText());
        assertEquals(out.path("blinded_c1_b32").asText(), bp.path("cs_blinded_c1").asText());
        assertEquals(nonce, CsNonce.fromBase32(bp.path("cs_nonce").asText()));
        assertEquals(nonce, planchet.nonce());
        assertEquals(bp.path("cs_blinded_c0").asText(), new CsRPublic(planchet.c0()).toBase32());
        assertEquals(bp.path("cs_blinded_c1").asText(), new CsRPublic(planchet.c1()).toBase32());
        assertEquals(out.path("coin_ev_hash_hex").asText(),
                toHex(planchet.envelopeHash(pub.denomPubHash(0)).bytes()));

        // signer: blind signature
        assertEquals(out.path("signer_b_kdf4_hex").asText(),
                toHex(Kdf.kdf(4, ascii("b"), priv.bytes(), nonce.bytes())));
        int b = out.path("b").asInt();
        assertEquals(b, Cs.deriveB(priv, nonce));
        CsBlindSignature blindSig = Cs.sign(priv, planchet, forMelt);
        assertEquals(b, blindSig.b());
        assertEquals(out.path("blind_s_hex").asText(), toHex(blindSig.s()));
        assertEquals(out.path("blind_s_b32").asText(), blindSig.sBase32());
        JsonNode bsj = out.path("blinded_sig_json");
        assertEquals("CS", bsj.path("cipher").asText());
        assertEquals(b, bsj.path("b").asInt());
        assertEquals(out.path("blind_s_b32").asText(), bsj.path("s").asText());

        // client: unblinding, both variants
        CsSignature sig = Cs.unblind(blindSig, bs, blinded.blindedR());
        assertEquals(sig, Cs.unblind(blindSig, bs, r, pub, cHash));
        assertEquals(out.path("sig_r_hex").asText(), toHex(sig.r().bytes()));
        assertEquals(out.path("sig_s_hex").asText(), toHex(sig.s()));
        assertEquals(out.path("sig_r_b32").asText(), sig.r().toBase32());
        assertEquals(out.path("sig_s_b32").asText(), new CsRPublic(sig.s()).toBase32());
        JsonNode ds = out.path("denom_sig_json");
        assertEquals("CS", ds.path("cipher").asText());
        assertEquals(sig.r(), CsRPublic.fromBase32(ds.path("cs_signature_r").asText()));
        assertEquals(out.path("sig_s_b32").asText(), ds.path("cs_signature_s").asText());

        // verification and the file's negative checks
        assertTrue(out.path("verify_ok").asBoolean());
        assertTrue(Cs.verify(sig, pub, cHash));
        JsonNode badHash = out.path("verify_modified_c_hash");
        assertFalse(badHash.path("ok").asBoolean());
        assertFalse(Cs.verify(sig, pub, new HashCode(hex(badHash.path("c_hash_hex")))));
        JsonNode badS = out.path("verify_modified_s");
        assertFalse(badS.path("ok").asBoolean());
        assertFalse(Cs.verify(new CsSignature(sig.r(), hex(badS.path("sig_s_hex"))), pub, cHash));
    }

    private static void labels(JsonNode in, JsonNode out) {
        CsPrivateKey priv = keyFromFile(in.path("key").asText());
        CsNonce nonce = new CsNonce(hex(in.path("nonce_hex")));
        assertEquals(nonce, CsNonce.fromBase32(in.path("nonce_b32").asText()));
        for (String label : new String[] {"rw", "rm"}) {
            boolean forMelt = label.equals("rm");
            JsonNode o = out.path(label);
            CsRSecretPair rs = Cs.deriveRSecrets(priv, nonce, forMelt);
            assertEquals(o.path("r0_hex").asText(), toHex(rs.r0().bytes()), label);
            assertEquals(o.path("r1_hex").asText(), toHex(rs.r1().bytes()), label);
            CsRPublicPair r = Cs.deriveRPublic(priv, nonce, forMelt);
            assertEquals(o.path("r_pub_0_hex").asText(), toHex(r.r0().bytes()), label);
            assertEquals(o.path("r_pub_1_hex").asText(), toHex(r.r1().bytes()), label);
            assertEquals(o.path("r_pub_0_b32").asText(), r.r0().toBase32(), label);
            assertEquals(o.path("r_pub_1_b32").asText(), r.r1().toBase32(), label);
        }
    }

    /** wallet-core's own (unused) CS helpers: nonce and blinding seed from the coin key. */
    private static void walletCore(JsonNode in, JsonNode out) {
        byte[] coinPriv = hex(in.path("coin_priv_hex"));
        assertEquals(in.path("coin_priv_b32").asText(), new EddsaPrivateKey(coinPriv).toBase32());
        byte[] r0 = hex(in.path("r_pub_0_hex"));
        byte[] r1 = hex(in.path("r_pub_1_hex"));
        assertEquals(out.path("nonce_hex").asText(), toHex(Kdf.kdf(32, ascii("n"), coinPriv)));
        byte[] ikm = new byte[96];
        System.arraycopy(coinPriv, 0, ikm, 0, 32);
        System.arraycopy(r0, 0, ikm, 32, 32);
        System.arraycopy(r1, 0, ikm, 64, 32);
        byte[] seed = Kdf.kdf(32, ascii("b-seed"), ikm);
        assertEquals(out.path("bseed_hex").asText(), toHex(seed));
        CsBlindingSecrets bs = CsBlindingSecrets.derive(seed);
        assertEquals(out.path("alpha_0_hex").asText(), toHex(bs.alpha(0)));
        assertEquals(out.path("beta_0_hex").asText(), toHex(bs.beta(0)));
        assertEquals(out.path("alpha_1_hex").asText(), toHex(bs.alpha(1)));
        assertEquals(out.path("beta_1_hex").asText(), toHex(bs.beta(1)));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

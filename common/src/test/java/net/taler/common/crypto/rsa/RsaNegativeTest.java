package net.taler.common.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tampered signatures, wrong keys, malformed encodings and out-of-range values. */
class RsaNegativeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final RsaPrivateKey KEY_1024 = key("rsa-key-1024");
    private static final RsaPrivateKey KEY_2048 = key("rsa-key-2048");
    private static final RsaPublicKey PUB = KEY_1024.publicKey();
    private static final HashCode MSG = Hashes.sha512("negative".getBytes(StandardCharsets.US_ASCII));
    private static final BlindingKeySecret BKS = new BlindingKeySecret(new byte[32]);

    static RsaPrivateKey key(String id) {
        for (JsonNode c : VectorFile.cases("rsa.json")) {
            if (c.path("id").asText().equals(id)) {
                return RsaVectorTest.privateKey(c);
            }
        }
        throw new IllegalStateException(id);
    }

    // ------------------------------------------------------------- signatures

    @Test
    void everyFlippedSignatureBitIsRejected() {
        RsaSignature sig = RsaBlinding.signFdh(KEY_1024, MSG);
        assertTrue(RsaBlinding.verify(PUB, MSG, sig));
        byte[] raw = sig.encode();
        for (int i = 0; i < raw.length * 8; i++) {
            byte[] t = raw.clone();
            t[i / 8] ^= (byte) (1 << (i % 8));
            if (new BigInteger(1, t).signum() == 0) {
                continue;
            }
            assertFalse(RsaBlinding.verify(PUB, MSG, RsaSignature.decode(t)), "bit " + i);
        }
    }

    @Test
    void wrongKeyOrMessageIsRejected() {
        RsaSignature sig = RsaBlinding.signFdh(KEY_1024, MSG);
        assertFalse(RsaBlinding.verify(KEY_2048.publicKey(), MSG, sig));
        assertFalse(RsaBlinding.verify(PUB, Hashes.sha512(new byte[] {1}), sig));
        RsaSignature other = RsaBlinding.signFdh(KEY_2048, MSG);
        assertFalse(RsaBlinding.verify(PUB, MSG, other)); // also >= n for the small key, mostly
        assertFalse(RsaBlinding.verify(PUB, MSG, null));
    }

    @Test
    void signatureOutOfRangeIsRejected() {
        BigInteger n = PUB.modulus();
        RsaSignature sig = RsaBlinding.signFdh(KEY_1024, MSG);
        assertFalse(RsaBlinding.verify(PUB, MSG, RsaSignature.of(sig.value().add(n))));
        assertFalse(RsaBlinding.verify(PUB, MSG, RsaSignature.of(n)));
        assertFalse(RsaBlinding.verify(PUB, MSG, RsaSignature.of(BigInteger.ONE)));
        assertFalse(RsaBlinding.verify(PUB, MSG, RsaSignature.of(n.subtract(BigInteger.ONE))));
    }

    @Test
    void malformedSignatureEncodings() {
        assertThrows(IllegalArgumentException.class, () -> RsaSignature.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RsaSignature.decode(new byte[128]));
        assertThrows(IllegalArgumentException.class,
                () -> RsaSignature.decode(new byte[RsaSignature.MAX_ENCODED_BYTES + 1]));
        assertThrows(IllegalArgumentException.class, () -> RsaSignature.of(BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RsaSignature.of(BigInteger.ONE.negate()));
        assertThrows(IllegalArgumentException.class, () -> RsaSignature.fromBase32("0")); // no whole byte
        assertThrows(IllegalArgumentException.class, () -> RsaSignature.fromBase32("AB-D"));
        // leading zeros are tolerated like C, and the value re-encodes minimally
        RsaSignature sig = RsaBlinding.signFdh(KEY_1024, MSG);
        byte[] padded = new byte[sig.encode().length + 3];
        System.arraycopy(sig.encode(), 0, padded, 3, sig.encode().length);
        RsaSignature fromPadded = RsaSignature.decode(padded);
        assertEquals(sig, fromPadded);
        assertArrayEquals(sig.encode(), fromPadded.encode());
        assertTrue(RsaBlinding.verify(PUB, MSG, fromPadded));
    }

    // --------------------------------------------------------------- signer

    @Test
    void signerRejectsOutOfRangeMessages() {
        BigInteger n = PUB.modulus();
        byte[] nBytes = Mpi.toUnsigned(n);
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, nBytes));
        assertThrows(IllegalArgumentException.class,
                () -> RsaBlinding.sign(KEY_1024, Mpi.toUnsigned(n.add(BigInteger.ONE))));
        byte[] allOnes = new byte[nBytes.length];
        Arrays.fill(allOnes, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, allOnes));
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, new byte[128]));
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, new byte[1000]));
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, BigInteger.ZERO));
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, n.negate()));
        // a message for the 2048-bit key is out of range for the 1024-bit key
        byte[] big = RsaBlinding.blind(KEY_2048.publicKey(), MSG, BKS);
        if (new BigInteger(1, big).compareTo(n) >= 0) {
            assertThrows(IllegalArgumentException.class, () -> RsaBlinding.sign(KEY_1024, big));
        }
    }

    @Test
    void signerAcceptsLeadingZerosAndEdgeValues() {
        byte[] blinded = RsaBlinding.blind(PUB, MSG, BKS);
        byte[] padded = new byte[blinded.length + 2];
        System.arraycopy(blinded, 0, padded, 2, blinded.length);
        assertEquals(RsaBlinding.sign(KEY_1024, blinded), RsaBlinding.sign(KEY_1024, padded));
        BigInteger n = PUB.modulus();
        assertEquals(BigInteger.ONE, RsaBlinding.sign(KEY_1024, new byte[] {1}).value());
        assertEquals(n.subtract(BigInteger.ONE),
                RsaBlinding.sign(KEY_1024, n.subtract(BigInteger.ONE)).value());
    }

    @Test
    void unblindRejectsOutOfRange() {
        BigInteger n = PUB.modulus();
        assertThrows(IllegalArgumentException.class, () -> RsaBlinding.unblind(PUB, RsaSignature.of(n), BKS));
        assertThrows(IllegalArgumentException.class,
                () -> RsaBlinding.unblind(PUB, RsaSignature.of(n.shiftLeft(3)), BKS));
    }

    @Test
    void maliciousModulusIsDetected() {
        // n = 3 * (2^1023 + 1): about a third of all FDH values and blinding factors share
        // the factor 3 with n. GNUnet treats that as a malicious key; so must we.
        BigInteger n = BigInteger.valueOf(3).multiply(BigInteger.ONE.shiftLeft(1023).add(BigInteger.ONE));
        RsaPublicKey bad = RsaPublicKey.of(n, BigInteger.valueOf(65537));
        int fdhRefusals = 0;
        int blindingRefusals = 0;
        for (int i = 0; i < 40; i++) {
            HashCode m = Hashes.sha512(new byte[] {(byte) i});
            BlindingKeySecret b = new BlindingKeySecret(Arrays.copyOf(m.bytes(), 32));
            try {
                RsaBlinding.fullDomainHash(bad, m);
            } catch (IllegalArgumentException ex) {
                fdhRefusals++;
                assertFalse(RsaBlinding.verify(bad, m, RsaSignature.of(BigInteger.TWO)));
                assertThrows(IllegalArgumentException.class, () -> RsaBlinding.blind(bad, m, b));
            }
            try {
                RsaBlinding.blindingFactor(bad, b);
            } catch (IllegalArgumentException ex) {
                blindingRefusals++;
                assertThrows(IllegalArgumentException.class, () -> RsaBlinding.blind(bad, m, b));
                assertThrows(IllegalArgumentException.class,
                        () -> RsaBlinding.unblind(bad, RsaSignature.of(BigInteger.TWO), b));
            }
        }
        assertTrue(fdhRefusals > 0 && blindingRefusals > 0, fdhRefusals + "/" + blindingRefusals);
    }

    /**
     * A CRT key whose in-memory values are corrupted (as by a fault) produces a signature that
     * is right mod one prime only, which would reveal the other prime. The self-check must
     * refuse to release it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dP", "dQ", "qInv"})
    void faultyCrtResultIsNeverReleased(String corrupt) throws Exception {
        BigInteger p = KEY_1024.p();
        BigInteger q = KEY_1024.q();
        BigInteger d = KEY_1024.d();
        BigInteger dp = d.mod(p.subtract(BigInteger.ONE));
        BigInteger dq = d.mod(q.subtract(BigInteger.ONE));
        BigInteger qi = q.modInverse(p);
        switch (corrupt) {
            case "dP" -> dp = dp.flipBit(7);
            case "dQ" -> dq = dq.flipBit(100);
            default -> qi = qi.flipBit(3);
        }
        var ctor = RsaPrivateKey.class.getDeclaredConstructor(RsaPublicKey.class, BigInteger.class,
                BigInteger.class, BigInteger.class, BigInteger.class, BigInteger.class, BigInteger.class);
        ctor.setAccessible(true);
        RsaPrivateKey faulty = ctor.newInstance(PUB, d, p, q, dp, dq, qi);
        byte[] blinded = RsaBlinding.blind(PUB, MSG, BKS);
        assertThrows(IllegalStateException.class, () -> RsaBlinding.sign(faulty, blinded));
        assertThrows(IllegalStateException.class, () -> RsaBlinding.signFdh(faulty, MSG));
    }

    // ------------------------------------------------------------ public keys

    @Test
    void publicKeyEncodingIsStrict() {
        byte[] good = PUB.encode();
        assertEquals(PUB, RsaPublicKey.decode(good));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(Arrays.copyOf(good, good.length + 1)));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(Arrays.copyOf(good, good.length - 1)));
        // header lengths that do not add up
        byte[] t = good.clone();
        t[1]++;
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(t));
        byte[] t2 = good.clone();
        t2[3]--;
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(t2));
        // leading zero in n: decodes in C but would re-encode differently
        byte[] lz = new byte[good.length + 1];
        lz[0] = 0;
        lz[1] = (byte) (good[1] + 1);
        lz[2] = good[2];
        lz[3] = good[3];
        System.arraycopy(good, 4, lz, 5, good.length - 4);
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(lz));
        // leading zero in e
        byte[] lze = Arrays.copyOf(good, good.length + 1);
        lze[3]++;
        System.arraycopy(good, good.length - 3, lze, good.length - 2, 3);
        lze[good.length - 3] = 0;
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(lze));
    }

    @ParameterizedTest
    @ValueSource(strings = {"even-n", "e-1", "e-even", "e-too-big", "n-small", "n-huge", "e-empty"})
    void publicKeyValuesAreChecked(String what) {
        BigInteger n = PUB.modulus();
        BigInteger e = PUB.exponent();
        switch (what) {
            case "even-n" -> n = n.add(BigInteger.ONE);
            case "e-1" -> e = BigInteger.ONE;
            case "e-even" -> e = BigInteger.valueOf(65536);
            case "e-too-big" -> e = n.add(BigInteger.TWO);
            case "n-small" -> n = BigInteger.ONE.shiftLeft(300).add(BigInteger.ONE);
            case "n-huge" -> n = BigInteger.ONE.shiftLeft(RsaPublicKey.MAX_MODULUS_BITS).add(BigInteger.ONE);
            case "e-empty" -> {
                byte[] nb = Mpi.toUnsigned(n);
                byte[] enc = new byte[4 + nb.length];
                enc[0] = (byte) (nb.length >>> 8);
                enc[1] = (byte) nb.length;
                System.arraycopy(nb, 0, enc, 4, nb.length);
                assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(enc));
                return;
            }
            default -> throw new IllegalStateException(what);
        }
        BigInteger fn = n;
        BigInteger fe = e;
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.of(fn, fe));
        byte[] nb = Mpi.toUnsigned(fn);
        byte[] eb = Mpi.toUnsigned(fe);
        if (nb.length <= 0xffff) {
            byte[] enc = new byte[4 + nb.length + eb.length];
            enc[0] = (byte) (nb.length >>> 8);
            enc[1] = (byte) nb.length;
            enc[2] = (byte) (eb.length >>> 8);
            enc[3] = (byte) eb.length;
            System.arraycopy(nb, 0, enc, 4, nb.length);
            System.arraycopy(eb, 0, enc, 4 + nb.length, eb.length);
            assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.decode(enc));
        }
    }

    @Test
    void publicKeyBase32MustBeWholeBytes() {
        String b32 = PUB.toBase32();
        assertEquals(PUB, RsaPublicKey.fromBase32(b32.toLowerCase()));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.fromBase32(b32 + "0"));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.fromBase32(b32.substring(1)));
        assertThrows(IllegalArgumentException.class, () -> RsaPublicKey.fromBase32(b32.replace('A', '!')));
    }

    // ------------------------------------------------------------ private keys

    @Test
    void inconsistentPrivateKeysAreRejected() {
        BigInteger n = PUB.modulus();
        BigInteger e = PUB.exponent();
        BigInteger d = KEY_1024.d();
        BigInteger p = KEY_1024.p();
        BigInteger q = KEY_1024.q();
        assertThrows(IllegalArgumentException.class,
                () -> RsaPrivateKey.fromComponents(n, e, d.add(BigInteger.TWO), p, q));
        assertThrows(IllegalArgumentException.class,
                () -> RsaPrivateKey.fromComponents(n, e, d, p.add(BigInteger.TWO), q));
        assertThrows(IllegalArgumentException.class,
                () -> RsaPrivateKey.fromComponents(n, e, d, p, p));
        assertThrows(IllegalArgumentException.class,
                () -> RsaPrivateKey.fromComponents(n, BigInteger.valueOf(3), d, p, q));
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        BigInteger qi = q.modInverse(p);
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.fromComponents(n, e, d, p, q,
                d.mod(p1).add(BigInteger.ONE), d.mod(q1), qi));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.fromComponents(n, e, d, p, q,
                d.mod(p1), d.mod(q1).subtract(BigInteger.ONE), qi));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.fromComponents(n, e, d, p, q,
                d.mod(p1), d.mod(q1), qi.add(BigInteger.ONE)));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.fromComponents(n, e, d, p, q,
                d.mod(p1), d.mod(q1), p.modInverse(q))); // libgcrypt's u is not PKCS#1 qInv
    }

    @Test
    void generationRejectsUnsupportedSizes() {
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.generate(1023));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.generate(8193));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.generate(0));
    }

    @Test
    void toStringHidesSecrets() {
        String s = KEY_1024.toString();
        String hexLower = s.toLowerCase();
        for (BigInteger secret : new BigInteger[] {KEY_1024.d(), KEY_1024.p(), KEY_1024.q()}) {
            assertFalse(hexLower.contains(secret.toString(16).substring(0, 12)), s);
            assertFalse(s.contains(secret.toString().substring(0, 12)), s);
            assertFalse(s.contains(net.taler.common.encoding.Crockford.encode(Mpi.toUnsigned(secret)).substring(0, 12)), s);
        }
        assertTrue(s.contains("1024"));
        assertFalse(s.contains(HEX.formatHex(Mpi.toUnsigned(KEY_1024.d())).substring(0, 12)));
    }
}

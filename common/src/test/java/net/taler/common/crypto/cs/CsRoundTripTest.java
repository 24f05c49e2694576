package net.taler.common.crypto.cs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;

import net.taler.common.crypto.Edwards25519;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PlanchetMasterSecret;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Full blind → sign → unblind → verify runs with random keys, and the ways they must fail. */
class CsRoundTripTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] IDENTITY = HEX.parseHex(
            "0100000000000000000000000000000000000000000000000000000000000000");
    private static final byte[] ORDER8 = HEX.parseHex(
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
    private static final byte[] NON_CANONICAL = HEX.parseHex(
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /** Everything one withdrawal produces. */
    private record Run(CsPrivateKey key, CsPublicKey pub, HashCode message, CsRPublicPair r,
            CsBlindingSecrets secrets, CsBlindingResult blinded, CsBlindSignature blindSig, CsSignature sig) {
    }

    private static Run run(CsPrivateKey key, boolean forMelt) {
        PlanchetMasterSecret ps = new PlanchetMasterSecret(random(32));
        CsNonce nonce = forMelt ? CsNonce.forRefresh(random(32), 3) : CsNonce.forWithdraw(ps);
        CsRPublicPair r = Cs.deriveRPublic(key, nonce, forMelt);
        CsBlindingSecrets bs = CsBlindingSecrets.forPlanchet(ps, r);
        HashCode m = Hashes.sha512(ps.coinPrivateKeyCs(r.r0().bytes(), r.r1().bytes()).publicKey().bytes());
        CsPublicKey pub = new CsPublicKey(key.publicKey().bytes()); // fresh object, as parsed from JSON
        CsBlindingResult blinded = Cs.blind(pub, r, bs, m, nonce);
        CsBlindSignature bsig = Cs.sign(key, blinded.message(), forMelt);
        CsSignature sig = Cs.unblind(bsig, bs, blinded.blindedR());
        return new Run(key, pub, m, r, bs, blinded, bsig, sig);
    }

    @ParameterizedTest(name = "forMelt={0}")
    @ValueSource(booleans = {false, true})
    void randomRoundTrips(boolean forMelt) {
        int[] bCount = new int[2];
        for (int i = 0; i < 24; i++) {
            Run run = run(CsPrivateKey.generate(), forMelt);
            assertTrue(run.pub().isValid());
            assertTrue(Cs.verify(run.sig(), run.pub(), run.message()));
            assertEquals(run.sig(), Cs.unblind(run.blindSig(), run.secrets(), run.r(), run.pub(), run.message()));
            assertEquals(run.blinded().blindedR().get(run.blindSig().b()), run.sig().r());
            // the signer is deterministic (abort-idempotent)
            assertEquals(run.blindSig(), Cs.sign(run.key(), run.blinded().message(), forMelt));
            bCount[run.blindSig().b()]++;
        }
        assertTrue(bCount[0] > 0 && bCount[1] > 0, "both clauses should occur");
    }

    @Test
    void labelsSeparateWithdrawAndMelt() {
        CsPrivateKey key = CsPrivateKey.generate();
        CsNonce nonce = CsNonce.random();
        assertNotEquals(Cs.deriveRPublic(key, nonce, false), Cs.deriveRPublic(key, nonce, true));
        // a melt signature answers a melt planchet only
        Run run = run(key, false);
        CsBlindSignature wrong = Cs.sign(key, run.blinded().message(), true);
        if (wrong.b() == run.blindSig().b()) {
            assertFalse(Cs.verify(Cs.unblind(wrong, run.secrets(), run.blinded().blindedR()), run.pub(),
                    run.message()));
        }
    }

    @Test
    void tamperedSignaturesFail() {
        Run run = run(CsPrivateKey.generate(), false);
        byte[] raw = run.sig().bytes();
        for (int bit : new int[] {0, 7, 100, 254, 256, 300, 500}) {
            byte[] t = raw.clone();
            t[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Cs.verify(new CsSignature(t), run.pub(), run.message()), "bit " + bit);
        }
        // the other clause's R with the same s
        CsSignature otherR = new CsSignature(run.blinded().blindedR().get(1 - run.blindSig().b()), run.sig().s());
        assertFalse(Cs.verify(otherR, run.pub(), run.message()));
        // unblinding with the wrong b
        CsBlindSignature flipped = new CsBlindSignature(1 - run.blindSig().b(), run.blindSig().s());
        assertFalse(Cs.verify(Cs.unblind(flipped, run.secrets(), run.blinded().blindedR()), run.pub(),
                run.message()));
        // wrong message
        byte[] m = run.message().bytes();
        m[63] ^= 1;
        assertFalse(Cs.verify(run.sig(), run.pub(), new HashCode(m)));
        // the blind signature itself is not a signature on the message
        assertFalse(Cs.verify(new CsSignature(run.r().get(run.blindSig().b()), run.blindSig().s()), run.pub(),
                run.message()));
    }

    @Test
    void concurrentUseOfFreshKeyObjects() {
        Run run = run(CsPrivateKey.generate(), false);
        byte[] pub = run.pub().bytes();
        long ok = java.util.stream.IntStream.range(0, 64).parallel()
                .filter(i -> Cs.verify(run.sig(), new CsPublicKey(pub), run.message()))
                .count();
        assertEquals(64, ok);
    }

    @Test
    void wrongKeyFails() {
        Run run = run(CsPrivateKey.generate(), false);
        CsPublicKey other = CsPrivateKey.generate().publicKey();
        assertFalse(Cs.verify(run.sig(), other, run.message()));
    }

    @Test
    void unreducedScalarsVerifyLikeLibsodium() {
        // base_noclamp uses s as given (bit 255 cleared), so s + L and s | 2^255 name the same point
        Run run = run(CsPrivateKey.generate(), false);
        BigInteger s = Edwards25519.scalarFromLe(run.sig().s());
        CsSignature plusL = new CsSignature(run.sig().r(), Edwards25519.scalarToLe(s.add(Edwards25519.L)));
        assertTrue(Cs.verify(plusL, run.pub(), run.message()));
        CsSignature bit255 = new CsSignature(run.sig().r(), Edwards25519.scalarToLe(s.setBit(255)));
        assertTrue(Cs.verify(bit255, run.pub(), run.message()));
    }

    @Test
    void degenerateScalarsFailVerification() {
        Run run = run(CsPrivateKey.generate(), false);
        for (BigInteger s : new BigInteger[] {BigInteger.ZERO, Edwards25519.L, BigInteger.ONE.shiftLeft(255)}) {
            assertFalse(Cs.verify(new CsSignature(run.sig().r(), Edwards25519.scalarToLe(s)), run.pub(),
                    run.message()));
        }
    }

    @Test
    void invalidPointEncodingsAreRejectedCleanly() {
        Run run = run(CsPrivateKey.generate(), false);
        byte[] mixed = Edwards25519.pointAdd(run.pub().bytes(), ORDER8);
        byte[] offCurve = offCurvePoint();
        for (byte[] bad : new byte[][] {IDENTITY, ORDER8, NON_CANONICAL, mixed, offCurve, new byte[32]}) {
            CsPublicKey key = new CsPublicKey(bad);
            assertFalse(key.isValid(), HEX.formatHex(bad));
            assertFalse(Cs.verify(run.sig(), key, run.message()));
            assertThrows(IllegalArgumentException.class,
                    () -> Cs.blind(key, run.r(), run.secrets(), run.message(), CsNonce.random()));
            // as the signature's R: no exception, just false
            assertFalse(Cs.verify(new CsSignature(new CsRPublic(bad), run.sig().s()), run.pub(), run.message()));
        }
        for (byte[] bad : new byte[][] {NON_CANONICAL, offCurve}) {
            CsRPublicPair r = new CsRPublicPair(new CsRPublic(bad), run.r().r1());
            assertThrows(IllegalArgumentException.class,
                    () -> Cs.blind(run.pub(), r, run.secrets(), run.message(), CsNonce.random()));
            CsRPublicPair r1 = new CsRPublicPair(run.r().r0(), new CsRPublic(bad));
            assertThrows(IllegalArgumentException.class,
                    () -> Cs.blind(run.pub(), r1, run.secrets(), run.message(), CsNonce.random()));
        }
        assertFalse(Cs.verify(null, run.pub(), run.message()));
        assertFalse(Cs.verify(run.sig(), null, run.message()));
        assertFalse(Cs.verify(run.sig(), run.pub(), null));
    }

    private static byte[] offCurvePoint() {
        while (true) {
            byte[] e = random(32);
            e[31] &= 0x7f;
            if (CsCurve.decode(e) == null && e[31] != 0x7f) {
                return e;
            }
        }
    }

    @Test
    void privateKeysMustBeReducedNonZeroScalars() {
        assertThrows(IllegalArgumentException.class, () -> new CsPrivateKey(new byte[32]));
        assertThrows(IllegalArgumentException.class,
                () -> new CsPrivateKey(Edwards25519.scalarToLe(Edwards25519.L)));
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        assertThrows(IllegalArgumentException.class, () -> new CsPrivateKey(ff));
        assertThrows(IllegalArgumentException.class, () -> new CsPrivateKey(new byte[31]));
        CsPrivateKey max = new CsPrivateKey(Edwards25519.scalarToLe(Edwards25519.L.subtract(BigInteger.ONE)));
        assertArrayEquals(Edwards25519.scalarMultBaseNoclamp(max.bytes()), max.publicKey().bytes());
    }

    @Test
    void secretsAreNotPrinted() {
        CsPrivateKey key = CsPrivateKey.generate();
        CsRSecretPair rs = Cs.deriveRSecrets(key, CsNonce.random(), false);
        CsBlindingSecrets bs = CsBlindingSecrets.derive(random(32));
        for (Object secret : new Object[] {key, rs.r0(), bs}) {
            String s = secret.toString();
            assertTrue(s.contains("<secret>"), s);
        }
        assertFalse(key.toString().contains(key.toBase32()));
        assertFalse(rs.toString().contains(rs.r0().toBase32()));
    }

    @Test
    void signerReducesArbitraryChallengesLikeLibsodium() {
        CsPrivateKey key = CsPrivateKey.generate();
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        CsNonce nonce = CsNonce.random();
        CsBlindSignature sig = Cs.sign(key, new CsBlindedMessage(ff, ff, nonce), false);
        CsRSecret r = Cs.deriveRSecrets(key, nonce, false).get(sig.b());
        BigInteger expected = Edwards25519.scalarFromLe(r.bytes())
                .add(Edwards25519.scalarFromLe(ff).multiply(Edwards25519.scalarFromLe(key.bytes())))
                .mod(Edwards25519.L);
        assertEquals(expected, Edwards25519.scalarFromLe(sig.s()));
    }

    @Test
    void scalarAdditionDropsTheCarryLikeLibsodium() {
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);
        BigInteger expected = max.add(max).mod(BigInteger.ONE.shiftLeft(256)).mod(Edwards25519.L);
        assertEquals(expected, Edwards25519.scalarFromLe(Cs.sodiumScalarAdd(ff, ff)));
        byte[] a = Edwards25519.scalarToLe(Edwards25519.L.subtract(BigInteger.ONE));
        assertArrayEquals(Edwards25519.scalarAdd(a, a), Cs.sodiumScalarAdd(a, a));
    }

    @Test
    void valueTypesCheckSizesAndRoundTripBase32() {
        assertThrows(IllegalArgumentException.class, () -> new CsBlindSignature(2, new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new CsBlindSignature(0, new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new CsNonce(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> new CsBlindedMessage(new byte[32], new byte[31],
                CsNonce.random()));
        assertThrows(IllegalArgumentException.class, () -> CsNonce.forRefresh(new byte[31], 0));
        assertThrows(IllegalArgumentException.class, () -> CsBlindingSecrets.derive(new byte[16]));
        CsBlindedMessage m = new CsBlindedMessage(random(32), random(32), CsNonce.random());
        assertEquals(m, new CsBlindedMessage(m.c0(), m.c1(), m.nonce()));
        CsPublicKey pub = CsPrivateKey.generate().publicKey();
        assertEquals(pub, CsPublicKey.fromBase32(pub.toBase32()));
        CsSignature sig = new CsSignature(random(64));
        assertEquals(sig, new CsSignature(sig.r(), sig.s()));
        assertEquals(Hashes.sha512(HashCode.ZERO.bytes(), new byte[] {0, 0, 0, 2}, m.bytes()),
                m.envelopeHash(HashCode.ZERO));
    }
}

package net.taler.common.crypto.cs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import net.taler.common.crypto.Edwards25519;
import org.junit.jupiter.api.Test;

/**
 * The fast point arithmetic behind CS against the BigInteger reference model
 * {@link Edwards25519}: same encodings for scalar multiplication (fixed and
 * variable base, constant- and variable-time paths), addition and decoding,
 * including torsion points and edge scalars.
 */
class CsCurveTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] IDENTITY = HEX.parseHex(
            "0100000000000000000000000000000000000000000000000000000000000000");
    /** A point of order 8 (in libsodium's small-order blocklist). */
    private static final byte[] ORDER8 = HEX.parseHex(
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a");
    private final Random random = new Random(4711);

    private byte[] randomScalar() {
        byte[] k = new byte[32];
        random.nextBytes(k);
        return k;
    }

    private byte[] randomPoint() {
        byte[] k = randomScalar();
        k[31] &= 0x0f;
        return Edwards25519.scalarMultBaseNoclamp(k);
    }

    private static CsCurve.Table table(byte[] enc) {
        CsCurve.Point p = CsCurve.decode(enc);
        assertNotNull(p);
        return new CsCurve.Table(p);
    }

    private static byte[] enc(CsCurve.Point p) {
        return CsCurve.encode(p, false);
    }

    @Test
    void baseMultiplicationMatchesReference() {
        List<byte[]> scalars = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            scalars.add(randomScalar());
        }
        scalars.add(Edwards25519.scalarToLe(BigInteger.ONE));
        scalars.add(Edwards25519.scalarToLe(Edwards25519.L.subtract(BigInteger.ONE)));
        scalars.add(Edwards25519.scalarToLe(Edwards25519.L.add(BigInteger.ONE)));
        scalars.add(Edwards25519.scalarToLe(BigInteger.ONE.shiftLeft(255).subtract(BigInteger.ONE)));
        byte[] ff = new byte[32];
        Arrays.fill(ff, (byte) 0xff);
        scalars.add(ff);
        byte[] eights = new byte[32];
        Arrays.fill(eights, (byte) 0x88);
        scalars.add(eights);
        for (byte[] k : scalars) {
            byte[] expected = Edwards25519.scalarMultBaseNoclamp(k);
            assertArrayEquals(expected, CsCurve.encode(CsCurve.mulCt(CsCurve.BASE_TABLE, k), true));
            assertArrayEquals(expected, enc(CsCurve.mulVar(CsCurve.BASE_TABLE, k)));
        }
        assertArrayEquals(CsCurve.BASE_ENCODED, enc(CsCurve.mulVar(CsCurve.BASE_TABLE,
                Edwards25519.scalarToLe(BigInteger.ONE))));
    }

    @Test
    void zeroAndOrderGiveIdentity() {
        for (byte[] k : new byte[][] {new byte[32], Edwards25519.scalarToLe(Edwards25519.L),
                Edwards25519.scalarToLe(Edwards25519.L.shiftLeft(1))}) {
            assertTrue(CsCurve.isIdentity(CsCurve.mulCt(CsCurve.BASE_TABLE, k)));
            assertTrue(CsCurve.isIdentity(CsCurve.mulVar(CsCurve.BASE_TABLE, k)));
            assertArrayEquals(IDENTITY, enc(CsCurve.mulVar(CsCurve.BASE_TABLE, k)));
        }
        assertFalse(CsCurve.isIdentity(CsCurve.decode(CsCurve.BASE_ENCODED)));
    }

    @Test
    void variableBaseMatchesReference() {
        for (int i = 0; i < 8; i++) {
            byte[] p = randomPoint();
            CsCurve.Table t = table(p);
            assertTrue(CsCurve.hasOrderL(t));
            for (int j = 0; j < 4; j++) {
                byte[] k = randomScalar();
                byte[] expected = Edwards25519.scalarMultNoclamp(k, p);
                assertArrayEquals(expected, enc(CsCurve.mulVar(t, k)));
                assertArrayEquals(expected, CsCurve.encode(CsCurve.mulCt(t, k), true));
                byte[] a = randomScalar();
                byte[] both = Edwards25519.pointAdd(Edwards25519.scalarMultBaseNoclamp(a), expected);
                assertArrayEquals(both, enc(CsCurve.mulVar2(CsCurve.BASE_TABLE, a, t, k)));
            }
        }
    }

    @Test
    void additionAndBatchEncodingMatchReference() {
        List<byte[]> points = new ArrayList<>(torsion());
        for (int i = 0; i < 6; i++) {
            points.add(randomPoint());
        }
        points.add(Edwards25519.pointAdd(randomPoint(), ORDER8));
        for (byte[] p : points) {
            for (byte[] q : points) {
                CsCurve.Point pp = CsCurve.decode(p);
                CsCurve.Point qq = CsCurve.decode(q);
                CsCurve.Point sum = new CsCurve.Point();
                CsCurve.add(pp, qq, sum);
                assertArrayEquals(Edwards25519.pointAdd(p, q), enc(sum));
                byte[][] two = CsCurve.encode2(sum, pp, false);
                assertArrayEquals(enc(sum), two[0]);
                assertArrayEquals(p, two[1]);
            }
        }
    }

    /** The 8 torsion points, generated from ORDER8 with the reference addition. */
    private static List<byte[]> torsion() {
        List<byte[]> out = new ArrayList<>();
        byte[] acc = ORDER8;
        for (int i = 1; i <= 8; i++) {
            out.add(acc);
            acc = Edwards25519.pointAdd(acc, ORDER8);
        }
        assertArrayEquals(IDENTITY, out.get(7));
        return out;
    }

    @Test
    void torsionAndMixedOrderPointsAreRejectedAsKeys() {
        for (byte[] t : torsion()) {
            assertNotNull(CsCurve.decode(t), HEX.formatHex(t));
            assertFalse(new CsPublicKey(t).isValid(), HEX.formatHex(t));
            assertFalse(Edwards25519.isValidPoint(t));
            // 8·T = identity
            assertTrue(CsCurve.isIdentity(CsCurve.mulVar(table(t), Edwards25519.scalarToLe(BigInteger.valueOf(8)))));
        }
        byte[] p = randomPoint();
        assertTrue(new CsPublicKey(p).isValid());
        byte[] mixed = Edwards25519.pointAdd(p, ORDER8);
        assertNotNull(CsCurve.decode(mixed));
        assertFalse(new CsPublicKey(mixed).isValid());
        assertFalse(Edwards25519.isValidPoint(mixed));
    }

    @Test
    void decodingRejectsWhatTheReferenceRejects() {
        int offCurve = 0;
        for (int i = 0; i < 200; i++) {
            byte[] e = randomScalar();
            CsCurve.Point p = CsCurve.decode(e);
            boolean refOk;
            try {
                Edwards25519.pointAdd(e, IDENTITY);
                refOk = true;
            } catch (IllegalArgumentException ex) {
                refOk = false;
            }
            assertEquals(refOk, p != null, HEX.formatHex(e));
            if (p == null) {
                offCurve++;
            } else {
                assertArrayEquals(e, enc(p));
            }
        }
        assertTrue(offCurve > 50, "random strings should often be off the curve");
        // y >= p (non-canonical): p itself, p + 1 (would be the identity), 2^255 - 1
        for (String s : new String[] {
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
                "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}) {
            assertNull(CsCurve.decode(HEX.parseHex(s)), s);
            assertThrows(IllegalArgumentException.class, () -> Edwards25519.pointAdd(HEX.parseHex(s), IDENTITY));
        }
        // x = 0 with the sign bit set
        byte[] negZero = IDENTITY.clone();
        negZero[31] |= (byte) 0x80;
        assertNull(CsCurve.decode(negZero));
        // y = p - 1 = -1 is canonical (order-2 point)
        assertNotNull(CsCurve.decode(HEX.parseHex(
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")));
        assertNull(CsCurve.decode(new byte[31]));
        assertNull(CsCurve.decode(null));
    }
}

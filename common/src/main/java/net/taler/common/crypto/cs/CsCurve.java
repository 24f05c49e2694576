package net.taler.common.crypto.cs;

import java.math.BigInteger;
import java.util.HexFormat;

import org.bouncycastle.math.ec.rfc7748.X25519Field;

/**
 * Fast edwards25519 point arithmetic for Clause-Schnorr. The BigInteger model in
 * {@link net.taler.common.crypto.Edwards25519} needs milliseconds per scalar
 * multiplication; this one uses BouncyCastle's public 10-limb field
 * ({@link X25519Field}) with extended coordinates and per-point radix-16
 * tables (32 rows of 1..8 multiples, affine "Niels" form), so every scalar
 * multiplication is 64 mixed additions and 4 doublings. Secret scalars (private
 * key, r values) go through the constant-time table lookup; public scalars
 * (verification) use direct indexing.
 *
 * <p>Limb discipline: inputs of {@code mul}/{@code sqr} are either carried
 * (results of mul/sqr/carry, table entries) or one add/sub of carried values;
 * anything deeper is carried first.
 */
final class CsCurve {
    private static final int SIZE = X25519Field.SIZE;
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D_BIG = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final int[] D = fieldConst(D_BIG);
    private static final int[] D2 = fieldConst(D_BIG.shiftLeft(1).mod(P));
    static final byte[] BASE_ENCODED = HexFormat.of()
            .parseHex("5866666666666666666666666666666666666666666666666666666666666666");
    static final Table BASE_TABLE = new Table(decode(BASE_ENCODED));
    private static final byte[] L_LE = leBytes(net.taler.common.crypto.Edwards25519.L);

    private CsCurve() {
    }

    /** Extended homogeneous coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
    static final class Point {
        final int[] x = X25519Field.create();
        final int[] y = X25519Field.create();
        final int[] z = X25519Field.create();
        final int[] t = X25519Field.create();

        static Point identity() {
            Point p = new Point();
            X25519Field.one(p.y);
            X25519Field.one(p.z);
            return p;
        }

        Point copy() {
            Point p = new Point();
            X25519Field.copy(x, 0, p.x, 0);
            X25519Field.copy(y, 0, p.y, 0);
            X25519Field.copy(z, 0, p.z, 0);
            X25519Field.copy(t, 0, p.t, 0);
            return p;
        }
    }

    /** Scratch space for the point formulas (one per multiplication, not shared between threads). */
    private static final class Work {
        final int[] a = X25519Field.create();
        final int[] b = X25519Field.create();
        final int[] c = X25519Field.create();
        final int[] d = X25519Field.create();
        final int[] e = X25519Field.create();
        final int[] f = X25519Field.create();
        final int[] g = X25519Field.create();
        final int[] h = X25519Field.create();
        final int[] selYpx = X25519Field.create();
        final int[] selYmx = X25519Field.create();
        final int[] selXy2d = X25519Field.create();
    }

    /**
     * Precomputed multiples {@code (j+1)·256^i·P} (i &lt; 32, j &lt; 8) in affine
     * Niels form {@code (y+x, y-x, 2d·x·y)}; about 30 KiB. Built for any point
     * on the curve (the formulas are complete), immutable afterwards.
     */
    static final class Table {
        final int[][] ypx = new int[256][];
        final int[][] ymx = new int[256][];
        final int[][] xy2d = new int[256][];

        Table(Point p) {
            Work w = new Work();
            Point[] pts = new Point[256];
            Point base = p.copy();
            for (int i = 0; i < 32; i++) {
                pts[i * 8] = base.copy();
                for (int j = 1; j < 8; j++) {
                    Point q = new Point();
                    add(pts[i * 8 + j - 1], base, q, w);
                    pts[i * 8 + j] = q;
                }
                if (i < 31) {
                    base = pts[i * 8 + 7].copy();
                    for (int k = 0; k < 5; k++) {
                        dbl(base, base, w);
                    }
                }
            }
            // batch inversion of all Z (Montgomery's trick)
            int[][] acc = new int[256][];
            acc[0] = pts[0].z.clone();
            for (int k = 1; k < 256; k++) {
                acc[k] = X25519Field.create();
                X25519Field.mul(acc[k - 1], pts[k].z, acc[k]);
            }
            int[] inv = X25519Field.create();
            X25519Field.invVar(acc[255], inv);
            int[] zi = X25519Field.create();
            int[] xa = X25519Field.create();
            int[] ya = X25519Field.create();
            for (int k = 255; k >= 0; k--) {
                if (k > 0) {
                    X25519Field.mul(inv, acc[k - 1], zi);
                    X25519Field.mul(inv, pts[k].z, inv);
                } else {
                    X25519Field.copy(inv, 0, zi, 0);
                }
                X25519Field.mul(pts[k].x, zi, xa);
                X25519Field.mul(pts[k].y, zi, ya);
                int[] sum = X25519Field.create();
                int[] diff = X25519Field.create();
                int[] prod = X25519Field.create();
                X25519Field.apm(ya, xa, sum, diff);
                X25519Field.carry(sum);
                X25519Field.carry(diff);
                X25519Field.mul(xa, ya, prod);
                X25519Field.mul(prod, D2, prod);
                ypx[k] = sum;
                ymx[k] = diff;
                xy2d[k] = prod;
            }
        }
    }

    // ---- encoding ------------------------------------------------------

    /**
     * RFC 8032 decoding with libsodium's strictness on the y coordinate: null if
     * the encoding is not canonical (y &ge; p, or x = 0 with the sign bit set) or
     * not on the curve. No subgroup check.
     */
    static Point decode(byte[] enc) {
        if (enc == null || enc.length != 32 || !canonicalY(enc)) {
            return null;
        }
        Point p = new Point();
        X25519Field.decode(enc, 0, p.y);
        int[] u = X25519Field.create();
        int[] v = X25519Field.create();
        X25519Field.sqr(p.y, u);
        X25519Field.mul(u, D, v);
        X25519Field.subOne(u);
        X25519Field.addOne(v);
        X25519Field.carry(u);
        X25519Field.carry(v);
        if (!X25519Field.sqrtRatioVar(u, v, p.x)) {
            return null;
        }
        X25519Field.carry(p.x);
        X25519Field.normalize(p.x);
        int sign = (enc[31] >>> 7) & 1;
        if (sign == 1 && X25519Field.isZeroVar(p.x)) {
            return null;
        }
        if ((p.x[0] & 1) != sign) {
            X25519Field.negate(p.x, p.x);
            X25519Field.carry(p.x);
            X25519Field.normalize(p.x);
        }
        X25519Field.one(p.z);
        X25519Field.mul(p.x, p.y, p.t);
        return p;
    }

    /** True if the 255-bit y in the encoding is below p = 2^255 - 19. */
    private static boolean canonicalY(byte[] enc) {
        if ((enc[31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if (enc[i] != (byte) 0xff) {
                return true;
            }
        }
        return (enc[0] & 0xff) < 0xed;
    }

    /** Compressed encoding; {@code constantTime} selects the constant-time inversion. */
    static byte[] encode(Point p, boolean constantTime) {
        int[] zi = X25519Field.create();
        if (constantTime) {
            X25519Field.inv(p.z, zi);
        } else {
            X25519Field.invVar(p.z, zi);
        }
        byte[] out = new byte[32];
        encodeWithInverse(p, zi, out, 0);
        return out;
    }

    /** Encodes two points sharing one field inversion. */
    static byte[][] encode2(Point p, Point q, boolean constantTime) {
        int[] prod = X25519Field.create();
        X25519Field.mul(p.z, q.z, prod);
        int[] inv = X25519Field.create();
        if (constantTime) {
            X25519Field.inv(prod, inv);
        } else {
            X25519Field.invVar(prod, inv);
        }
        int[] zi = X25519Field.create();
        byte[][] out = new byte[2][32];
        X25519Field.mul(inv, q.z, zi);
        encodeWithInverse(p, zi, out[0], 0);
        X25519Field.mul(inv, p.z, zi);
        encodeWithInverse(q, zi, out[1], 0);
        return out;
    }

    private static void encodeWithInverse(Point p, int[] zi, byte[] out, int off) {
        int[] xa = X25519Field.create();
        int[] ya = X25519Field.create();
        X25519Field.mul(p.x, zi, xa);
        X25519Field.mul(p.y, zi, ya);
        X25519Field.normalize(xa);
        X25519Field.normalize(ya);
        X25519Field.encode(ya, out, off);
        out[off + 31] |= (byte) ((xa[0] & 1) << 7);
    }

    static boolean isIdentity(Point p) {
        int[] v = X25519Field.create();
        X25519Field.copy(p.x, 0, v, 0);
        X25519Field.carry(v);
        X25519Field.normalize(v);
        if (!X25519Field.isZeroVar(v)) {
            return false;
        }
        X25519Field.sub(p.y, p.z, v);
        X25519Field.carry(v);
        X25519Field.normalize(v);
        return X25519Field.isZeroVar(v);
    }

    /** {@code L·P == identity}, i.e. P lies in the prime-order subgroup (or is the identity). */
    static boolean hasOrderL(Table table) {
        return isIdentity(mulVar(table, L_LE));
    }

    // ---- group law -----------------------------------------------------

    /** r = 2p (HWCD doubling, complete); r may be p. */
    private static void dbl(Point p, Point r, Work w) {
        X25519Field.sqr(p.x, w.a);
        X25519Field.sqr(p.y, w.b);
        X25519Field.sqr(p.z, w.c);
        X25519Field.add(w.c, w.c, w.c);
        X25519Field.add(p.x, p.y, w.e);
        X25519Field.sqr(w.e, w.e);
        X25519Field.add(w.a, w.b, w.h);
        X25519Field.sub(w.h, w.e, w.e);
        X25519Field.carry(w.e);
        X25519Field.sub(w.a, w.b, w.g);
        X25519Field.add(w.c, w.g, w.f);
        X25519Field.carry(w.f);
        X25519Field.mul(w.e, w.f, r.x);
        X25519Field.mul(w.g, w.h, r.y);
        X25519Field.mul(w.e, w.h, r.t);
        X25519Field.mul(w.f, w.g, r.z);
    }

    /** r = p + q, both extended (unified HWCD addition, complete); r may alias p or q. */
    static void add(Point p, Point q, Point r) {
        add(p, q, r, new Work());
    }

    private static void add(Point p, Point q, Point r, Work w) {
        X25519Field.sub(p.y, p.x, w.a);
        X25519Field.sub(q.y, q.x, w.b);
        X25519Field.mul(w.a, w.b, w.a);
        X25519Field.add(p.y, p.x, w.b);
        X25519Field.add(q.y, q.x, w.c);
        X25519Field.mul(w.b, w.c, w.b);
        X25519Field.mul(p.t, q.t, w.c);
        X25519Field.mul(w.c, D2, w.c);
        X25519Field.mul(p.z, q.z, w.d);
        X25519Field.add(w.d, w.d, w.d);
        finishAdd(r, w);
    }

    /**
     * r = p ± (affine Niels point); negation swaps y+x / y-x and the sign of the
     * 2dxy term. r may be p.
     */
    private static void addNiels(Point p, int[] ypx, int[] ymx, int[] xy2d, boolean negate, Point r, Work w) {
        X25519Field.sub(p.y, p.x, w.a);
        X25519Field.add(p.y, p.x, w.b);
        X25519Field.mul(w.a, negate ? ypx : ymx, w.a);
        X25519Field.mul(w.b, negate ? ymx : ypx, w.b);
        X25519Field.mul(p.t, xy2d, w.c);
        if (negate) {
            X25519Field.negate(w.c, w.c);
        }
        X25519Field.add(p.z, p.z, w.d);
        finishAdd(r, w);
    }

    /** Common tail: a=(Y1-X1)(..), b=(Y1+X1)(..), c=T-term, d=Z-term. */
    private static void finishAdd(Point r, Work w) {
        X25519Field.sub(w.b, w.a, w.e);
        X25519Field.add(w.b, w.a, w.h);
        X25519Field.sub(w.d, w.c, w.f);
        X25519Field.carry(w.f);
        X25519Field.add(w.d, w.c, w.g);
        X25519Field.carry(w.g);
        X25519Field.mul(w.e, w.f, r.x);
        X25519Field.mul(w.g, w.h, r.y);
        X25519Field.mul(w.e, w.h, r.t);
        X25519Field.mul(w.f, w.g, r.z);
    }

    // ---- scalar multiplication -----------------------------------------

    /**
     * Signed radix-16 digits of a 32-byte little-endian scalar with bit 255
     * ignored (libsodium's noclamp semantics): 64 digits in [-8, 8].
     */
    private static byte[] recode(byte[] k) {
        byte[] e = new byte[64];
        for (int i = 0; i < 32; i++) {
            int v = k[i] & 0xff;
            if (i == 31) {
                v &= 0x7f;
            }
            e[2 * i] = (byte) (v & 15);
            e[2 * i + 1] = (byte) (v >>> 4);
        }
        int carry = 0;
        for (int i = 0; i < 63; i++) {
            int v = e[i] + carry;
            carry = (v + 8) >> 4;
            e[i] = (byte) (v - (carry << 4));
        }
        e[63] += (byte) carry;
        return e;
    }

    /** Constant-time {@code k·P} with the table of P; bit 255 of k is ignored. */
    static Point mulCt(Table table, byte[] k) {
        byte[] e = recode(k);
        Work w = new Work();
        Point h = Point.identity();
        for (int i = 1; i < 64; i += 2) {
            addSelectedCt(h, table, i >>> 1, e[i], w);
        }
        for (int i = 0; i < 4; i++) {
            dbl(h, h, w);
        }
        for (int i = 0; i < 64; i += 2) {
            addSelectedCt(h, table, i >>> 1, e[i], w);
        }
        java.util.Arrays.fill(e, (byte) 0);
        return h;
    }

    private static void addSelectedCt(Point h, Table table, int row, int digit, Work w) {
        int neg = (digit >>> 31) & 1;
        int abs = (digit ^ -neg) + neg;
        X25519Field.one(w.selYpx);
        X25519Field.one(w.selYmx);
        X25519Field.zero(w.selXy2d);
        int base = row * 8;
        for (int j = 1; j <= 8; j++) {
            int cond = ((abs ^ j) - 1) >> 31;
            X25519Field.cmov(cond, table.ypx[base + j - 1], 0, w.selYpx, 0);
            X25519Field.cmov(cond, table.ymx[base + j - 1], 0, w.selYmx, 0);
            X25519Field.cmov(cond, table.xy2d[base + j - 1], 0, w.selXy2d, 0);
        }
        X25519Field.cswap(neg, w.selYpx, w.selYmx);
        X25519Field.cnegate(neg, w.selXy2d);
        addNiels(h, w.selYpx, w.selYmx, w.selXy2d, false, h, w);
    }

    /** Variable-time {@code k·P} (public scalars only); bit 255 of k is ignored. */
    static Point mulVar(Table table, byte[] k) {
        return mulVar2(table, k, null, null);
    }

    /** Variable-time {@code a·P + b·Q} with shared doublings; {@code tb} may be null. */
    static Point mulVar2(Table ta, byte[] a, Table tb, byte[] b) {
        byte[] ea = recode(a);
        byte[] eb = tb == null ? null : recode(b);
        Work w = new Work();
        Point h = Point.identity();
        for (int pass = 1; pass >= 0; pass--) {
            for (int i = pass; i < 64; i += 2) {
                addSelectedVar(h, ta, i >>> 1, ea[i], w);
                if (eb != null) {
                    addSelectedVar(h, tb, i >>> 1, eb[i], w);
                }
            }
            if (pass == 1) {
                for (int i = 0; i < 4; i++) {
                    dbl(h, h, w);
                }
            }
        }
        return h;
    }

    private static void addSelectedVar(Point h, Table table, int row, int digit, Work w) {
        if (digit == 0) {
            return;
        }
        int idx = row * 8 + Math.abs(digit) - 1;
        addNiels(h, table.ypx[idx], table.ymx[idx], table.xy2d[idx], digit < 0, h, w);
    }

    // ---- helpers -------------------------------------------------------

    private static int[] fieldConst(BigInteger v) {
        int[] f = X25519Field.create();
        X25519Field.decode(leBytes(v), 0, f);
        return f;
    }

    private static byte[] leBytes(BigInteger v) {
        byte[] be = v.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }
}

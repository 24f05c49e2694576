package net.taler.common.crypto;

import java.math.BigInteger;
import java.util.Objects;

/**
 * Edwards25519 group and scalar arithmetic with the semantics of the libsodium
 * calls GNUnet uses for Edx25519 and Clause-Schnorr (crypto.md 6.1), which
 * BouncyCastle does not expose: points are 32-byte RFC 8032 encodings, scalars
 * 32-byte little-endian integers, arithmetic modulo the group order {@link #L}.
 * Variable time; only for public or per-coin values, not long-term keys of the
 * exchange's online signer. Invalid points and identity results throw
 * {@link IllegalArgumentException}, like libsodium's -1 return.
 */
public final class Edwards25519 {
    /** Field prime 2^255 - 19. */
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    /** Order of the prime-order subgroup. */
    public static final BigInteger L = BigInteger.ONE.shiftLeft(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    private static final BigInteger D = BigInteger.valueOf(-121665)
            .multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);
    private static final BigInteger D2 = D.shiftLeft(1).mod(P);
    private static final BigInteger SQRT_M1 = BigInteger.TWO.modPow(P.subtract(BigInteger.ONE).shiftRight(2), P);
    private static final BigInteger SQRT_EXP = P.add(BigInteger.valueOf(3)).shiftRight(3);
    private static final Point IDENTITY = new Point(BigInteger.ZERO, BigInteger.ONE, BigInteger.ONE, BigInteger.ZERO);
    private static final Point BASE = decodeRaw(java.util.HexFormat.of()
            .parseHex("5866666666666666666666666666666666666666666666666666666666666666"));

    private Edwards25519() {
    }

    // ---- scalars -------------------------------------------------------

    /** Little-endian bytes as an unsigned integer. */
    public static BigInteger scalarFromLe(byte[] le) {
        byte[] be = new byte[le.length];
        for (int i = 0; i < le.length; i++) {
            be[i] = le[le.length - 1 - i];
        }
        return new BigInteger(1, be);
    }

    /** A non-negative integer below 2^256 as 32 little-endian bytes. */
    public static byte[] scalarToLe(BigInteger value) {
        if (value.signum() < 0 || value.bitLength() > 256) {
            throw new IllegalArgumentException("scalar out of range");
        }
        byte[] be = value.toByteArray();
        byte[] le = new byte[32];
        for (int i = 0; i < 32 && i < be.length; i++) {
            le[i] = be[be.length - 1 - i];
        }
        return le;
    }

    /** libsodium {@code crypto_core_ed25519_scalar_reduce}: any-length little-endian value mod L. */
    public static byte[] scalarReduce(byte[] le) {
        return scalarToLe(scalarFromLe(le).mod(L));
    }

    /** {@code (x + y) mod L}. */
    public static byte[] scalarAdd(byte[] x, byte[] y) {
        return scalarToLe(scalarFromLe(x).add(scalarFromLe(y)).mod(L));
    }

    /** {@code (x · y) mod L}. */
    public static byte[] scalarMul(byte[] x, byte[] y) {
        return scalarToLe(scalarFromLe(x).multiply(scalarFromLe(y)).mod(L));
    }

    /** Ed25519 clamping ({@code x[0] &= 248; x[31] &= 127; x[31] |= 64}) on a copy. */
    public static byte[] clamp(byte[] scalar) {
        if (scalar.length != 32) {
            throw new IllegalArgumentException("scalar must be 32 bytes");
        }
        byte[] out = scalar.clone();
        out[0] &= (byte) 248;
        out[31] &= 127;
        out[31] |= 64;
        return out;
    }

    // ---- points --------------------------------------------------------

    /** libsodium {@code crypto_scalarmult_ed25519_base_noclamp}: {@code k·B}, bit 255 of k ignored. */
    public static byte[] scalarMultBaseNoclamp(byte[] k) {
        return encodeChecked(multiply(BASE, noclampScalar(k)));
    }

    /**
     * libsodium {@code crypto_scalarmult_ed25519_noclamp}: {@code k·P}; P must be
     * a canonical, non-small-order point of the prime-order subgroup.
     */
    public static byte[] scalarMultNoclamp(byte[] k, byte[] point) {
        return encodeChecked(multiply(decodeValid(point), noclampScalar(k)));
    }

    /** libsodium {@code crypto_core_ed25519_add}. */
    public static byte[] pointAdd(byte[] p, byte[] q) {
        return encode(add(decodeOnCurve(p), decodeOnCurve(q)));
    }

    /** libsodium {@code crypto_core_ed25519_is_valid_point}: canonical, on the curve, in the main subgroup, not small order. */
    public static boolean isValidPoint(byte[] point) {
        try {
            decodeValid(point);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static BigInteger noclampScalar(byte[] k) {
        Objects.requireNonNull(k, "scalar");
        if (k.length != 32) {
            throw new IllegalArgumentException("scalar must be 32 bytes");
        }
        return scalarFromLe(k).clearBit(255);
    }

    private static byte[] encodeChecked(Point r) {
        if (r.isIdentity()) {
            throw new IllegalArgumentException("scalar multiplication gave the identity");
        }
        return encode(r);
    }

    private static Point decodeValid(byte[] enc) {
        Point p = decodeOnCurve(enc);
        if (p.isIdentity() || !multiply(p, L).isIdentity()) {
            throw new IllegalArgumentException("point is not in the prime-order subgroup");
        }
        return p;
    }

    private static Point decodeOnCurve(byte[] enc) {
        Objects.requireNonNull(enc, "point");
        if (enc.length != 32) {
            throw new IllegalArgumentException("point must be 32 bytes");
        }
        Point p = decodeRaw(enc);
        if (p == null) {
            throw new IllegalArgumentException("not a canonical curve point");
        }
        return p;
    }

    /** RFC 8032 5.1.3 decoding; null if non-canonical or not on the curve. */
    private static Point decodeRaw(byte[] enc) {
        byte[] copy = enc.clone();
        int sign = (copy[31] >>> 7) & 1;
        copy[31] &= 127;
        BigInteger y = scalarFromLe(copy);
        if (y.compareTo(P) >= 0) {
            return null;
        }
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        BigInteger x = x2.modPow(SQRT_EXP, P);
        if (!x.multiply(x).mod(P).equals(x2)) {
            x = x.multiply(SQRT_M1).mod(P);
            if (!x.multiply(x).mod(P).equals(x2)) {
                return null;
            }
        }
        if (x.signum() == 0 && sign == 1) {
            return null;
        }
        if (x.testBit(0) != (sign == 1)) {
            x = P.subtract(x);
        }
        return new Point(x, y, BigInteger.ONE, x.multiply(y).mod(P));
    }

    private static byte[] encode(Point p) {
        BigInteger zi = p.z.modInverse(P);
        BigInteger x = p.x.multiply(zi).mod(P);
        BigInteger y = p.y.multiply(zi).mod(P);
        byte[] out = scalarToLe(y);
        if (x.testBit(0)) {
            out[31] |= (byte) 0x80;
        }
        return out;
    }

    /** Double-and-add, most significant bit first. */
    private static Point multiply(Point p, BigInteger k) {
        Point r = IDENTITY;
        for (int i = k.bitLength() - 1; i >= 0; i--) {
            r = twice(r);
            if (k.testBit(i)) {
                r = add(r, p);
            }
        }
        return r;
    }

    /** RFC 8032 5.1.4 addition in extended coordinates. */
    private static Point add(Point p, Point q) {
        BigInteger a = p.y.subtract(p.x).multiply(q.y.subtract(q.x)).mod(P);
        BigInteger b = p.y.add(p.x).multiply(q.y.add(q.x)).mod(P);
        BigInteger c = p.t.multiply(D2).multiply(q.t).mod(P);
        BigInteger d = p.z.shiftLeft(1).multiply(q.z).mod(P);
        BigInteger e = b.subtract(a);
        BigInteger f = d.subtract(c);
        BigInteger g = d.add(c);
        BigInteger h = b.add(a);
        return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    /** RFC 8032 5.1.4 doubling. */
    private static Point twice(Point p) {
        BigInteger a = p.x.multiply(p.x).mod(P);
        BigInteger b = p.y.multiply(p.y).mod(P);
        BigInteger c = p.z.multiply(p.z).shiftLeft(1).mod(P);
        BigInteger h = a.add(b);
        BigInteger xy = p.x.add(p.y);
        BigInteger e = h.subtract(xy.multiply(xy)).mod(P);
        BigInteger g = a.subtract(b);
        BigInteger f = c.add(g);
        return new Point(e.multiply(f).mod(P), g.multiply(h).mod(P), f.multiply(g).mod(P), e.multiply(h).mod(P));
    }

    /** Extended homogeneous coordinates (X:Y:Z:T), x = X/Z, y = Y/Z, xy = T/Z. */
    private record Point(BigInteger x, BigInteger y, BigInteger z, BigInteger t) {
        boolean isIdentity() {
            return x.mod(P).signum() == 0 && y.subtract(z).mod(P).signum() == 0;
        }
    }
}

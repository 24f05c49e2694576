package net.taler.common.crypto.rsa;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.encoding.Crockford;

/**
 * RSA denomination public key. Its GNUnet binary encoding (crypto.md 5.1:
 * {@code u16be len_n || u16be len_e || n || e}, minimal big-endian integers) is not just a
 * transport format: it is the salt of the full-domain hash and the input of both the secmod
 * key id and {@code h_denom_pub}, so the encoding is computed once and the decoder refuses
 * every byte string that would not re-encode to itself.
 *
 * <p>Immutable and thread safe; equality is by (n, e).
 */
public final class RsaPublicKey {
    /** Cipher number of RSA in {@code h_denom_pub} and coin-envelope hashes. */
    public static final int CIPHER_RSA = 1;
    /** Smallest modulus the decoder accepts (the exchange itself generates 1024..8192 bits). */
    public static final int MIN_MODULUS_BITS = 512;
    /** Largest modulus the decoder accepts; bounds the work an untrusted key can cause. */
    public static final int MAX_MODULUS_BITS = 16384;

    private static final int HEADER = 4;

    private final BigInteger n;
    private final BigInteger e;
    private final byte[] encoding;
    private final int modulusBytes;
    private volatile HashCode hash;

    private RsaPublicKey(BigInteger n, BigInteger e, byte[] encoding) {
        this.n = n;
        this.e = e;
        this.encoding = encoding;
        this.modulusBytes = (n.bitLength() + 7) / 8;
    }

    /**
     * A key from its modulus and public exponent.
     *
     * @throws IllegalArgumentException if n is not an odd number of an accepted size, or e is
     *     not an odd number in [3, n)
     */
    public static RsaPublicKey of(BigInteger modulus, BigInteger exponent) {
        Objects.requireNonNull(modulus, "modulus");
        Objects.requireNonNull(exponent, "exponent");
        check(modulus, exponent);
        byte[] nb = Mpi.toUnsigned(modulus);
        byte[] eb = Mpi.toUnsigned(exponent);
        byte[] enc = new byte[HEADER + nb.length + eb.length];
        enc[0] = (byte) (nb.length >>> 8);
        enc[1] = (byte) nb.length;
        enc[2] = (byte) (eb.length >>> 8);
        enc[3] = (byte) eb.length;
        System.arraycopy(nb, 0, enc, HEADER, nb.length);
        System.arraycopy(eb, 0, enc, HEADER + nb.length, eb.length);
        return new RsaPublicKey(modulus, exponent, enc);
    }

    /**
     * Strict decoding of the GNUnet encoding. Beyond GNUnet's own length check this rejects
     * leading zero bytes in n or e (such input decodes in C but re-encodes differently, so
     * the key's hashes would not match what the sender computed), empty fields, even or
     * out-of-range moduli and exponents.
     *
     * @throws IllegalArgumentException on any malformed input
     */
    public static RsaPublicKey decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length < HEADER) {
            throw new IllegalArgumentException("RSA public key shorter than its header");
        }
        int nLen = ((data[0] & 0xff) << 8) | (data[1] & 0xff);
        int eLen = ((data[2] & 0xff) << 8) | (data[3] & 0xff);
        if (data.length != HEADER + nLen + eLen) {
            throw new IllegalArgumentException("RSA public key length " + data.length
                    + " does not match header (" + nLen + " + " + eLen + " + 4)");
        }
        if (nLen == 0 || eLen == 0) {
            throw new IllegalArgumentException("RSA public key with empty modulus or exponent");
        }
        if (data[HEADER] == 0 || data[HEADER + nLen] == 0) {
            throw new IllegalArgumentException("RSA public key integers must not have leading zero bytes");
        }
        BigInteger n = Mpi.fromUnsigned(data, HEADER, nLen);
        BigInteger e = Mpi.fromUnsigned(data, HEADER + nLen, eLen);
        check(n, e);
        return new RsaPublicKey(n, e, data.clone());
    }

    /** Decodes the Crockford base32 text used in JSON ({@code rsa_public_key}). */
    public static RsaPublicKey fromBase32(String text) {
        return decode(Crockford.decodeVariable(text));
    }

    private static void check(BigInteger n, BigInteger e) {
        int bits = n.bitLength();
        if (n.signum() <= 0 || bits < MIN_MODULUS_BITS || bits > MAX_MODULUS_BITS) {
            throw new IllegalArgumentException("RSA modulus of " + bits + " bits is outside ["
                    + MIN_MODULUS_BITS + ", " + MAX_MODULUS_BITS + "]");
        }
        if (!n.testBit(0)) {
            throw new IllegalArgumentException("RSA modulus must be odd");
        }
        if (!e.testBit(0) || e.compareTo(BigInteger.valueOf(3)) < 0 || e.compareTo(n) >= 0) {
            throw new IllegalArgumentException("RSA public exponent must be odd and in [3, n)");
        }
    }

    public BigInteger modulus() {
        return n;
    }

    public BigInteger exponent() {
        return e;
    }

    /** Bit length of the modulus ("key size"). */
    public int bitLength() {
        return n.bitLength();
    }

    /** Length in bytes of a full-size value mod n. */
    public int modulusBytes() {
        return modulusBytes;
    }

    /** The GNUnet encoding (a copy). */
    public byte[] encode() {
        return encoding.clone();
    }

    /** Package access to the encoding without copying; callers must not modify it. */
    byte[] rawEncoding() {
        return encoding;
    }

    /** Length of {@link #encode()} without copying. */
    public int encodedLength() {
        return encoding.length;
    }

    /** Crockford base32 of the encoding, as in {@code denom_pub.rsa_public_key}. */
    public String toBase32() {
        return Crockford.encode(encoding);
    }

    /**
     * {@code SHA512(encoding)}: GNUnet's {@code rsa_public_key_hash}, the key id ({@code h_rsa})
     * the RSA security module uses (secmod.md 5.3). Not {@code h_denom_pub}, which also covers
     * the age mask and cipher: see {@link #denominationHash(int)}.
     */
    public HashCode hash() {
        HashCode h = hash;
        if (h == null) {
            h = Hashes.sha512(encoding);
            hash = h;
        }
        return h;
    }

    /**
     * Denomination public key hash {@code h_denom_pub} (crypto.md 2.5.4):
     * {@code SHA512(u32be(age_mask) || u32be(1) || encoding)}.
     *
     * @param ageMask the denomination's age mask bits, an unsigned 32-bit value (0 when not
     *     age restricted)
     */
    public HashCode denominationHash(int ageMask) {
        byte[] prefix = new byte[8];
        u32be(prefix, 0, ageMask);
        u32be(prefix, 4, CIPHER_RSA);
        return Hashes.sha512(prefix, encoding);
    }

    static void u32be(byte[] out, int off, int v) {
        out[off] = (byte) (v >>> 24);
        out[off + 1] = (byte) (v >>> 16);
        out[off + 2] = (byte) (v >>> 8);
        out[off + 3] = (byte) v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaPublicKey other && Arrays.equals(encoding, other.encoding);
    }

    @Override
    public int hashCode() {
        return n.hashCode() * 31 + e.hashCode();
    }

    @Override
    public String toString() {
        return "RsaPublicKey(" + bitLength() + " bits, h_rsa " + hash().toBase32().substring(0, 12) + "…)";
    }
}

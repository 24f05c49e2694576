package net.taler.common.crypto.rsa;

import java.math.BigInteger;
import java.util.Objects;

import net.taler.common.encoding.Crockford;

/**
 * An RSA signature value, blinded ({@code blinded_rsa_signature}, what the exchange returns)
 * or unblinded ({@code rsa_signature}, what the coin carries); GNUnet uses one type for both
 * and so does this class. It is a bare integer because the signature's size depends on the
 * key: it is encoded as libgcrypt prints it, minimal unsigned big-endian (a 2048-bit
 * signature can be 255 bytes or shorter). Decoding tolerates leading zero bytes as C does;
 * whether the value is below the modulus is checked where the key is known.
 *
 * <p>Immutable; equality is by value.
 */
public final class RsaSignature {
    /** Longest accepted encoding: a value of {@link RsaPublicKey#MAX_MODULUS_BITS} plus slack for leading zeros. */
    public static final int MAX_ENCODED_BYTES = RsaPublicKey.MAX_MODULUS_BITS / 8 + 64;

    private final BigInteger s;

    private RsaSignature(BigInteger s) {
        this.s = s;
    }

    /** A signature from its value; must be positive. */
    public static RsaSignature of(BigInteger value) {
        Objects.requireNonNull(value, "value");
        if (value.signum() <= 0 || value.bitLength() > MAX_ENCODED_BYTES * 8) {
            throw new IllegalArgumentException("RSA signature value must be positive and of sane size");
        }
        return new RsaSignature(value);
    }

    /**
     * Decodes unsigned big-endian bytes.
     *
     * @throws IllegalArgumentException on empty input, a zero value or absurd length
     */
    public static RsaSignature decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0 || data.length > MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException("RSA signature of " + data.length + " bytes");
        }
        BigInteger v = Mpi.fromUnsigned(data);
        if (v.signum() == 0) {
            throw new IllegalArgumentException("RSA signature is zero");
        }
        return new RsaSignature(v);
    }

    /** Decodes the Crockford base32 text of a JSON {@code rsa_signature} / {@code blinded_rsa_signature}. */
    public static RsaSignature fromBase32(String text) {
        return decode(Crockford.decodeVariable(text));
    }

    public BigInteger value() {
        return s;
    }

    /** Minimal unsigned big-endian bytes (GNUnet {@code rsa_signature_encode}). */
    public byte[] encode() {
        return Mpi.toUnsigned(s);
    }

    public String toBase32() {
        return Crockford.encode(encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RsaSignature other && s.equals(other.s);
    }

    @Override
    public int hashCode() {
        return s.hashCode();
    }

    @Override
    public String toString() {
        String b32 = toBase32();
        return "RsaSignature(" + (b32.length() > 16 ? b32.substring(0, 16) + "…" : b32) + ")";
    }
}

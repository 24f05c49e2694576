package net.taler.common.crypto.rsa;

import java.math.BigInteger;

/**
 * Unsigned big-endian integers as libgcrypt prints them with {@code GCRYMPI_FMT_USG}: minimal
 * length, no sign byte, zero is the empty string. Every RSA value on the wire uses this form.
 */
final class Mpi {
    private Mpi() {
    }

    /** Minimal unsigned big-endian bytes of a non-negative value (empty for zero). */
    static byte[] toUnsigned(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative value");
        }
        byte[] b = v.toByteArray();
        if (b[0] != 0) {
            return b;
        }
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 1, out, 0, out.length);
        return out;
    }

    /** Unsigned big-endian bytes left-padded with zeros to exactly {@code len} bytes. */
    static byte[] toUnsigned(BigInteger v, int len) {
        byte[] m = toUnsigned(v);
        if (m.length > len) {
            throw new IllegalArgumentException("value needs " + m.length + " bytes, more than " + len);
        }
        byte[] out = new byte[len];
        System.arraycopy(m, 0, out, len - m.length, m.length);
        return out;
    }

    /** libgcrypt's {@code GCRYMPI_FMT_STD} for a non-negative value: a 0x00 byte is prepended when the top bit is set. */
    static byte[] toStd(BigInteger v) {
        if (v.signum() < 0) {
            throw new IllegalArgumentException("negative value");
        }
        return v.signum() == 0 ? new byte[0] : v.toByteArray();
    }

    static BigInteger fromUnsigned(byte[] b) {
        return new BigInteger(1, b);
    }

    static BigInteger fromUnsigned(byte[] b, int off, int len) {
        return new BigInteger(1, b, off, len);
    }
}

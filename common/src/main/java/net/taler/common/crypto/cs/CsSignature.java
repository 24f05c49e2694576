package net.taler.common.crypto.cs;

import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.FixedBytes;

/**
 * An unblinded CS denomination signature {@code (R, s)} on a coin: R the
 * 32-byte point, s the 32-byte scalar; stored as {@code R || s}. JSON
 * {@code {"cipher":"CS","cs_signature_r":B32(R),"cs_signature_s":B32(s)}}.
 */
public final class CsSignature extends FixedBytes {
    public static final int SIZE = 64;

    public CsSignature(byte[] rAndS) {
        super(rAndS, SIZE);
    }

    public CsSignature(CsRPublic r, byte[] s) {
        this(concat(r, s));
    }

    public CsRPublic r() {
        return new CsRPublic(Arrays.copyOfRange(bytes(), 0, 32));
    }

    /** The scalar s (32 bytes little-endian, copy). */
    public byte[] s() {
        return Arrays.copyOfRange(bytes(), 32, 64);
    }

    private static byte[] concat(CsRPublic r, byte[] s) {
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(s, "s");
        if (s.length != 32) {
            throw new IllegalArgumentException("signature scalar must be 32 bytes");
        }
        byte[] out = new byte[SIZE];
        System.arraycopy(r.bytes(), 0, out, 0, 32);
        System.arraycopy(s, 0, out, 32, 32);
        return out;
    }
}

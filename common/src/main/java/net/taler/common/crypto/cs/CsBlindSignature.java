package net.taler.common.crypto.cs;

import java.util.Arrays;
import java.util.Objects;

import net.taler.common.encoding.Crockford;

/**
 * The exchange's answer to a CS planchet: which challenge it signed ({@code b})
 * and the blinded scalar {@code s = r_b + c_b·x}. JSON {@code {"cipher":"CS",
 * "b":0|1,"s":B32}}.
 */
public final class CsBlindSignature {
    private final int b;
    private final byte[] s;

    public CsBlindSignature(int b, byte[] s) {
        if (b != 0 && b != 1) {
            throw new IllegalArgumentException("b must be 0 or 1");
        }
        Objects.requireNonNull(s, "s");
        if (s.length != 32) {
            throw new IllegalArgumentException("blinded scalar must be 32 bytes");
        }
        this.b = b;
        this.s = s.clone();
    }

    public int b() {
        return b;
    }

    /** The blinded scalar s (32 bytes little-endian, copy). */
    public byte[] s() {
        return s.clone();
    }

    public String sBase32() {
        return Crockford.encode(s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsBlindSignature other && other.b == b && Arrays.equals(other.s, s);
    }

    @Override
    public int hashCode() {
        return 31 * b + Arrays.hashCode(s);
    }

    @Override
    public String toString() {
        return "CsBlindSignature(b=" + b + ", s=" + sBase32() + ")";
    }
}

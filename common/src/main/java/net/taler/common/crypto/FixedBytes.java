package net.taler.common.crypto;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import net.taler.common.encoding.Crockford;

/**
 * Base of all fixed-size binary protocol values (keys, hashes, signatures).
 * Each subclass fixes one size, so the compiler keeps a 32-byte key from being
 * passed where a 64-byte hash is expected. Instances are immutable: the bytes
 * are copied on the way in and on the way out. Equality is by class and
 * content.
 */
public abstract class FixedBytes {
    private final byte[] bytes;

    protected FixedBytes(byte[] value, int size) {
        Objects.requireNonNull(value, "value");
        if (value.length != size) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs " + size
                    + " bytes, got " + value.length);
        }
        this.bytes = value.clone();
    }

    /** Decodes canonical Crockford base32 of exactly {@code size} bytes (C strictness). */
    protected static byte[] decodeBase32(String text, int size) {
        Objects.requireNonNull(text, "text");
        return Crockford.decodeFixed(text, size);
    }

    /** A copy of the value. */
    public final byte[] bytes() {
        return bytes.clone();
    }

    /** Package-internal access without copying; callers must not modify the array. */
    final byte[] raw() {
        return bytes;
    }

    public final int size() {
        return bytes.length;
    }

    /** True if every byte is zero (e.g. "no age commitment"). */
    public final boolean isZero() {
        int acc = 0;
        for (byte b : bytes) {
            acc |= b;
        }
        return acc == 0;
    }

    /** The canonical GNUnet Crockford base32 text used in JSON, URLs and config. */
    public final String toBase32() {
        return Crockford.encode(bytes);
    }

    @Override
    public final boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (o == null || o.getClass() != getClass()) {
            return false;
        }
        // constant time, so comparing secrets does not leak timing
        return MessageDigest.isEqual(bytes, ((FixedBytes) o).bytes);
    }

    @Override
    public final int hashCode() {
        return getClass().hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + toBase32() + ")";
    }
}

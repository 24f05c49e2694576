package net.taler.common.crypto;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * The exact bytes an EdDSA signature in GNUnet/Taler covers: {@code u32be size
 * || u32be purpose || fields}, where {@code size} counts the whole block
 * including the 8-byte header (crypto.md 3.1). Fields are written big-endian in
 * the order they are appended, without padding, which is what the packed C
 * structs contain. Verifiers rebuild the block from the values they expect and
 * never trust a received block.
 */
public final class PurposeBlock {
    public static final int HEADER_SIZE = 8;

    private final byte[] encoded;

    private PurposeBlock(byte[] encoded) {
        this.encoded = encoded;
    }

    /** Starts a block with the given purpose number (GANA registry). */
    public static Builder builder(int purpose) {
        return new Builder(purpose);
    }

    /**
     * Wraps already encoded bytes after checking that the size field equals
     * the array length.
     *
     * @throws IllegalArgumentException if the header is short or inconsistent
     */
    public static PurposeBlock parse(byte[] encoded) {
        Objects.requireNonNull(encoded, "encoded");
        if (encoded.length < HEADER_SIZE) {
            throw new IllegalArgumentException("purpose block shorter than its header");
        }
        if (readU32(encoded, 0) != encoded.length) {
            throw new IllegalArgumentException("purpose block size field " + Integer.toUnsignedString(readU32(encoded, 0))
                    + " does not match length " + encoded.length);
        }
        return new PurposeBlock(encoded.clone());
    }

    /** The purpose number from the header. */
    public int purpose() {
        return readU32(encoded, 4);
    }

    /** Total size in bytes, header included. */
    public int size() {
        return encoded.length;
    }

    /** A copy of the signed bytes. */
    public byte[] toBytes() {
        return encoded.clone();
    }

    /** A copy of the fields after the 8-byte header. */
    public byte[] payload() {
        return Arrays.copyOfRange(encoded, HEADER_SIZE, encoded.length);
    }

    byte[] raw() {
        return encoded;
    }

    private static int readU32(byte[] b, int off) {
        return ((b[off] & 0xff) << 24) | ((b[off + 1] & 0xff) << 16) | ((b[off + 2] & 0xff) << 8) | (b[off + 3] & 0xff);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PurposeBlock other && Arrays.equals(encoded, other.encoded);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encoded);
    }

    @Override
    public String toString() {
        return "PurposeBlock(" + Integer.toUnsignedString(purpose()) + ", " + HexFormat.of().formatHex(encoded) + ")";
    }

    /** Appends fields in order; {@link #build()} fills in the size. */
    public static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        private Builder(int purpose) {
            u32(0); // size placeholder
            u32(purpose);
        }

        /** Raw bytes, copied as they are. */
        public Builder bytes(byte[] data) {
            out.write(data, 0, data.length);
            return this;
        }

        /** A key, hash, signature or other fixed-size value. */
        public Builder bytes(FixedBytes value) {
            return bytes(value.raw());
        }

        /** Unsigned 32-bit big-endian (the int's bits are taken as is). */
        public Builder u32(int value) {
            out.write(value >>> 24);
            out.write(value >>> 16);
            out.write(value >>> 8);
            out.write(value);
            return this;
        }

        /** Unsigned 64-bit big-endian (the long's bits are taken as is). */
        public Builder u64(long value) {
            u32((int) (value >>> 32));
            return u32((int) value);
        }

        /** A 24-byte {@code TALER_AmountNBO}. */
        public Builder amount(Amount amount) {
            return bytes(amount.toNbo());
        }

        /** An absolute time, u64be microseconds ("never" = all ones). */
        public Builder timestamp(Timestamp time) {
            return bytes(time.toNbo());
        }

        /** A relative time, u64be microseconds ("forever" = all ones). */
        public Builder relativeTime(RelativeTime duration) {
            return bytes(duration.toNbo());
        }

        /**
         * A C {@code char[width]} field: the ASCII text truncated to
         * {@code width} bytes or NUL-padded, with no terminator when it fills
         * the field (e.g. the operation name of purpose 1043).
         */
        public Builder fixedString(String text, int width) {
            byte[] src = text.getBytes(StandardCharsets.US_ASCII);
            byte[] field = new byte[width];
            System.arraycopy(src, 0, field, 0, Math.min(width, src.length));
            return bytes(field);
        }

        public PurposeBlock build() {
            byte[] encoded = out.toByteArray();
            int size = encoded.length;
            encoded[0] = (byte) (size >>> 24);
            encoded[1] = (byte) (size >>> 16);
            encoded[2] = (byte) (size >>> 8);
            encoded[3] = (byte) size;
            return new PurposeBlock(encoded);
        }
    }
}

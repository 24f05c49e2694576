package net.taler.common.secmod;

import java.util.Arrays;

/**
 * One secmod message in the C encoding (secmod.md 5): {@code u16be size || u16be type ||
 * body}, where {@code size} counts the 4-byte header too and is therefore below 64 KiB.
 * Immutable.
 */
public final class Frame {
    public static final int HEADER_SIZE = 4;
    /** Largest possible message (the size field is 16 bits). */
    public static final int MAX_SIZE = 0xffff;

    private final byte[] data;

    private Frame(byte[] data) {
        this.data = data;
    }

    /**
     * Wraps a complete message (header included) after checking that its size field matches.
     *
     * @throws ProtocolException if the header is short or inconsistent
     */
    public static Frame of(byte[] message) throws ProtocolException {
        if (message.length < HEADER_SIZE || message.length > MAX_SIZE) {
            throw new ProtocolException("message of " + message.length + " bytes");
        }
        if (sizeField(message, 0) != message.length) {
            throw new ProtocolException("size field " + sizeField(message, 0) + " does not match length "
                    + message.length);
        }
        return new Frame(message.clone());
    }

    /** Used by the decoder, which has already checked the header; takes ownership. */
    static Frame trusted(byte[] message) {
        return new Frame(message);
    }

    static int sizeField(byte[] b, int off) {
        return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
    }

    /** The message type (unsigned 16 bits). */
    public int type() {
        return ((data[2] & 0xff) << 8) | (data[3] & 0xff);
    }

    /** Total size including the header. */
    public int size() {
        return data.length;
    }

    /** Size of the body after the header. */
    public int bodySize() {
        return data.length - HEADER_SIZE;
    }

    /** A reader positioned at the start of the body. */
    public MessageReader body() {
        return new MessageReader(data, HEADER_SIZE, data.length);
    }

    /** A copy of the whole message, header included. */
    public byte[] bytes() {
        return data.clone();
    }

    @Override
    public String toString() {
        return "Frame(type " + type() + ", " + size() + " bytes)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frame f && Arrays.equals(data, f.data);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(data);
    }
}

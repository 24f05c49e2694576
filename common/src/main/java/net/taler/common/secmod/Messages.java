package net.taler.common.secmod;

import net.taler.common.crypto.FixedBytes;

/** Message shapes shared by the three helpers (secmod.md 5). */
public final class Messages {
    /** Most entries one batch request may carry ({@code TALER_MAX_FRESH_COINS}); more drops the connection. */
    public static final int MAX_BATCH = 256;

    private Messages() {
    }

    /** A header-only message (SYNCED). */
    public static byte[] headerOnly(int type) {
        return MessageBuilder.of(type).build();
    }

    /** {@code u32 reserved = 0 || id}: PURGE and REVOKE of all helpers. */
    public static byte[] withKeyId(int type, FixedBytes id) {
        return MessageBuilder.of(type).u32(0).bytes(id).build();
    }

    /** The id of a {@link #withKeyId} message, which must have exactly that size. */
    public static byte[] parseKeyId(Frame f, int idSize) throws ProtocolException {
        MessageReader r = f.body();
        if (f.bodySize() != 4 + idSize) {
            throw new ProtocolException("message type " + f.type() + " of wrong size " + f.size());
        }
        r.u32();
        return r.bytes(idSize);
    }

    /** {@code u32 ec}: the failure replies. */
    public static byte[] failure(int type, int errorCode) {
        return MessageBuilder.of(type).u32(errorCode & 0xffffffffL).build();
    }

    /** The error code of a failure reply. */
    public static int parseFailure(Frame f) throws ProtocolException {
        if (f.bodySize() != 4) {
            throw new ProtocolException("failure message of wrong size " + f.size());
        }
        return (int) f.body().u32();
    }

    /** Checks that a header-only message has no body. */
    public static void parseHeaderOnly(Frame f) throws ProtocolException {
        if (f.bodySize() != 0) {
            throw new ProtocolException("message type " + f.type() + " must not have a body");
        }
    }

    /**
     * Splits {@code count} items into consecutive batches of at most {@link #MAX_BATCH}
     * entries whose encoding (header, u32 count, sub-messages) stays within a message.
     *
     * @param subSize size of the sub-message of item {@code i}
     * @return the exclusive end index of the batch starting at {@code from}
     */
    public static int batchEnd(int from, int count, java.util.function.IntUnaryOperator subSize) {
        int size = Frame.HEADER_SIZE + 4;
        int i = from;
        while (i < count && i - from < MAX_BATCH) {
            int s = subSize.applyAsInt(i);
            if (size + s > Frame.MAX_SIZE) {
                break;
            }
            size += s;
            i++;
        }
        if (i == from) {
            throw new IllegalArgumentException("batch item " + from + " does not fit a message");
        }
        return i;
    }

    /** A batch request: {@code u32 count || the complete sub-messages}. */
    public static byte[] batch(int type, java.util.List<byte[]> subMessages) {
        MessageBuilder b = MessageBuilder.of(type).u32(subMessages.size());
        for (byte[] m : subMessages) {
            b.bytes(m);
        }
        return b.build();
    }
}

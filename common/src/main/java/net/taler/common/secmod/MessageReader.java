package net.taler.common.secmod;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Reads the big-endian fields of a message body with bounds checks; running past the end is
 * a {@link ProtocolException} (the message is too short for its type).
 */
public final class MessageReader {
    private final byte[] buf;
    private int pos;
    private final int end;

    MessageReader(byte[] buf, int pos, int end) {
        this.buf = buf;
        this.pos = pos;
        this.end = end;
    }

    public int remaining() {
        return end - pos;
    }

    private void need(int n) throws ProtocolException {
        if (n < 0 || end - pos < n) {
            throw new ProtocolException("message too short: need " + n + " more bytes, have " + (end - pos));
        }
    }

    public int u16() throws ProtocolException {
        need(2);
        int v = ((buf[pos] & 0xff) << 8) | (buf[pos + 1] & 0xff);
        pos += 2;
        return v;
    }

    /** An unsigned 32-bit value as a long. */
    public long u32() throws ProtocolException {
        need(4);
        long v = ((long) (buf[pos] & 0xff) << 24) | ((buf[pos + 1] & 0xff) << 16)
                | ((buf[pos + 2] & 0xff) << 8) | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    public long u64() throws ProtocolException {
        long hi = u32();
        long lo = u32();
        return (hi << 32) | lo;
    }

    public Timestamp timestamp() throws ProtocolException {
        long v = u64();
        if (v < 0 && v != Timestamp.NEVER_MICROS) {
            throw new ProtocolException("timestamp out of range");
        }
        return new Timestamp(v);
    }

    public RelativeTime relativeTime() throws ProtocolException {
        long v = u64();
        if (v < 0 && v != RelativeTime.FOREVER_MICROS) {
            throw new ProtocolException("relative time out of range");
        }
        return new RelativeTime(v);
    }

    public byte[] bytes(int n) throws ProtocolException {
        need(n);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return out;
    }

    /** Everything left. */
    public byte[] rest() {
        byte[] out = Arrays.copyOfRange(buf, pos, end);
        pos = end;
        return out;
    }

    /**
     * A C string field of {@code len} bytes that must end in its only NUL and hold at least
     * one character (section names, secmod.md 5.2).
     */
    public String cString(int len) throws ProtocolException {
        byte[] b = bytes(len);
        if (len < 2 || b[len - 1] != 0) {
            throw new ProtocolException("string field is empty or not NUL-terminated");
        }
        for (int i = 0; i < len - 1; i++) {
            if (b[i] == 0) {
                throw new ProtocolException("string field contains a NUL byte");
            }
        }
        return new String(b, 0, len - 1, StandardCharsets.UTF_8);
    }

    /** Checks that the whole body was consumed. */
    public void end() throws ProtocolException {
        if (pos != end) {
            throw new ProtocolException("message has " + (end - pos) + " unexpected trailing bytes");
        }
    }
}

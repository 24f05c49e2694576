package net.taler.common.secmod;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import net.taler.common.crypto.FixedBytes;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/** Builds one message: header (size filled in by {@link #build()}), then big-endian fields. */
public final class MessageBuilder {
    private byte[] buf = new byte[128];
    private int len;

    private MessageBuilder(int type) {
        if (type < 0 || type > 0xffff) {
            throw new IllegalArgumentException("message type " + type);
        }
        u16(0);
        u16(type);
    }

    public static MessageBuilder of(int type) {
        return new MessageBuilder(type);
    }

    private void ensure(int n) {
        if (len + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
        }
    }

    public MessageBuilder u16(int v) {
        ensure(2);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public MessageBuilder u32(long v) {
        ensure(4);
        buf[len++] = (byte) (v >>> 24);
        buf[len++] = (byte) (v >>> 16);
        buf[len++] = (byte) (v >>> 8);
        buf[len++] = (byte) v;
        return this;
    }

    public MessageBuilder u64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    public MessageBuilder timestamp(Timestamp t) {
        return u64(t.micros());
    }

    public MessageBuilder relativeTime(RelativeTime r) {
        return u64(r.micros());
    }

    public MessageBuilder bytes(byte[] data) {
        ensure(data.length);
        System.arraycopy(data, 0, buf, len, data.length);
        len += data.length;
        return this;
    }

    public MessageBuilder bytes(FixedBytes value) {
        return bytes(value.bytes());
    }

    /** UTF-8 bytes plus the terminating NUL. */
    public MessageBuilder cString(String s) {
        bytes(s.getBytes(StandardCharsets.UTF_8));
        ensure(1);
        buf[len++] = 0;
        return this;
    }

    /** Length of a {@link #cString} field. */
    public static int cStringLength(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length + 1;
    }

    /**
     * The finished message.
     *
     * @throws IllegalArgumentException if it does not fit the 16-bit size field
     */
    public byte[] build() {
        if (len > Frame.MAX_SIZE) {
            throw new IllegalArgumentException("message of " + len + " bytes exceeds " + Frame.MAX_SIZE);
        }
        byte[] out = Arrays.copyOf(buf, len);
        out[0] = (byte) (len >>> 8);
        out[1] = (byte) len;
        return out;
    }
}

package net.taler.common.secmod;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A UNIX stream socket carrying secmod messages, used by both the helpers and their clients.
 *
 * <p>The channel is non-blocking behind a private {@link Selector}, which gives three things
 * a blocking UNIX channel lacks: receive time-outs, a {@link #wakeup()} from another thread
 * (the helper pushes key changes to an idle client this way, like the C eventfd) and bounded
 * writes (a peer that stops reading is dropped after the write time-out instead of blocking
 * its thread forever). Outgoing messages are buffered and flushed before the owner waits for
 * input, so replies to pipelined requests leave in few system calls.
 *
 * <p>One owner thread calls {@link #send}, {@link #flush} and {@link #receive};
 * {@link #wakeup()} and {@link #close()} may be called from any thread.
 */
public final class FramedChannel implements MessageSink, Closeable {
    private static final int IN_CAPACITY = 2 * (Frame.MAX_SIZE + 1);
    private static final int OUT_FLUSH_THRESHOLD = 64 * 1024;

    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private final long writeTimeoutNanos;
    private final byte[] in = new byte[IN_CAPACITY];
    private int start;
    private int end;
    private ByteBuffer out = ByteBuffer.allocate(8 * 1024);
    private volatile boolean closed;

    /** Takes over a connected channel (it is switched to non-blocking mode). */
    public FramedChannel(SocketChannel channel, long writeTimeoutMillis) throws IOException {
        this.channel = channel;
        this.writeTimeoutNanos = TimeUnit.MILLISECONDS.toNanos(writeTimeoutMillis);
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            this.key = channel.register(selector, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /** Connects to the helper listening at {@code socket}. */
    public static FramedChannel connect(Path socket, long writeTimeoutMillis) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
            return new FramedChannel(ch, writeTimeoutMillis);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    @Override
    public void send(byte[] message) throws IOException {
        ensureOpen();
        if (out.remaining() < message.length) {
            if (out.position() > 0 && out.position() + message.length > OUT_FLUSH_THRESHOLD) {
                flush();
            }
            if (out.remaining() < message.length) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(out.capacity() * 2, out.position() + message.length));
                out.flip();
                bigger.put(out);
                out = bigger;
            }
        }
        out.put(message);
    }

    /** Writes everything queued, waiting at most the write time-out for the peer to read. */
    public void flush() throws IOException {
        ensureOpen();
        if (out.position() == 0) {
            return;
        }
        out.flip();
        try {
            long deadline = 0;
            while (out.hasRemaining()) {
                if (channel.write(out) > 0) {
                    deadline = 0;
                    continue;
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + writeTimeoutNanos;
                } else if (now - deadline >= 0) {
                    throw new IOException("peer does not read: write timed out");
                }
                key.interestOps(SelectionKey.OP_WRITE);
                try {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - now)));
                    selector.selectedKeys().clear();
                } finally {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
        } catch (ClosedSelectorException e) {
            throw closedException(e);
        } finally {
            out.clear();
            if (out.capacity() > 4 * OUT_FLUSH_THRESHOLD) {
                out = ByteBuffer.allocate(8 * 1024);
            }
        }
    }

    /**
     * The next message, flushing queued output first. Waits up to {@code timeoutMillis}
     * ({@code 0}: do not wait, negative: without limit); returns {@code null} when that time
     * passed or {@link #wakeup()} was called.
     *
     * @throws EOFException when the peer closed the connection (also in the middle of a message)
     * @throws ProtocolException on a header whose size is below the header size
     */
    public Frame receive(long timeoutMillis) throws IOException {
        ensureOpen();
        flush();
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        try {
            while (true) {
                Frame f = parse();
                if (f != null) {
                    return f;
                }
                int n = fill();
                if (n < 0) {
                    throw new EOFException(end > start ? "connection closed in the middle of a message"
                            : "connection closed by peer");
                }
                if (n > 0) {
                    continue;
                }
                if (timeoutMillis == 0) {
                    return null;
                }
                long waitMillis = 0;
                if (timeoutMillis > 0) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return null;
                    }
                    waitMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
                }
                int ready = selector.select(waitMillis);
                selector.selectedKeys().clear();
                if (ready == 0 && timeoutMillis < 0) {
                    return null; // woken up
                }
                if (ready == 0 && timeoutMillis > 0 && deadline - System.nanoTime() > 0) {
                    return null; // woken up before the deadline
                }
            }
        } catch (ClosedSelectorException e) {
            throw closedException(e);
        }
    }

    /** True if a complete message is already buffered (no system call). */
    public boolean hasBufferedMessage() {
        if (end - start < Frame.HEADER_SIZE) {
            return false;
        }
        int size = Frame.sizeField(in, start);
        return size < Frame.HEADER_SIZE || end - start >= size;
    }

    private Frame parse() throws ProtocolException {
        int avail = end - start;
        if (avail < Frame.HEADER_SIZE) {
            return null;
        }
        int size = Frame.sizeField(in, start);
        if (size < Frame.HEADER_SIZE) {
            throw new ProtocolException("message size " + size + " smaller than its header");
        }
        if (avail < size) {
            return null;
        }
        byte[] msg = new byte[size];
        System.arraycopy(in, start, msg, 0, size);
        start += size;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return Frame.trusted(msg);
    }

    private int fill() throws IOException {
        if (start > 0 && in.length - end <= Frame.MAX_SIZE) {
            System.arraycopy(in, start, in, 0, end - start);
            end -= start;
            start = 0;
        }
        int n = channel.read(ByteBuffer.wrap(in, end, in.length - end));
        if (n > 0) {
            end += n;
        }
        return n;
    }

    /** Makes a waiting (or the next) {@link #receive} return {@code null}; any thread. */
    public void wakeup() {
        try {
            selector.wakeup();
        } catch (ClosedSelectorException e) {
            // closed meanwhile: nothing to wake
        }
    }

    public boolean isOpen() {
        return !closed;
    }

    private void ensureOpen() throws ClosedChannelException {
        if (closed) {
            throw new ClosedChannelException();
        }
    }

    private static IOException closedException(ClosedSelectorException e) {
        ClosedChannelException c = new ClosedChannelException();
        c.initCause(e);
        return c;
    }

    /** Closes the socket; a thread blocked in {@link #receive} fails with an exception. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            // nothing left to do
        }
        try {
            selector.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }
}

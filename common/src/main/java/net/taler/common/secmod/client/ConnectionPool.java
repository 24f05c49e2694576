package net.taler.common.secmod.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;

/**
 * Request connections to one helper: at most {@code maxConnections} in use at once (a caller
 * waits up to the request time-out for one), connected lazily and kept for reuse. Pushes that
 * queued up on an idle connection are discarded before it is lent again. Thread safe.
 */
final class ConnectionPool implements AutoCloseable {
    private final Path socket;
    private final PushTypes pushes;
    private final Duration waitForPermit;
    private final long writeTimeoutMillis;
    private final ArrayDeque<FramedChannel> idle = new ArrayDeque<>();
    private final Semaphore permits;
    private volatile boolean closed;

    ConnectionPool(Path socket, PushTypes pushes, int maxConnections, Duration waitForPermit,
            long writeTimeoutMillis) {
        this.socket = socket;
        this.pushes = pushes;
        this.waitForPermit = waitForPermit;
        this.writeTimeoutMillis = writeTimeoutMillis;
        this.permits = new Semaphore(maxConnections, true);
    }

    /**
     * A connection owned by the caller until {@link #giveBack}.
     *
     * @throws ReplyTimeoutException if no connection became free in time
     * @throws IOException if the helper cannot be reached or the pool is closed
     */
    FramedChannel borrow() throws IOException {
        if (closed) {
            throw new IOException("client closed");
        }
        try {
            if (!permits.tryAcquire(waitForPermit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ReplyTimeoutException();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection");
        }
        try {
            while (true) {
                FramedChannel ch;
                synchronized (idle) {
                    ch = idle.pollFirst();
                }
                if (ch == null) {
                    return FramedChannel.connect(socket, writeTimeoutMillis);
                }
                if (drain(ch)) {
                    return ch;
                }
                ch.close();
            }
        } catch (IOException | RuntimeException e) {
            permits.release();
            throw e;
        }
    }

    /** Returns a connection; one that is not {@code reusable} (broken, mid-exchange) is closed. */
    void giveBack(FramedChannel ch, boolean reusable) {
        if (reusable && !closed) {
            synchronized (idle) {
                idle.addFirst(ch);
            }
        } else {
            ch.close();
        }
        permits.release();
    }

    /** Number of idle connections (tests). */
    int idleCount() {
        synchronized (idle) {
            return idle.size();
        }
    }

    /** Discards pushes queued on an idle connection; false if it is broken or holds a stray reply. */
    private boolean drain(FramedChannel ch) {
        try {
            Frame f;
            while ((f = ch.receive(0)) != null) {
                if (!pushes.isPush(f.type())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Closes the idle connections; borrowed ones are closed when given back. */
    @Override
    public void close() {
        closed = true;
        synchronized (idle) {
            for (FramedChannel ch : idle) {
                ch.close();
            }
            idle.clear();
        }
    }
}

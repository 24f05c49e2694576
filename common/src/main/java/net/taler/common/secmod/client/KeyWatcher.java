package net.taler.common.secmod.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;

/**
 * Keeps a helper's announced keys (secmod.md 5.5): on first use a daemon thread connects, reads
 * the AVAIL messages up to SYNCED into a new key set, publishes it, and then applies pushed
 * AVAIL/PURGE messages as they arrive. A broken connection unpublishes the set ("not synced")
 * and is re-established with back-off; the set is rebuilt from the new initial messages.
 * Listeners run on the watch thread after every published change. Thread safe.
 */
final class KeyWatcher<I extends FixedBytes, K> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeyWatcher.class.getName());
    private static final long INITIAL_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    /** How long the watch blocks in one read before it checks whether it was closed. */
    private static final long POLL_MILLIS = 1_000;

    private final Path socket;
    private final Announcements<I, K> decoder;
    private final EddsaPublicKey pinnedSmKey;
    private final long writeTimeoutMillis;

    private final Object sync = new Object();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Thread watcher;
    private FramedChannel watchChannel;
    private volatile Map<I, K> keys = Map.of();
    private volatile boolean synced;
    private volatile EddsaPublicKey smKey;
    private volatile long version;
    private volatile boolean closed;

    /** @param pinnedSmKey if not null, announcements signed by another SM key are a protocol error */
    KeyWatcher(Path socket, Announcements<I, K> decoder, EddsaPublicKey pinnedSmKey, long writeTimeoutMillis) {
        this.socket = socket;
        this.decoder = decoder;
        this.pinnedSmKey = pinnedSmKey;
        this.writeTimeoutMillis = writeTimeoutMillis;
    }

    /** The published keys (empty while not synced); does not wait. */
    Map<I, K> keys() {
        return keys;
    }

    /** The SM key of the announcements (null before any). */
    EddsaPublicKey smKey() {
        return smKey;
    }

    /** Starts the watch if needed; true if it is connected and synced now. */
    boolean isSynced() {
        start();
        return synced;
    }

    long version() {
        return version;
    }

    void addListener(Runnable listener) {
        listeners.add(listener);
    }

    /** Starts the watch if needed and waits up to {@code timeout} for a synced key set; false if none. */
    boolean awaitSynced(Duration timeout) {
        start();
        if (synced) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sync) {
            while (!synced && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(sync, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return synced;
    }

    /** Waits until {@link #version()} exceeds {@code seen}; false on time-out. */
    boolean awaitVersion(long seen, Duration timeout) throws InterruptedException {
        start();
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (sync) {
            while (version <= seen && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(sync, left);
            }
            return version > seen;
        }
    }

    private void start() {
        synchronized (sync) {
            if (watcher == null && !closed) {
                watcher = new Thread(this::watchLoop, "secmod-client-watch " + socket.getFileName());
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    private void watchLoop() {
        long backoff = INITIAL_BACKOFF_MILLIS;
        while (!closed) {
            FramedChannel ch = null;
            try {
                ch = FramedChannel.connect(socket, writeTimeoutMillis);
                synchronized (sync) {
                    if (closed) {
                        break;
                    }
                    watchChannel = ch;
                }
                AnnouncedKeys<I, K> working = new AnnouncedKeys<>(decoder, pinnedSmKey, Map.of(), null);
                readInitialSet(ch, working);
                publish(working, true);
                backoff = INITIAL_BACKOFF_MILLIS;
                while (!closed) {
                    Frame f = next(ch);
                    if (f == null) {
                        continue;
                    }
                    working.apply(f);
                    while (ch.hasBufferedMessage()) { // publish a burst of pushes once
                        working.apply(ch.receive(0));
                    }
                    publish(working, false);
                }
            } catch (ProtocolException e) {
                LOG.severe("security module at " + socket + " violated the protocol: " + e.getMessage());
            } catch (EOFException e) {
                if (!closed) {
                    LOG.warning("security module at " + socket + " closed the connection");
                }
            } catch (IOException e) {
                if (!closed) {
                    LOG.fine("cannot reach security module at " + socket + ": " + e);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "key watch failed", e);
            } finally {
                if (ch != null) {
                    ch.close();
                }
                unpublish();
            }
            if (!sleep(backoff)) {
                break;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    /** Reads AVAIL/PURGE messages up to SYNCED. */
    private void readInitialSet(FramedChannel ch, AnnouncedKeys<I, K> working) throws IOException {
        while (true) {
            Frame f = next(ch);
            if (f == null) {
                continue;
            }
            if (f.type() == decoder.types().synced()) {
                Messages.parseHeaderOnly(f);
                return;
            }
            working.apply(f);
        }
    }

    private Frame next(FramedChannel ch) throws IOException {
        if (closed) {
            throw new EOFException("client closed");
        }
        return ch.receive(POLL_MILLIS);
    }

    private void publish(AnnouncedKeys<I, K> working, boolean resync) {
        EddsaPublicKey sm = working.smKey();
        synchronized (sync) {
            if (sm != null) {
                if (resync && smKey != null && !smKey.equals(sm)) {
                    LOG.warning("security module at " + socket + " now uses SM key " + sm.toBase32());
                }
                smKey = sm;
            }
            keys = working.snapshot();
            synced = true;
            version++;
            sync.notifyAll();
        }
        for (Runnable r : listeners) {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "key listener failed", e);
            }
        }
    }

    private void unpublish() {
        synchronized (sync) {
            watchChannel = null;
            if (synced) {
                synced = false;
                version++;
                sync.notifyAll();
            }
        }
    }

    /** Waits before a reconnect; false if closed meanwhile. */
    private boolean sleep(long millis) {
        synchronized (sync) {
            if (closed) {
                return false;
            }
            try {
                sync.wait(millis);
            } catch (InterruptedException e) {
                return false;
            }
            return !closed;
        }
    }

    /** Stops the watch and waits briefly for its thread. */
    @Override
    public void close() {
        closed = true;
        Thread w;
        synchronized (sync) {
            if (watchChannel != null) {
                watchChannel.close();
            }
            w = watcher;
            sync.notifyAll();
        }
        if (w != null) {
            try {
                w.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

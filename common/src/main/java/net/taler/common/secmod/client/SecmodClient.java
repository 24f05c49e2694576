package net.taler.common.secmod.client;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;

/**
 * Client side of a security module (secmod.md 5.5), shared by the three typed clients.
 *
 * <p><b>Keys.</b> On first use of {@link #keys()} a background thread connects, reads the
 * AVAIL messages up to SYNCED (checking every SM signature, and that all come from one SM
 * key), and then applies pushed AVAIL/PURGE messages as they arrive. If the connection
 * breaks it reconnects with back-off and rebuilds the map from the new initial set. While
 * no synced connection exists, {@link #keys()} throws {@link SecmodUnavailableException}.
 *
 * <p><b>Requests.</b> Requests use a small pool of further connections (connected lazily,
 * pushes on them are ignored); each request owns its connection until its replies are in, so
 * replies match requests. A broken connection is replaced and the request retried (up to
 * three attempts; signing and revocation are idempotent). "Helper unavailable" is an
 * exception; a refusal of one request is a failed {@link SecmodResult}.
 *
 * <p>Thread safe.
 *
 * @param <I> the key id type (helper hash or EdDSA public key)
 * @param <K> the announced key type
 */
public abstract class SecmodClient<I extends FixedBytes, K> implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(SecmodClient.class.getName());
    private static final int ATTEMPTS = 3;
    private static final long WRITE_TIMEOUT_MILLIS = 30_000;
    private static final long MAX_BACKOFF_MILLIS = 5_000;

    private final Path socket;
    private final SecmodClientOptions options;
    private final EddsaPublicKey pinnedSmKey;
    private final int availType;
    private final int purgeType;
    private final int syncedType;
    private final TalerErrorCode unavailableCode;
    private final TalerErrorCode bugCode;

    private final ArrayDeque<FramedChannel> idle = new ArrayDeque<>();
    private final Semaphore permits;

    private final Object sync = new Object();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private Thread watcher;
    private FramedChannel watchChannel;
    private volatile Map<I, K> keys = Map.of();
    private volatile boolean synced;
    private volatile EddsaPublicKey smKey;
    private volatile long version;
    private volatile boolean closed;

    /**
     * @param pinnedSmKey if not null, announcements signed by another SM key are a protocol error
     */
    protected SecmodClient(Path socket, SecmodClientOptions options, EddsaPublicKey pinnedSmKey, int availType,
            int purgeType, int syncedType, TalerErrorCode unavailableCode, TalerErrorCode bugCode) {
        this.socket = socket;
        this.options = options;
        this.pinnedSmKey = pinnedSmKey;
        this.availType = availType;
        this.purgeType = purgeType;
        this.syncedType = syncedType;
        this.unavailableCode = unavailableCode;
        this.bugCode = bugCode;
        this.permits = new Semaphore(options.maxConnections(), true);
    }

    /** {@code UNIXPATH} of a helper's section. */
    protected static Path socketPath(TalerConfig cfg, String section) {
        return cfg.requireFilename(section, "UNIXPATH");
    }

    /** Decodes an AVAIL message (without checking its signature). */
    protected abstract K decodeAvail(Frame f) throws ProtocolException;

    /** Checks the SM signature of an announcement. */
    protected abstract boolean verifyAvail(K key);

    protected abstract I keyId(K key);

    protected abstract EddsaPublicKey smKeyOf(K key);

    protected abstract I decodePurge(Frame f) throws ProtocolException;

    public Path socket() {
        return socket;
    }

    // ------------------------------------------------------------------ keys

    /**
     * The helper's current keys by id, waiting up to the connect time-out for the first sync.
     *
     * @throws SecmodUnavailableException if the helper is not (currently) reachable
     */
    public Map<I, K> keys() throws SecmodUnavailableException {
        awaitSynced();
        return keys;
    }

    /** The SM public key of the announcements (after the first sync). */
    public EddsaPublicKey smPublicKey() throws SecmodUnavailableException {
        awaitSynced();
        EddsaPublicKey k = smKey;
        if (k == null) {
            throw unavailable("helper announced no keys, so its SM key is unknown", null, false);
        }
        return k;
    }

    /** True if the key watch is connected and synced (starts it if needed, does not wait). */
    public boolean isSynced() {
        startWatcher();
        return synced;
    }

    /** Grows with every change of the key map (including re-syncs). */
    public long keysVersion() {
        return version;
    }

    /**
     * Waits until {@link #keysVersion()} exceeds {@code seen}.
     *
     * @return false on time-out
     */
    public boolean awaitKeysVersion(long seen, java.time.Duration timeout) throws InterruptedException {
        startWatcher();
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

    /** Called (from the watch thread) after every change of the key map. */
    public void addKeyListener(Runnable listener) {
        listeners.add(listener);
    }

    private void awaitSynced() throws SecmodUnavailableException {
        startWatcher();
        if (synced) {
            return;
        }
        long deadline = System.nanoTime() + options.connectTimeout().toNanos();
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
        if (!synced) {
            throw unavailable("security module at " + socket + " is not available", null, false);
        }
    }

    private void startWatcher() {
        synchronized (sync) {
            if (watcher == null && !closed) {
                watcher = new Thread(this::watchLoop, "secmod-client-watch " + socket.getFileName());
                watcher.setDaemon(true);
                watcher.start();
            }
        }
    }

    private void watchLoop() {
        long backoff = 100;
        while (!closed) {
            FramedChannel ch = null;
            try {
                ch = FramedChannel.connect(socket, WRITE_TIMEOUT_MILLIS);
                synchronized (sync) {
                    if (closed) {
                        break;
                    }
                    watchChannel = ch;
                }
                Map<I, K> working = new LinkedHashMap<>();
                EddsaPublicKey[] sm = {null};
                // the initial set, up to SYNCED
                while (true) {
                    Frame f = next(ch);
                    if (f == null) {
                        continue;
                    }
                    if (f.type() == syncedType) {
                        Messages.parseHeaderOnly(f);
                        break;
                    }
                    apply(f, working, sm);
                }
                install(working, sm[0], true);
                backoff = 100;
                while (!closed) {
                    Frame f = next(ch);
                    if (f == null) {
                        continue;
                    }
                    Map<I, K> copy = new LinkedHashMap<>(keys);
                    apply(f, copy, sm);
                    while (ch.hasBufferedMessage()) {
                        apply(ch.receive(0), copy, sm);
                    }
                    install(copy, sm[0], false);
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
                synchronized (sync) {
                    watchChannel = null;
                    if (synced) {
                        synced = false;
                        version++;
                        sync.notifyAll();
                    }
                }
            }
            synchronized (sync) {
                if (closed) {
                    break;
                }
                try {
                    sync.wait(backoff);
                } catch (InterruptedException e) {
                    break;
                }
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MILLIS);
        }
    }

    private Frame next(FramedChannel ch) throws IOException {
        if (closed) {
            throw new EOFException("client closed");
        }
        return ch.receive(1000);
    }

    private void apply(Frame f, Map<I, K> map, EddsaPublicKey[] sm) throws ProtocolException {
        if (f.type() == availType) {
            K k = decodeAvail(f);
            EddsaPublicKey keySm = smKeyOf(k);
            if (pinnedSmKey != null && !pinnedSmKey.equals(keySm)) {
                throw new ProtocolException("announcement signed by SM key " + keySm.toBase32()
                        + ", not the pinned " + pinnedSmKey.toBase32());
            }
            if (sm[0] != null && !sm[0].equals(keySm)) {
                throw new ProtocolException("announcements signed by different SM keys");
            }
            if (!verifyAvail(k)) {
                throw new ProtocolException("invalid SM signature on announcement of " + keyId(k).toBase32());
            }
            sm[0] = keySm;
            map.put(keyId(k), k);
        } else if (f.type() == purgeType) {
            map.remove(decodePurge(f));
        } else {
            throw new ProtocolException("unexpected message type " + f.type() + " on the key watch");
        }
    }

    private void install(Map<I, K> map, EddsaPublicKey sm, boolean resync) {
        synchronized (sync) {
            if (sm != null) {
                if (resync && smKey != null && !smKey.equals(sm)) {
                    LOG.warning("security module at " + socket + " now uses SM key " + sm.toBase32());
                }
                smKey = sm;
            }
            keys = Collections.unmodifiableMap(map);
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

    // ------------------------------------------------------------------ requests

    /** One request/reply exchange on a connection owned for its duration. */
    protected interface Exchange<T> {
        T run(Session s) throws IOException;
    }

    /** A borrowed request connection. */
    protected static final class Session {
        private final FramedChannel ch;
        private final long deadline;
        private final int availType;
        private final int purgeType;
        private final int syncedType;

        private Session(FramedChannel ch, long timeoutNanos, int availType, int purgeType, int syncedType) {
            this.ch = ch;
            this.deadline = System.nanoTime() + timeoutNanos;
            this.availType = availType;
            this.purgeType = purgeType;
            this.syncedType = syncedType;
        }

        public void send(byte[] message) throws IOException {
            ch.send(message);
        }

        public void flush() throws IOException {
            ch.flush();
        }

        /** The next reply (pushed AVAIL/PURGE/SYNCED are skipped), flushing first. */
        public Frame reply() throws IOException {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new ReplyTimeout();
                }
                Frame f = ch.receive(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                if (f == null) {
                    continue;
                }
                if (f.type() == availType || f.type() == purgeType || f.type() == syncedType) {
                    continue;
                }
                return f;
            }
        }
    }

    private static final class ReplyTimeout extends IOException {
        private static final long serialVersionUID = 1L;

        ReplyTimeout() {
            super("no reply in time");
        }
    }

    /**
     * Runs an exchange on a pooled connection, retrying on a fresh connection if the
     * connection breaks.
     */
    protected final <T> T call(Exchange<T> exchange) throws SecmodUnavailableException {
        IOException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            FramedChannel ch;
            try {
                ch = borrow();
            } catch (IOException e) {
                last = e;
                continue;
            }
            boolean reusable = false;
            try {
                T result = exchange.run(new Session(ch, options.requestTimeout().toNanos(), availType, purgeType,
                        syncedType));
                ch.flush();
                reusable = true;
                return result;
            } catch (ProtocolException e) {
                throw unavailable("security module at " + socket + " violated the protocol: " + e.getMessage(), e,
                        true);
            } catch (ReplyTimeout e) {
                throw unavailable("security module at " + socket + " did not answer in time", e, false);
            } catch (IOException e) {
                last = e;
            } finally {
                giveBack(ch, reusable);
            }
        }
        throw unavailable("security module at " + socket + " is not available: " + last, last, false);
    }

    private FramedChannel borrow() throws IOException {
        if (closed) {
            throw new IOException("client closed");
        }
        try {
            if (!permits.tryAcquire(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                throw new ReplyTimeout();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for a connection");
        }
        try {
            while (true) {
                FramedChannel ch;
                synchronized (idle) {
                    ch = idle.pollFirst();
                }
                if (ch == null) {
                    return FramedChannel.connect(socket, WRITE_TIMEOUT_MILLIS);
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

    /** Discards pushes queued on an idle connection; false if it is broken. */
    private boolean drain(FramedChannel ch) {
        try {
            Frame f;
            while ((f = ch.receive(0)) != null) {
                if (f.type() != availType && f.type() != purgeType && f.type() != syncedType) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void giveBack(FramedChannel ch, boolean reusable) {
        if (reusable && !closed) {
            synchronized (idle) {
                idle.addFirst(ch);
            }
        } else {
            ch.close();
        }
        permits.release();
    }

    /** A single request answered by one reply: the success type or the failure type. */
    protected final <T> SecmodResult<T> single(byte[] request, int okType, Decoder<T> decoder, int failureType)
            throws SecmodUnavailableException {
        return call(s -> {
            s.send(request);
            return decodeReply(s.reply(), okType, decoder, failureType);
        });
    }

    /** Sends a request that has no reply. */
    protected final void noReply(byte[] request) throws SecmodUnavailableException {
        call(s -> {
            s.send(request);
            s.flush();
            return Boolean.TRUE;
        });
    }

    /** Decodes a reply body. */
    @FunctionalInterface
    protected interface Decoder<T> {
        T decode(Frame f) throws ProtocolException;
    }

    private static <T> SecmodResult<T> decodeReply(Frame f, int okType, Decoder<T> decoder, int failureType)
            throws ProtocolException {
        if (f.type() == okType) {
            return SecmodResult.ok(decoder.decode(f));
        }
        if (f.type() == failureType) {
            return SecmodResult.failure(Messages.parseFailure(f));
        }
        throw new ProtocolException("unexpected reply type " + f.type());
    }

    /**
     * A batch: the requests are split into messages of at most {@link Messages#MAX_BATCH}
     * entries and 64 KiB, each answered in order; a batch failure fails the rest of its part.
     */
    protected final <R, T> List<SecmodResult<T>> batch(List<R> requests, Function<R, byte[]> encodeSub,
            int batchType, int okType, Decoder<T> decoder, int failureType, int batchFailureType)
            throws SecmodUnavailableException {
        if (requests.isEmpty()) {
            return List.of();
        }
        List<byte[]> subs = new ArrayList<>(requests.size());
        for (R r : requests) {
            subs.add(encodeSub.apply(r));
        }
        return call(s -> {
            List<SecmodResult<T>> out = new ArrayList<>(subs.size());
            int from = 0;
            while (from < subs.size()) {
                int end = Messages.batchEnd(from, subs.size(), i -> subs.get(i).length);
                s.send(Messages.batch(batchType, subs.subList(from, end)));
                for (int i = from; i < end; i++) {
                    Frame f = s.reply();
                    if (f.type() == batchFailureType) {
                        int ec = Messages.parseFailure(f);
                        for (; i < end; i++) {
                            out.add(SecmodResult.failure(ec));
                        }
                        break;
                    }
                    out.add(decodeReply(f, okType, decoder, failureType));
                }
                from = end;
            }
            return out;
        });
    }

    private SecmodUnavailableException unavailable(String message, Throwable cause, boolean bug) {
        return new SecmodUnavailableException(message, cause, bug ? bugCode : unavailableCode, bug);
    }

    /** Closes all connections and stops the key watch. */
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
        synchronized (idle) {
            for (FramedChannel ch : idle) {
                ch.close();
            }
            idle.clear();
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

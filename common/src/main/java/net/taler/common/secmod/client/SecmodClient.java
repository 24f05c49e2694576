package net.taler.common.secmod.client;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.ProtocolException;

/**
 * Client side of a security module (secmod.md 5.5), shared by the three typed clients. It
 * composes a {@link KeyWatcher} (the announced keys, on their own connection), a
 * {@link ConnectionPool} (request connections) and {@link SecmodRequests} (request and reply
 * encoding, retries); the subclasses add the cipher's messages. While no synced key watch
 * exists, {@link #keys()} throws {@link SecmodUnavailableException}. Thread safe.
 *
 * @param <I> the key id type (helper hash or EdDSA public key)
 * @param <K> the announced key type
 */
public abstract class SecmodClient<I extends FixedBytes, K> implements AutoCloseable {
    private static final long WRITE_TIMEOUT_MILLIS = 30_000;

    private final Path socket;
    private final SecmodClientOptions options;
    private final KeyWatcher<I, K> watcher;
    private final ConnectionPool pool;
    private final SecmodRequests requests;

    /**
     * @param pinnedSmKey if not null, announcements signed by another SM key are a protocol error
     */
    protected SecmodClient(Path socket, SecmodClientOptions options, EddsaPublicKey pinnedSmKey, int availType,
            int purgeType, int syncedType, TalerErrorCode unavailableCode, TalerErrorCode bugCode) {
        this.socket = socket;
        this.options = options;
        PushTypes pushes = new PushTypes(availType, purgeType, syncedType);
        this.watcher = new KeyWatcher<>(socket, new Announcements<I, K>() {
            @Override
            public PushTypes types() {
                return pushes;
            }

            @Override
            public K decodeAvail(Frame f) throws ProtocolException {
                return SecmodClient.this.decodeAvail(f);
            }

            @Override
            public boolean verifyAvail(K key) {
                return SecmodClient.this.verifyAvail(key);
            }

            @Override
            public I keyId(K key) {
                return SecmodClient.this.keyId(key);
            }

            @Override
            public EddsaPublicKey smKeyOf(K key) {
                return SecmodClient.this.smKeyOf(key);
            }

            @Override
            public I decodePurge(Frame f) throws ProtocolException {
                return SecmodClient.this.decodePurge(f);
            }
        }, pinnedSmKey, WRITE_TIMEOUT_MILLIS);
        this.pool = new ConnectionPool(socket, pushes, options.maxConnections(), options.requestTimeout(),
                WRITE_TIMEOUT_MILLIS);
        this.requests = new SecmodRequests(socket, pool, pushes, options.requestTimeout(), unavailableCode, bugCode);
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
        return watcher.keys();
    }

    /** The SM public key of the announcements (after the first sync). */
    public EddsaPublicKey smPublicKey() throws SecmodUnavailableException {
        awaitSynced();
        EddsaPublicKey k = watcher.smKey();
        if (k == null) {
            throw requests.unavailable("helper announced no keys, so its SM key is unknown", null, false);
        }
        return k;
    }

    /** True if the key watch is connected and synced (starts it if needed, does not wait). */
    public boolean isSynced() {
        return watcher.isSynced();
    }

    /** Grows with every change of the key map (including re-syncs). */
    public long keysVersion() {
        return watcher.version();
    }

    /**
     * Waits until {@link #keysVersion()} exceeds {@code seen}.
     *
     * @return false on time-out
     */
    public boolean awaitKeysVersion(long seen, Duration timeout) throws InterruptedException {
        return watcher.awaitVersion(seen, timeout);
    }

    /** Called (from the watch thread) after every change of the key map. */
    public void addKeyListener(Runnable listener) {
        watcher.addListener(listener);
    }

    private void awaitSynced() throws SecmodUnavailableException {
        if (!watcher.awaitSynced(options.connectTimeout())) {
            throw requests.unavailable("security module at " + socket + " is not available", null, false);
        }
    }

    // ------------------------------------------------------------------ requests (for the typed clients)

    /** Decodes a reply body. */
    @FunctionalInterface
    protected interface Decoder<T> extends SecmodRequests.Decoder<T> {
    }

    /** A single request answered by one reply: the success type or the failure type. */
    protected final <T> SecmodResult<T> single(byte[] request, int okType, Decoder<T> decoder, int failureType)
            throws SecmodUnavailableException {
        return requests.single(request, okType, decoder, failureType);
    }

    /** Sends a request that has no reply. */
    protected final void noReply(byte[] request) throws SecmodUnavailableException {
        requests.noReply(request);
    }

    /** A batch, split into messages the helper accepts; results in request order. */
    protected final <R, T> List<SecmodResult<T>> batch(List<R> requests, Function<R, byte[]> encodeSub,
            int batchType, int okType, Decoder<T> decoder, int failureType, int batchFailureType)
            throws SecmodUnavailableException {
        return this.requests.batch(requests, encodeSub, batchType, okType, decoder, failureType, batchFailureType);
    }

    /** Closes all connections and stops the key watch. */
    @Override
    public void close() {
        pool.close();
        watcher.close();
    }
}

package net.taler.secmod.server;

import java.io.Closeable;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.time.Timestamp;

/**
 * A running helper: SM key, worker pool, {@link KeyRing}, {@link SecmodServer} and the
 * maintenance thread that expires and generates keys when due. The three programs differ only
 * in the {@link KeyCipher}, the series and the {@link RequestHandler} they plug in.
 *
 * <p>Start-up follows secmod.md 4: SM key (created if missing), key files, the generation
 * rule for the initial "now" ({@code -t}), then the socket. Failures become
 * {@link ProgramException}s with the documented exit codes (4 SM key / key directory /
 * socket, 1 key generation).
 *
 * @param <K> the private key type
 */
public final class SecmodCore<K> implements Closeable {
    private static final Logger LOG = Logger.getLogger(SecmodCore.class.getName());
    private static final long MAX_SLEEP_MILLIS = 60_000;
    private static final long RETRY_MILLIS = 10_000;

    /** What a request handler gets to work with. */
    public record Context<K>(KeyRing<K> ring, ExecutorService workers, Clock clock) {
    }

    private final SecmodConfig config;
    private final KeyCipher<K> cipher;
    private final List<Series<K>> series;
    private final Function<Context<K>, RequestHandler> handlerFactory;
    private final int workerCount;
    private final Clock clock;
    private final int maxClients;
    private final Object wake = new Object();
    private ExecutorService workers;
    private KeyRing<K> ring;
    private SecmodServer server;
    private Thread maintenance;
    private volatile boolean closed;

    /**
     * @param workers size of the worker pool for batch signing and key generation (at least 1)
     * @param clock the process clock (honours {@code -T})
     */
    public SecmodCore(SecmodConfig config, KeyCipher<K> cipher, List<Series<K>> series,
            Function<Context<K>, RequestHandler> handlerFactory, int workers, Clock clock, int maxClients) {
        this.config = Objects.requireNonNull(config, "config");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.series = List.copyOf(series);
        this.handlerFactory = Objects.requireNonNull(handlerFactory, "handlerFactory");
        if (workers < 1) {
            throw new IllegalArgumentException("need at least one worker");
        }
        this.workerCount = workers;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxClients = maxClients;
    }

    public SecmodCore(SecmodConfig config, KeyCipher<K> cipher, List<Series<K>> series,
            Function<Context<K>, RequestHandler> handlerFactory, int workers, Clock clock) {
        this(config, cipher, series, handlerFactory, workers, clock, SecmodServer.DEFAULT_MAX_CLIENTS);
    }

    /**
     * Loads or creates everything and starts serving.
     *
     * @param initialNow "now" for the first key update ({@code -t}, else the clock)
     * @throws ProgramException with exit code 4 or 1 on failure (everything opened is closed)
     */
    public void start(Timestamp initialNow) {
        boolean ok = false;
        try {
            net.taler.common.crypto.EddsaPrivateKey smKey;
            try {
                smKey = SmKey.loadOrCreate(config.smPrivateKeyFile());
            } catch (IOException | RuntimeException e) {
                throw new ProgramException(ExitCodes.NO_PERMISSION, "cannot use security module key file "
                        + config.smPrivateKeyFile() + ": " + e.getMessage(), e);
            }
            workers = Executors.newFixedThreadPool(workerCount, daemonThreads("secmod-worker-"));
            ring = new KeyRing<>(cipher, series, smKey, config.lookahead(), config.overlap(), workers);
            try {
                KeyFiles.ensureDirectory(config.keyDir());
                ring.load();
            } catch (IOException | RuntimeException e) {
                throw new ProgramException(ExitCodes.NO_PERMISSION, "cannot use key directory "
                        + config.keyDir() + ": " + e, e);
            }
            try {
                ring.update(initialNow);
            } catch (KeyGenerationException e) {
                throw new ProgramException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            server = new SecmodServer(config.unixPath(), ring, handlerFactory.apply(new Context<>(ring, workers, clock)),
                    maxClients);
            try {
                server.start();
            } catch (IOException | RuntimeException e) {
                throw new ProgramException(ExitCodes.NO_PERMISSION, "cannot listen on " + config.unixPath() + ": "
                        + e, e);
            }
            maintenance = new Thread(this::maintenanceLoop, "secmod-maintenance");
            maintenance.setDaemon(true);
            maintenance.start();
            ok = true;
            LOG.info("security module ready: " + ring.allKeys().size() + " keys, SM public key "
                    + smKey.publicKey().toBase32());
        } finally {
            if (!ok) {
                close();
            }
        }
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private void maintenanceLoop() {
        while (!closed) {
            long waitMillis;
            try {
                maintainNow();
                waitMillis = millisUntil(ring.nextMaintenance());
            } catch (KeyGenerationException e) {
                LOG.log(Level.SEVERE, "key generation failed; retrying later", e);
                waitMillis = RETRY_MILLIS;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "key maintenance failed; retrying later", e);
                waitMillis = RETRY_MILLIS;
            }
            synchronized (wake) {
                if (closed) {
                    break;
                }
                try {
                    wake.wait(Math.max(1, Math.min(waitMillis, MAX_SLEEP_MILLIS)));
                } catch (InterruptedException e) {
                    break;
                }
            }
        }
    }

    private long millisUntil(Timestamp t) {
        if (t.isNever()) {
            return Long.MAX_VALUE;
        }
        long now = Timestamp.now(clock).micros();
        long diff = t.micros() - now;
        return diff <= 0 ? 1 : diff / 1000 + 1;
    }

    /**
     * Runs one maintenance step now, in the calling thread: expiry and generation at the
     * clock's time, then dropping change messages every client has seen.
     */
    public void maintainNow() throws KeyGenerationException {
        ring.update(Timestamp.now(clock));
        ring.trim(server.minSeenGeneration());
    }

    public KeyRing<K> ring() {
        return ring;
    }

    public SecmodServer server() {
        return server;
    }

    public SecmodConfig config() {
        return config;
    }

    public EddsaPublicKey smPublicKey() {
        return ring.smKey().publicKey();
    }

    /** Stops serving and maintenance; key files stay. Idempotent. */
    @Override
    public void close() {
        closed = true;
        synchronized (wake) {
            wake.notifyAll();
        }
        if (server != null) {
            server.close();
        }
        if (maintenance != null) {
            try {
                maintenance.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}

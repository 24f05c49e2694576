package net.taler.httpd.keys;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.time.Timestamp;
import net.taler.db.notify.Channel;
import net.taler.db.notify.NotificationHub;
import net.taler.db.notify.Notifications;
import net.taler.httpd.sign.SecurityModules;

/**
 * Keeps the current {@link KeyState}. A background thread rebuilds it when another process
 * announces a change by NOTIFY, when a security module announces or purges keys, and when a
 * key or fee period begins or ends; management uploads of this process rebuild it
 * synchronously before they answer, so the uploader sees its change at once.
 *
 * <p>No lock is held while building (a build reads the database and asks secmod-eddsa for a
 * signature): each build takes a ticket before it starts, and a finished build is published
 * only if no build with a later ticket was published first, so an older state never replaces
 * a newer one. Requests read {@link #current()} once and keep that snapshot.
 */
public final class KeyStateService implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KeyStateService.class.getName());
    /** Rebuild at least this often even if nothing announced a change. */
    private static final long MAX_AGE_MILLIS = 5 * 60_000L;
    private static final long RETRY_MILLIS = 2_000L;

    /** A published state and the ticket of the build that made it. */
    private record Published(long ticket, KeyState state) {
    }

    private final KeyStateBuilder builder;
    private final SecurityModules modules;
    private final Clock clock;
    private final AtomicLong tickets = new AtomicLong();
    private final AtomicReference<Published> published = new AtomicReference<>(new Published(0, null));

    /** Guards {@link #dirty} only; never held during a build. */
    private final Object dirtyLock = new Object();
    private boolean dirty = true;
    private volatile boolean closed;
    private Thread rebuilder;

    public KeyStateService(KeyStateBuilder builder, SecurityModules modules, NotificationHub hub, Clock clock) {
        this.builder = builder;
        this.modules = modules;
        this.clock = clock;
        // Another process uploaded keys, wire accounts or extensions; after a reconnect anything
        // may have changed: either way, rebuild.
        hub.subscribe(new NotificationHub.Subscriber() {
            @Override
            public void onEvents(List<Notifications.Event> events) {
                markDirty();
            }

            @Override
            public void resync() {
                markDirty();
            }
        }, Channel.EXCHANGE_KEYS_UPDATED, Channel.EXCHANGE_WIRE_UPDATED, Channel.EXCHANGE_EXTENSIONS_UPDATED);
    }

    /** Starts the helper watches and the rebuild thread. */
    public void start() {
        modules.watch(this::markDirty);
        rebuilder = new Thread(this::rebuildLoop, "keystate-rebuild");
        rebuilder.setDaemon(true);
        rebuilder.start();
    }

    /** The current state, or null before the first successful build. */
    public KeyState current() {
        return published.get().state();
    }

    /**
     * The state a request works with, read once at its start and used for all its checks and
     * signing; 500 {@code EXCHANGE_GENERIC_KEYS_MISSING} before the first build (exchange-api.md 4.11).
     */
    public KeyState snapshot() {
        KeyState ks = current();
        if (ks == null) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING, "no key state yet")
                    .withHttpStatus(500);
        }
        return ks;
    }

    /** Asks the background thread for a rebuild. */
    public void markDirty() {
        synchronized (dirtyLock) {
            dirty = true;
            dirtyLock.notifyAll();
        }
    }

    /** Rebuilds now on the calling thread (blocking: database and secmod-eddsa); returns the published state. */
    public KeyState rebuildNow() throws Exception {
        long ticket = tickets.incrementAndGet();
        KeyState built = builder.build(Timestamp.now(clock));
        Published mine = new Published(ticket, built);
        Published seen = published.get();
        while (seen.ticket() < ticket && !published.compareAndSet(seen, mine)) {
            seen = published.get();
        }
        return current();
    }

    /**
     * After a management upload committed: rebuild now, so the uploader's next request sees its
     * change (other httpd processes learn of it through the NOTIFY of the upload). A failed
     * rebuild is left to the background thread; the upload stands either way.
     */
    public void refreshAfterUpload() {
        try {
            rebuildNow();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "key state rebuild after upload failed (will retry): " + e.getMessage());
            markDirty();
        }
    }

    /** A state for another time ({@code -a} time travel of clients); not cached. */
    public KeyState buildAt(Timestamp when) throws Exception {
        return builder.build(when);
    }

    /** What the helpers announce now (fresh, not from the cached state). */
    public HelperKeys helperKeys() {
        return builder.helperKeys();
    }

    private void rebuildLoop() {
        while (!closed) {
            try {
                synchronized (dirtyLock) {
                    long wait = waitMillis();
                    while (!dirty && wait > 0 && !closed) {
                        dirtyLock.wait(wait);
                        wait = waitMillis();
                    }
                    dirty = false;
                }
                if (closed) {
                    return;
                }
                rebuildNow();
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                LOG.log(Level.WARNING, "rebuilding the key state failed (will retry): " + e.getMessage(),
                        LOG.isLoggable(Level.FINE) ? e : null);
                sleepQuietly(RETRY_MILLIS);
                markDirty();
            }
        }
    }

    private long waitMillis() {
        KeyState s = current();
        if (s == null) {
            return 0;
        }
        long now = clock.millis();
        long due = s.builtAt().toInstant().toEpochMilli() + MAX_AGE_MILLIS;
        if (s.nextBoundary() != null) {
            due = Math.min(due, s.nextBoundary().toInstant().toEpochMilli() + 1000);
        }
        return Math.max(0, due - now);
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        markDirty();
        if (rebuilder != null) {
            rebuilder.interrupt();
        }
    }
}

package net.taler.httpd.reserve;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.http.LongPollRegistry;
import net.taler.db.conn.PgConnectionString;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * Wakes long-polling {@code GET /reserves/$R} requests when wirewatch (or any process) credits
 * the reserve: one thread LISTENs on {@code exchange_reserve_incoming} and wakes the parked
 * requests for the notified reserve. After a lost connection it wakes everybody (a credit may
 * have been missed), and the clients simply re-check.
 */
public final class ReserveWatcher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ReserveWatcher.class.getName());
    /** Bound on parked reserve long polls of one process. */
    public static final int MAX_WAITERS = 10_000;
    private static final long RETRY_MILLIS = 1000;

    private final PgConnectionString.JdbcTarget target;
    private final LongPollRegistry<String> waiters = new LongPollRegistry<>("reserves", MAX_WAITERS);
    private volatile boolean closed;
    private volatile boolean listening;
    private Thread thread;

    public ReserveWatcher(PgConnectionString.JdbcTarget target) {
        this.target = target;
    }

    public void start() {
        thread = new Thread(this::loop, "reserve-notify");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once the LISTEN is in place (tests wait for it). */
    public boolean listening() {
        return listening;
    }

    /** Parks until the reserve is credited (true) or the timeout passes (false). */
    public CompletableFuture<Boolean> await(EddsaPublicKey reservePub, Duration timeout) {
        return waiters.await(Notifications.payloadOf(reservePub.bytes()), timeout);
    }

    /** Wakes the waiters of a reserve this process changed itself. */
    public void wake(EddsaPublicKey reservePub) {
        waiters.wake(Notifications.payloadOf(reservePub.bytes()));
    }

    public int waiting() {
        return waiters.waiting();
    }

    private void loop() {
        while (!closed) {
            try (Notifications.Listener l = Notifications.listen(target, Channel.EXCHANGE_RESERVE_INCOMING)) {
                listening = true;
                waiters.wakeAll(); // anything may have happened while we were not listening
                while (!closed) {
                    List<Notifications.Event> events = l.poll(1000);
                    if (events.size() >= Notifications.Listener.MAX_BATCH) {
                        waiters.wakeAll(); // the batch may have been cut short
                        continue;
                    }
                    for (Notifications.Event e : events) {
                        waiters.wake(e.payload());
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (!closed) {
                    LOG.warning("LISTEN on reserve credits failed, reconnecting: " + e.getMessage());
                    try {
                        Thread.sleep(RETRY_MILLIS);
                    } catch (InterruptedException ie) {
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
        waiters.close();
    }
}

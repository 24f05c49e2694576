package net.taler.httpd.reserve;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.http.LongPollRegistry;
import net.taler.db.notify.Channel;
import net.taler.db.notify.NotificationHub;
import net.taler.db.notify.Notifications;

/**
 * Wakes long-polling {@code GET /reserves/$R} requests when wirewatch (or any process) credits
 * the reserve: subscribed to {@code exchange_reserve_incoming} on the process's
 * {@link NotificationHub}, it wakes the parked requests for the notified reserve. When
 * notifications may have been missed (reconnect, overflow) it wakes everybody, and the clients
 * simply re-check.
 */
public final class ReserveWatcher implements NotificationHub.Subscriber, AutoCloseable {
    /** Bound on parked reserve long polls of one process. */
    public static final int MAX_WAITERS = 10_000;

    private final NotificationHub hub;
    private final LongPollRegistry<String> waiters = new LongPollRegistry<>("reserves", MAX_WAITERS);

    /** Subscribes to the hub (before the hub starts). */
    public ReserveWatcher(NotificationHub hub) {
        this.hub = hub;
        hub.subscribe(this, Channel.EXCHANGE_RESERVE_INCOMING);
    }

    /** True once the LISTEN is in place (tests wait for it). */
    public boolean listening() {
        return hub.listening();
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

    @Override
    public void onEvents(List<Notifications.Event> events) {
        for (Notifications.Event e : events) {
            waiters.wake(e.payload());
        }
    }

    @Override
    public void resync() {
        waiters.wakeAll();
    }

    @Override
    public void close() {
        waiters.close();
    }
}

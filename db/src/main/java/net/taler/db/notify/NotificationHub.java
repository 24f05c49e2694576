package net.taler.db.notify;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.db.conn.PgConnectionString;

/**
 * The one PostgreSQL {@code LISTEN} connection of a process. Components subscribe to channels
 * before {@link #start}; one thread receives the notifications and hands them to the
 * subscribers of their channel.
 *
 * <p>Notifications are hints, never the only source of truth: after (re)connecting, and when a
 * poll returned so many events that some may have been cut off, every subscriber is told to
 * {@link Subscriber#resync resync} (re-read what it caches, wake every waiter), because
 * anything may have happened while nobody listened. Subscribers run on the hub's thread and
 * must be quick and non-blocking (mark dirty, complete a future).
 *
 * <p>A lost connection is re-established with a bounded exponential back-off, so a database
 * restart only delays notifications.
 */
public final class NotificationHub implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(NotificationHub.class.getName());
    /** How long one poll waits for notifications (also bounds the reaction time to close()). */
    static final int POLL_MILLIS = 1000;
    static final long MIN_BACKOFF_MILLIS = 250;
    static final long MAX_BACKOFF_MILLIS = 10_000;

    /** Receives the notifications of the channels it subscribed to. */
    public interface Subscriber {
        /** Notifications of one channel, in arrival order (at most {@link Notifications.Listener#MAX_BATCH}). */
        void onEvents(List<Notifications.Event> events);

        /** Notifications may have been missed: re-read cached state, wake every waiter. */
        void resync();
    }

    private final PgConnectionString.JdbcTarget target;
    private final Map<Channel, List<Subscriber>> subscribers = new EnumMap<>(Channel.class);
    private volatile boolean listening;
    private volatile boolean closed;
    private Thread thread;

    /** @param target the database to listen on; null disables the hub (no database notifications) */
    public NotificationHub(PgConnectionString.JdbcTarget target) {
        this.target = target;
    }

    /** Subscribes {@code s} to {@code channels}; only before {@link #start}. */
    public synchronized void subscribe(Subscriber s, Channel... channels) {
        if (thread != null) {
            throw new IllegalStateException("subscribe before start");
        }
        for (Channel c : channels) {
            subscribers.computeIfAbsent(c, k -> new ArrayList<>()).add(s);
        }
    }

    /** Starts the listening thread (nothing happens without subscribers or target). */
    public synchronized void start() {
        if (thread != null || target == null || subscribers.isEmpty()) {
            return;
        }
        thread = new Thread(this::loop, "notification-hub");
        thread.setDaemon(true);
        thread.start();
    }

    /** True while the LISTEN connection is up (tests wait for it). */
    public boolean listening() {
        return listening;
    }

    private void loop() {
        long backoff = MIN_BACKOFF_MILLIS;
        Channel[] channels = subscribers.keySet().toArray(new Channel[0]);
        while (!closed) {
            try (Notifications.Listener l = Notifications.listen(target, channels)) {
                listening = true;
                backoff = MIN_BACKOFF_MILLIS;
                resyncAll();
                while (!closed) {
                    List<Notifications.Event> events = l.poll(POLL_MILLIS);
                    if (events.size() >= Notifications.Listener.MAX_BATCH) {
                        resyncAll(); // the batch may have been cut short
                    } else if (!events.isEmpty()) {
                        dispatch(events);
                    }
                }
            } catch (Exception e) {
                listening = false;
                if (closed) {
                    return;
                }
                LOG.warning("LISTEN connection failed, reconnecting in " + backoff + " ms: " + e.getMessage());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    return;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
        listening = false;
    }

    private void dispatch(List<Notifications.Event> events) {
        Map<Channel, List<Notifications.Event>> byChannel = new EnumMap<>(Channel.class);
        for (Notifications.Event e : events) {
            byChannel.computeIfAbsent(e.channel(), k -> new ArrayList<>()).add(e);
        }
        byChannel.forEach((c, evs) -> {
            for (Subscriber s : subscribers.getOrDefault(c, List.of())) {
                guarded(() -> s.onEvents(evs));
            }
        });
    }

    private void resyncAll() {
        subscribers.values().stream().flatMap(List::stream).distinct().forEach(s -> guarded(s::resync));
    }

    /** A failing subscriber must not stop the others or the hub. */
    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "notification subscriber failed: " + e, e);
        }
    }

    /** Stops listening; returns once the connection is closed (at most about one poll later). */
    @Override
    public void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(3L * POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

package net.taler.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Parked long-poll requests keyed by what they wait for (a reserve, a bank account, a
 * withdrawal operation). Waiting costs no thread: a waiter is a future that completes with
 * {@code true} when {@link #wake woken} and {@code false} when its timeout passes.
 *
 * <p>Callers close the race between "checked, not ready" and "started waiting" by checking the
 * state again after {@link #await}; a wake in between completes the future at once.
 *
 * <p>The number of parked waiters is bounded: beyond {@code maxWaiters} a new waiter completes
 * with {@code false} immediately, so a flood of long polls degrades into short polls instead of
 * exhausting memory.
 *
 * @param <K> the key type (with value equality)
 */
public final class LongPollRegistry<K> implements AutoCloseable {
    /** Longest wait accepted; longer requests are capped (clients re-poll). */
    public static final Duration MAX_TIMEOUT = Duration.ofMinutes(10);

    private final int maxWaiters;
    private final ScheduledExecutorService timer;
    private final Map<K, List<CompletableFuture<Boolean>>> waiters = new HashMap<>();
    private int count;
    private boolean closed;

    /**
     * @param name       used for the timer thread's name
     * @param maxWaiters bound on parked waiters (at least 1)
     */
    public LongPollRegistry(String name, int maxWaiters) {
        if (maxWaiters < 1) {
            throw new IllegalArgumentException("maxWaiters must be positive");
        }
        this.maxWaiters = maxWaiters;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "long-poll-" + name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Parks a waiter for {@code key}. The future completes (on a timer or waking thread, so
     * dependent work that blocks should use an async stage with its own executor) with true when
     * woken and false on timeout, overflow or close.
     */
    public CompletableFuture<Boolean> await(K key, Duration timeout) {
        CompletableFuture<Boolean> f = new CompletableFuture<>();
        if (timeout.isNegative() || timeout.isZero()) {
            f.complete(false);
            return f;
        }
        Duration capped = timeout.compareTo(MAX_TIMEOUT) > 0 ? MAX_TIMEOUT : timeout;
        synchronized (this) {
            if (closed || count >= maxWaiters) {
                f.complete(false);
                return f;
            }
            waiters.computeIfAbsent(key, k -> new ArrayList<>(2)).add(f);
            count++;
        }
        ScheduledFuture<?> t = timer.schedule(() -> {
            remove(key, f);
            f.complete(false);
        }, capped.toNanos(), TimeUnit.NANOSECONDS);
        f.whenComplete((v, e) -> t.cancel(false));
        return f;
    }

    /** Wakes every waiter of {@code key}. */
    public void wake(K key) {
        List<CompletableFuture<Boolean>> woken;
        synchronized (this) {
            woken = waiters.remove(key);
            if (woken == null) {
                return;
            }
            count -= woken.size();
        }
        woken.forEach(f -> f.complete(true));
    }

    /** Wakes every waiter (e.g. after the notification connection was lost and re-established). */
    public void wakeAll() {
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        synchronized (this) {
            waiters.values().forEach(all::addAll);
            waiters.clear();
            count = 0;
        }
        all.forEach(f -> f.complete(true));
    }

    /** Number of parked waiters. */
    public synchronized int waiting() {
        return count;
    }

    private synchronized void remove(K key, CompletableFuture<Boolean> f) {
        List<CompletableFuture<Boolean>> l = waiters.get(key);
        if (l != null && l.remove(f)) {
            count--;
            if (l.isEmpty()) {
                waiters.remove(key);
            }
        }
    }

    /** Completes every waiter with false and stops the timer. */
    @Override
    public void close() {
        List<CompletableFuture<Boolean>> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            waiters.values().forEach(all::addAll);
            waiters.clear();
            count = 0;
        }
        all.forEach(f -> f.complete(false));
        timer.shutdownNow();
    }
}

package net.taler.http;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import net.taler.common.error.TalerErrorException;

/**
 * Long polling without parked threads, for every long-poll endpoint: check the state; if it is
 * not ready, park on the waiter, check again (a wake between the first check and parking is not
 * lost), and re-check on every wake until the deadline, then answer the timeout reply.
 *
 * @param <K> what a request waits for (a reserve, an account, a withdrawal operation)
 */
public final class LongPoll<K> {
    /** Parks a request: a future that completes with true when woken, false on timeout/overflow/close. */
    @FunctionalInterface
    public interface Waiter<K> {
        CompletableFuture<Boolean> await(K key, Duration timeout);
    }

    private final Waiter<K> waiter;
    private final Executor recheck;
    private final Duration max;

    /** With the default cap {@link HttpLimits#DEFAULT_LONG_POLL_MAX}. */
    public LongPoll(Waiter<K> waiter, Executor recheck) {
        this(waiter, recheck, HttpLimits.DEFAULT_LONG_POLL_MAX);
    }

    /**
     * @param waiter  usually {@link LongPollRegistry#await}
     * @param recheck where woken requests check again: wakes arrive on timer or notification
     *                threads, which must not block on a database
     * @param max     longest wait; a longer requested timeout is clamped to it (the client polls
     *                again), usually {@link HttpLimits#longPollMax()} ({@code LONG_POLL_MAX})
     */
    public LongPoll(Waiter<K> waiter, Executor recheck, Duration max) {
        if (max.isNegative() || max.isZero() || max.compareTo(LongPollRegistry.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("long-poll cap must be in (0, " + LongPollRegistry.MAX_TIMEOUT + "]");
        }
        this.waiter = waiter;
        this.recheck = recheck;
        this.max = max;
    }

    /** The longest wait. */
    public Duration max() {
        return max;
    }

    /**
     * The reply for a long-poll request.
     *
     * @param ready     the reply if the awaited state is reached, else null (checked on the
     *                  calling thread first, later on the recheck executor)
     * @param onTimeout the reply when the wait ends without it (also for a zero timeout)
     * @param timeout   the client's timeout; clamped to {@link #max()}
     */
    public Reply poll(K key, Duration timeout, Supplier<Reply> ready, Supplier<Reply> onTimeout) {
        Reply r = ready.get();
        if (r != null) {
            return r;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            return onTimeout.get();
        }
        // A client asking for more waits only up to the cap (and the nano deadline cannot overflow).
        Duration capped = HttpLimits.clamp(timeout, max);
        long deadline = System.nanoTime() + capped.toNanos();
        return Reply.later(await(key, deadline, ready, onTimeout));
    }

    private CompletableFuture<Reply> await(K key, long deadline, Supplier<Reply> ready, Supplier<Reply> onTimeout) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.completedFuture(safe(onTimeout));
        }
        CompletableFuture<Boolean> parked = waiter.await(key, Duration.ofNanos(remaining));
        Reply now = safe(ready);
        if (now != null) {
            return CompletableFuture.completedFuture(now);
        }
        return parked.thenComposeAsync(woken -> {
            Reply r = safe(ready);
            if (r != null) {
                return CompletableFuture.completedFuture(r);
            }
            // false = timeout, overflow or shutdown: answer now instead of spinning
            if (!woken || System.nanoTime() >= deadline) {
                return CompletableFuture.completedFuture(safe(onTimeout));
            }
            return await(key, deadline, ready, onTimeout);
        }, recheck);
    }

    /** A Taler error of a later check becomes its error reply (other failures fail the reply future). */
    private static Reply safe(Supplier<Reply> s) {
        try {
            return s.get();
        } catch (TalerErrorException e) {
            return Reply.error(e);
        }
    }
}

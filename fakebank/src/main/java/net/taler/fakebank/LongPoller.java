package net.taler.fakebank;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import net.taler.common.error.TalerErrorException;
import net.taler.http.LongPollRegistry;
import net.taler.http.Reply;

/**
 * Long polling without parked threads: check the state; if not ready, park on the registry, check
 * again (a wake between check and park is not lost), and re-check on every wake until the
 * deadline, then give the timeout answer.
 */
final class LongPoller {
    /** Bound on parked long polls of one fakebank. */
    static final int MAX_WAITERS = 10_000;

    private final LongPollRegistry<String> registry;
    private final Executor executor;

    LongPoller(LongPollRegistry<String> registry, Executor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    void wake(String key) {
        registry.wake(key);
    }

    /**
     * @param ready     the reply if the awaited state is reached, else null
     * @param onTimeout the reply when the wait ends without it
     */
    Reply poll(String key, Duration timeout, Supplier<Reply> ready, Supplier<Reply> onTimeout) {
        Reply r = ready.get();
        if (r != null) {
            return r;
        }
        if (timeout.isZero() || timeout.isNegative()) {
            return onTimeout.get();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        return Reply.later(await(key, deadline, ready, onTimeout));
    }

    private CompletableFuture<Reply> await(String key, long deadline, Supplier<Reply> ready,
            Supplier<Reply> onTimeout) {
        long remaining = deadline - System.nanoTime();
        if (remaining <= 0) {
            return CompletableFuture.completedFuture(safe(onTimeout));
        }
        CompletableFuture<Boolean> parked = registry.await(key, Duration.ofNanos(remaining));
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
        }, executor);
    }

    private static Reply safe(Supplier<Reply> s) {
        try {
            return s.get();
        } catch (TalerErrorException e) {
            return Reply.error(e);
        }
    }
}

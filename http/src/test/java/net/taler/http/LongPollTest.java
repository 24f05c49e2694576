package net.taler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;

class LongPollTest {
    private final LongPollRegistry<String> registry = new LongPollRegistry<>("test", 10);
    private final LongPoll<String> poll = new LongPoll<>(registry::await, Runnable::run);
    private final Reply ok = Reply.text(200, "ok");
    private final Reply timeout = Reply.text(404, "timeout");

    @AfterEach
    void close() {
        registry.close();
    }

    private static Reply await(Reply r) throws Exception {
        return r.pending().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void readyAtOnceNeedsNoWait() {
        Reply r = poll.poll("k", Duration.ofSeconds(10), () -> ok, () -> timeout);
        assertSame(ok, r);
        assertEquals(0, registry.waiting());
    }

    @Test
    void zeroTimeoutAnswersTheTimeoutReply() {
        assertSame(timeout, poll.poll("k", Duration.ZERO, () -> null, () -> timeout));
    }

    @Test
    void stateReachedBetweenCheckAndParkIsSeen() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        Reply r = poll.poll("k", Duration.ofSeconds(10), () -> checks.incrementAndGet() >= 2 ? ok : null,
                () -> timeout);
        assertSame(ok, await(r));
    }

    @Test
    void spuriousWakeRechecksAndKeepsWaiting() throws Exception {
        AtomicReference<Reply> state = new AtomicReference<>();
        Reply r = poll.poll("k", Duration.ofSeconds(10), state::get, () -> timeout);
        assertNull(r.pending().toCompletableFuture().getNow(null));
        registry.wake("k"); // nothing changed: parks again
        assertNull(r.pending().toCompletableFuture().getNow(null));
        assertEquals(1, registry.waiting());
        state.set(ok);
        registry.wake("k");
        assertSame(ok, await(r));
    }

    @Test
    void deadlineGivesTheTimeoutReply() throws Exception {
        Reply r = poll.poll("k", Duration.ofMillis(50), () -> null, () -> timeout);
        assertSame(timeout, await(r));
    }

    @Test
    void hugeTimeoutDoesNotOverflow() {
        Reply r = poll.poll("k", Duration.ofMillis(Long.MAX_VALUE), () -> null, () -> timeout);
        assertNull(r.pending().toCompletableFuture().getNow(null));
    }

    @Test
    void talerErrorOfALaterCheckBecomesTheReply() throws Exception {
        AtomicInteger checks = new AtomicInteger();
        LongPoll<String> p = new LongPoll<>((k, t) -> CompletableFuture.completedFuture(true), Runnable::run);
        Reply r = p.poll("k", Duration.ofSeconds(10), () -> {
            if (checks.incrementAndGet() > 2) {
                throw new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, "x");
            }
            return null;
        }, () -> timeout);
        assertEquals(400, await(r).status());
    }
}

package net.taler.httpd.reserve;

import static net.taler.httpd.testkit.ReplyAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.httpd.testkit.ExchangeKit.Funded;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.TestWallet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /reserves/$R} (exchange-api.md 3.1): balances, 404 for unknown reserves, the
 * {@code timeout_ms} long poll woken by a credit's NOTIFY, and malformed parameters.
 */
class ReserveStatusEndpointTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();


    @Test
    void unknownReservesAndTimeouts() throws Exception {
        ExchangeClient exchange = EXCHANGE.exchange();
        EddsaPublicKey pub = EXCHANGE.fundNew(Amount.parse("TESTKUDOS:10")).reserve().pub();
        Reserve nobody = EXCHANGE.wallet().createReserve();
        // an unknown one with an absurdly long timeout is held, not refused: asked first, checked
        // last, so that its 1.5 s of waiting overlap the other checks
        long tHeld = System.nanoTime();
        CompletableFuture<ApiResponse> held = CompletableFuture.supplyAsync(() -> exchange.get(
                "reserves/" + nobody.pub().toBase32() + "?timeout_ms=" + Long.MAX_VALUE));
        assertStatus(exchange.reserveStatusRaw(nobody.pub(), null), 404,
                TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
        long t0 = System.nanoTime();
        assertStatus(exchange.reserveStatusRaw(nobody.pub(), Duration.ofMillis(700)), 404,
                TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(ms >= 600 && ms < 10_000, "long poll of 700 ms took " + ms + " ms");
        for (String bad : new String[] {"abc", "-5", "1.5", ""}) {
            assertStatus(exchange.get("reserves/" + nobody.pub().toBase32() + "?timeout_ms=" + bad), 400,
                    TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        }
        // a known reserve answers at once even with a timeout, also an absurdly long one
        for (String t : new String[] {"20000", Long.toString(Long.MAX_VALUE)}) {
            long t1 = System.nanoTime();
            ApiResponse known = exchange.get("reserves/" + pub.toBase32() + "?timeout_ms=" + t);
            assertEquals(200, known.status(), known.summary());
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1) < 5000);
        }
        Thread.sleep(Math.max(0, 1500 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tHeld)));
        assertFalse(held.isDone(), () -> "answered at once: " + held.join().summary());
        held.cancel(true);
        assertStatus(exchange.get("reserves/" + nobody.pub().toBase32() + "?timeout_ms=99999999999999999999"),
                400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
    }

    @Test
    void hugeTimeoutIsClampedToLongPollMax() {
        ExchangeClient exchange = EXCHANGE.exchange();
        Reserve nobody = EXCHANGE.wallet().createReserve();
        long t0 = System.nanoTime();
        // 10^12 ms would be 31 years; [exchange] LONG_POLL_MAX answers it after 3 s
        assertStatus(exchange.get("reserves/" + nobody.pub().toBase32() + "?timeout_ms=1000000000000"), 404,
                TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        long cap = ExchangeKit.LONG_POLL_MAX_SECONDS * 1000L;
        assertTrue(ms >= cap - 100 && ms < cap + 7000, "answered after " + ms + " ms");
    }

    @Test
    void aReserveWithdrawnToExactlyZero() {
        Funded exact = EXCHANGE.fundNew(EXCHANGE.rsa1().withdrawCost());
        EXCHANGE.wallet().withdraw(exact.reserve(), List.of(EXCHANGE.rsa1()), false);
        assertEquals(Amount.zero(ExchangeKit.CURRENCY), EXCHANGE.balance(exact.reserve()));
        ApiResponse st = EXCHANGE.exchange().reserveStatusRaw(exact.reserve().pub(), Duration.ofSeconds(20));
        assertEquals(200, st.status(), st.summary());
        assertEquals("TESTKUDOS:0", st.json().path("balance").asText(), st.summary());
        PreparedCoin more = EXCHANGE.prepare(exact.reserve(), EXCHANGE.rsa01());
        ApiResponse r = EXCHANGE.exchange().withdrawRaw(exact.reserve().pub(), more.request());
        assertStatus(r, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertEquals("TESTKUDOS:0", r.json().path("balance").asText(), r.summary());
    }

    @Test
    void manyLongPollsWakeTogetherAndUnfundedOnesTimeOut() throws Exception {
        ExchangeClient exchange = EXCHANGE.exchange();
        TestWallet wallet = EXCHANGE.wallet();
        Reserve x = wallet.createReserve();
        Reserve y = wallet.createReserve();
        Reserve never = wallet.createReserve();
        List<CompletableFuture<ApiResponse>> polls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Reserve r : List.of(x, x, x, y, y)) {
                polls.add(CompletableFuture.supplyAsync(() -> exchange.reserveStatusRaw(r.pub(), Duration.ofSeconds(40)),
                        pool));
            }
            long t0 = System.nanoTime();
            CompletableFuture<ApiResponse> timeout = CompletableFuture.supplyAsync(
                    () -> exchange.reserveStatusRaw(never.pub(), Duration.ofMillis(2500)), pool);
            Thread.sleep(1000);
            assertTrue(polls.stream().noneMatch(CompletableFuture::isDone), "polls answered before any transfer");
            long tFund = System.nanoTime();
            EXCHANGE.fund(x, Amount.parse("TESTKUDOS:2"));
            EXCHANGE.fund(y, Amount.parse("TESTKUDOS:3"));
            for (int i = 0; i < polls.size(); i++) {
                ApiResponse r = polls.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.summary());
                assertEquals(i < 3 ? "TESTKUDOS:2" : "TESTKUDOS:3", r.json().path("balance").asText(), r.summary());
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tFund);
            assertTrue(ms < 5000, "long polls answered " + ms + " ms after the transfers");
            ApiResponse t = timeout.get(60, TimeUnit.SECONDS);
            long tms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertStatus(t, 404, TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
            assertTrue(tms >= 2400 && tms < 10_000, "2.5 s long poll took " + tms + " ms");
        } finally {
            pool.shutdownNow();
        }
    }
}

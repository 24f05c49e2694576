package net.taler.httpd.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import net.taler.common.amount.Amount;
import net.taler.common.config.TalerConfig;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.ExchangeServer;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.JsonHttp;
import net.taler.testsupport.wallet.Reserve;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 14, defect 6: while the database is unreachable, requests that need it are answered
 * quickly with 503 {@code GENERIC_DB_SETUP_FAILED} and {@code Retry-After} (before: 500 code 60
 * after the pool's 10 s wait), and once it is back they succeed again without a restart. The
 * outage is real: a second httpd on the kit's database reaches PostgreSQL through a relay the
 * test cuts (connections reset, new ones closed at once).
 */
class DatabaseOutageTest {
    @RegisterExtension
    static final ExchangeKit KIT = ExchangeKit.shared();

    /** The acquire timeout (1 s) plus generous slack for two slow cores. */
    private static final Duration FAST = Duration.ofMillis(2500);

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsDownAndRecoverAfterwards() throws Exception {
        PgDatabase db = KIT.database();
        try (CuttableProxy proxy = new CuttableProxy(db.host(), db.port())) {
            TalerConfig cfg = KIT.config().copy();
            cfg.set("exchangedb-postgres", "CONFIG", URI.create(db.uri()).toString()
                    .replace(":" + db.port() + "/", ":" + proxy.port() + "/"));
            try (ExchangeServer server = ExchangeServer.create(cfg, KIT.clock(),
                    ExchangeServer.Options.defaults())) {
                server.start();
                String base = "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort() + "/";
                JsonHttp http = new JsonHttp();
                Reserve funded = KIT.fundNew(Amount.parse("TESTKUDOS:5")).reserve();
                Reserve unknown = KIT.wallet().createReserve();
                URI fundedUrl = URI.create(base + "reserves/" + funded.pub().toBase32());
                URI unknownPoll = URI.create(base + "reserves/" + unknown.pub().toBase32() + "?timeout_ms=5000");
                assertEquals(200, http.get(fundedUrl).status(), "through the relay before the outage");

                // a long poll parked before the outage
                CompletableFuture<ApiResponse> parked = CompletableFuture.supplyAsync(() -> http.get(
                        URI.create(base + "reserves/" + unknown.pub().toBase32() + "?timeout_ms=8000")));
                Thread.sleep(300);
                proxy.cut();

                for (int i = 0; i < 3; i++) {
                    long t0 = System.nanoTime();
                    ApiResponse r = http.get(fundedUrl);
                    Duration took = Duration.ofNanos(System.nanoTime() - t0);
                    System.out.println("DB down: GET /reserves/R -> " + r.status() + " code " + r.errorCode()
                            + " in " + took.toMillis() + " ms");
                    assertUnavailable(r, took);
                }
                long t0 = System.nanoTime();
                ApiResponse poll = http.get(unknownPoll);
                Duration took = Duration.ofNanos(System.nanoTime() - t0);
                System.out.println("DB down: long poll -> " + poll.status() + " in " + took.toMillis() + " ms");
                assertUnavailable(poll, took);

                ApiResponse parkedReply = parked.get();
                assertTrue(parkedReply.status() == 503 || parkedReply.status() == 404, parkedReply.summary());
                if (parkedReply.status() == 503) {
                    assertEquals(TalerErrorCode.GENERIC_DB_SETUP_FAILED.code(), parkedReply.errorCode());
                }
                System.out.println("DB down: parked long poll -> " + parkedReply.summary());

                proxy.restore();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                ApiResponse after;
                do {
                    Thread.sleep(100);
                    after = http.get(fundedUrl);
                } while (after.status() != 200 && System.nanoTime() < deadline);
                assertEquals(200, after.status(), "after the outage, without a restart: " + after.summary());
                assertEquals(404, http.get(URI.create(base + "reserves/" + unknown.pub().toBase32())).status());
            }
        }
    }

    private static void assertUnavailable(ApiResponse r, Duration took) {
        assertEquals(503, r.status(), r.summary());
        assertEquals(TalerErrorCode.GENERIC_DB_SETUP_FAILED.code(), r.errorCode(), r.summary());
        String hint = r.json().path("hint").asText();
        assertFalse(hint.isEmpty(), r.summary());
        assertFalse(r.text().matches("(?s).*(Exception|java\\.|org\\.|com\\.|SQL|jdbc|127\\.0\\.0\\.1).*"),
                "no internals: " + r.summary());
        assertTrue(r.header("Retry-After").isPresent(), "Retry-After: " + r.summary());
        assertTrue(took.compareTo(FAST) <= 0, "answered in " + took.toMillis() + " ms: " + r.summary());
    }
}

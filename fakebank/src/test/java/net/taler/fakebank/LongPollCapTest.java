package net.taler.fakebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.taler.common.cli.Shutdown;

/**
 * {@code [bank] LONG_POLL_MAX} clamps {@code long_poll_ms} of the Wire Gateway history and of
 * the bank-integration withdrawal operation (an absurd value is answered by the cap, not
 * refused, and not held for minutes); bad limit options exit 6 with one line.
 */
class LongPollCapTest {
    @TempDir
    Path dir;

    private FakebankRun run(FakebankMain p, String conf, String... args) throws Exception {
        return FakebankRun.run(dir, p, conf, args);
    }

    private static long msSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void hugeLongPollsAreClampedToLongPollMax() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Shutdown stop = Shutdown.manual();
        FakebankMain p = new FakebankMain().withShutdown(stop);
        String conf = "[taler]\nCURRENCY = KUDOS\n[bank]\nHTTP_PORT = " + port + "\nLONG_POLL_MAX = 1 s\n";
        CompletableFuture<FakebankRun> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(p, conf, "-s", "KUDOS:100");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        BankClient c = new BankClient("http://localhost:" + port + "/");
        BankClient.Resp cfg = null;
        for (int i = 0; i < 100 && cfg == null; i++) {
            try {
                cfg = c.get("/taler-bank-integration/config");
            } catch (java.io.IOException e) {
                Thread.sleep(100);
            }
        }
        try {
            assertEquals(200, cfg == null ? -1 : cfg.status());
            String register = "/taler-bank-access/testing/register";
            assertEquals(204, c.post(register, "{\"username\":\"myexchange\",\"password\":\"x\"}").status());
            assertEquals(204, c.post(register, "{\"username\":\"u\",\"password\":\"p\"}").status());

            // Wire Gateway history: nothing arrives; 10^12 ms would be 31 years
            long t0 = System.nanoTime();
            BankClient.Resp history = c.get("/taler-wire-gateway/myexchange/history/incoming?delta=5"
                    + "&long_poll_ms=1000000000000");
            long ms = msSince(t0);
            assertEquals(204, history.status(), history.text());
            assertTrue(ms >= 900 && ms < 10_000, "history long poll answered after " + ms + " ms");

            // bank integration: an unconfirmed withdrawal operation
            BankClient.Resp w = c.post("/taler-bank-access/accounts/u/withdrawals", "{\"amount\":\"KUDOS:1\"}");
            assertEquals(200, w.status(), w.text());
            String id = w.json().get("withdrawal_id").asText();
            t0 = System.nanoTime();
            BankClient.Resp op = c.get("/taler-bank-integration/withdrawal-operation/" + id
                    + "?long_poll_ms=" + Long.MAX_VALUE);
            ms = msSince(t0);
            assertEquals(200, op.status(), op.text());
            assertFalse(op.json().get("transfer_done").asBoolean());
            assertTrue(ms >= 900 && ms < 10_000, "withdrawal long poll answered after " + ms + " ms");

            // unparseable stays a 400
            assertEquals(400, c.get("/taler-wire-gateway/myexchange/history/incoming?delta=5"
                    + "&long_poll_ms=99999999999999999999").status());
        } finally {
            stop.request();
        }
        FakebankRun r = running.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void badLimitOptionsExit6() throws Exception {
        for (String bad : new String[] {"LONG_POLL_MAX = 0 s", "LONG_POLL_MAX = 1 h", "LONG_POLL_MAX = soon",
                "MAX_CONNECTIONS = 0", "MAX_CONNECTIONS_PER_IP = -1", "REQUEST_HEAD_TIMEOUT = forever",
                "REQUEST_BODY_TIMEOUT = 2 h", "IDLE_TIMEOUT = 500 ms"}) {
            FakebankRun r = run(new FakebankMain(), "[taler]\nCURRENCY = KUDOS\n[bank]\nHTTP_PORT = 0\n" + bad + "\n");
            assertEquals(6, r.code(), bad + ": " + r.err());
            String option = bad.substring(0, bad.indexOf(' '));
            assertTrue(r.err().contains("[bank] " + option), r.err());
            assertEquals(1, r.err().strip().lines().count(), r.err());
        }
    }
}

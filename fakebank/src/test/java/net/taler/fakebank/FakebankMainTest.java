package net.taler.fakebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import net.taler.common.cli.Shutdown;

/** Options, configuration and exit codes of taler-fakebank-run (operations.md 4). */
class FakebankMainTest {
    @TempDir
    Path dir;

    private FakebankRun run(FakebankMain p, String conf, String... args) throws Exception {
        return FakebankRun.run(dir, p, conf, args);
    }

    @Test
    void signupBonusInAnotherCurrencyExits2() throws Exception {
        FakebankRun r = run(new FakebankMain(), "[taler]\nCURRENCY = KUDOS\n[bank]\nHTTP_PORT = 0\n", "-s", "EUR:100");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--signup-bonus"), r.err());
        assertEquals(2, run(new FakebankMain(), "[taler]\nCURRENCY = KUDOS\n", "--signup-bonus", "garbage").code());
    }

    @Test
    void missingCurrencyExits6() throws Exception {
        FakebankRun r = run(new FakebankMain(), "[bank]\nHTTP_PORT = 0\n");
        assertEquals(6, r.code(), r.err());
        assertTrue(r.err().contains("CURRENCY"), r.err());
    }

    @Test
    void runsUntilStoppedAndExits0() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Shutdown stop = Shutdown.manual();
        FakebankMain p = new FakebankMain().withShutdown(stop);
        String conf = "[taler]\nCURRENCY = KUDOS\n[bank]\nHTTP_PORT = " + port + "\nHOSTNAME = bank.example\n"
                + "RAM_LIMIT = 1024\nSUGGESTED_EXCHANGE = http://ex.example/\n";
        CompletableFuture<FakebankRun> running = CompletableFuture.supplyAsync(() -> {
            try {
                return run(p, conf, "-s", "KUDOS:100", "-C", "-n", "2");
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
            assertEquals(204, c.post("/taler-bank-access/testing/register",
                    "{\"username\":\"u\",\"password\":\"p\"}").status());
            var acct = c.get("/taler-bank-access/accounts/u").json();
            assertEquals("KUDOS:100", acct.get("balance").get("amount").asText());
            assertEquals("payto://x-taler-bank/bank.example/u?receiver-name=u", acct.get("paytoUri").asText());
        } finally {
            stop.request();
        }
        FakebankRun r = running.get(20, TimeUnit.SECONDS);
        assertEquals(0, r.code(), r.err());
    }
}

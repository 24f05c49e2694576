package net.taler.wirewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import net.taler.common.amount.Amount;
import net.taler.common.bank.TransferResult;
import net.taler.common.bank.WireGatewayClient;
import net.taler.common.bank.WireGatewayCredentials;
import net.taler.common.cli.Shutdown;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Hashes;
import net.taler.common.time.RelativeTime;
import net.taler.fakebank.Fakebank;
import net.taler.fakebank.FakebankSettings;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** taler-exchange-wirewatch against real PostgreSQL and the real fakebank. */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WirewatchTest {
    static final String DEBTOR = "payto://x-taler-bank/localhost/testdebtor";
    static final RelativeTime FOUR_WEEKS = RelativeTime.ofSeconds(28L * 86400);
    static final RelativeTime SEVEN_YEARS = RelativeTime.ofSeconds(7L * 365 * 86400);
    static final String JOB = Wirewatch.jobName(Env.SECTION);
    Env env;
    Fakebank fb;
    WireGatewayClient bank;
    @TempDir
    Path dir;

    @BeforeAll
    void schema(PgDatabase pg) throws Exception {
        env = new Env(pg);
    }

    @AfterAll
    void closeDb() {
        env.close();
    }

    @BeforeEach
    void start() throws Exception {
        env.reset();
        fb = Fakebank.start(FakebankSettings.defaults(Env.CUR));
        bank = new WireGatewayClient(WireGatewayCredentials.none(fb.wireGatewayUrl(Env.ACCOUNT)), Env.CUR);
    }

    @AfterEach
    void stop() {
        bank.close();
        fb.close();
    }

    String conf() {
        return env.config(fb.wireGatewayUrl(Env.ACCOUNT), "");
    }

    /** Pays {@code n} distinct amounts into the exchange account; returns bank row → (pub, amount, result). */
    record Paid(EddsaPublicKey pub, Amount amount, TransferResult result) {
    }

    Map<Long, Paid> pay(int n) throws Exception {
        Map<Long, Paid> out = new HashMap<>();
        for (int i = 0; i < n; i++) {
            EddsaPublicKey p = env.reservePub();
            Amount a = Env.kudos((i + 1) + "." + (i % 100));
            TransferResult r = bank.addIncoming(a, p, DEBTOR);
            out.put(r.rowId(), new Paid(p, a, r));
        }
        return out;
    }

    void assertImportedExactly(Map<Long, Paid> paid) throws Exception {
        Map<Long, Env.Imported> got = env.imported();
        assertEquals(paid.keySet(), got.keySet());
        for (var e : paid.entrySet()) {
            Env.Imported im = got.get(e.getKey());
            Paid p = e.getValue();
            assertEquals(p.pub(), im.reservePub());
            assertEquals(p.amount(), im.credit());
            assertEquals(p.amount(), im.balance());
            assertEquals(Env.SECTION, im.section());
            assertEquals(p.result().timestamp(), im.executionDate());
            assertEquals(p.result().timestamp().plus(FOUR_WEEKS), im.expiration());
            assertEquals(p.result().timestamp().plus(SEVEN_YEARS), im.gc());
            assertNotNull(im.sourcePayto());
            assertTrue(im.sourcePayto().startsWith(DEBTOR), im.sourcePayto());
            assertEquals(Hashes.hPayto(im.sourcePayto()), im.sourceHPayto());
        }
    }

    @Test
    void testModeImportsEverythingOnceAndCreatesReserves() throws Exception {
        Map<Long, Paid> paid = pay(25);
        Env.Result r = Env.run(dir, conf(), null, "-t");
        assertEquals(0, r.code(), r.err());
        assertImportedExactly(paid);
        assertEquals(25, env.count("reserves"));

        // a second run finds nothing new and changes nothing
        Env.Result again = Env.run(dir, conf(), null, "-t");
        assertEquals(0, again.code(), again.err());
        assertImportedExactly(paid);

        // a later transfer is picked up by the next run
        Map<Long, Paid> more = pay(1);
        assertEquals(0, Env.run(dir, conf(), null, "-t").code());
        paid.putAll(more);
        assertImportedExactly(paid);
    }

    @Test
    void transfersSpanningSeveralShards() throws Exception {
        Map<Long, Paid> paid = pay(23);
        Env.Result r = Env.run(dir, conf(), null, "-t", "-S", "4");
        assertEquals(0, r.code(), r.err());
        assertImportedExactly(paid);
        List<long[]> shards = env.shards(JOB);
        assertTrue(shards.size() >= 6, "shards: " + shards.size());
        long expectStart = 0;
        for (long[] s : shards) {
            assertEquals(expectStart, s[0]);
            assertEquals(s[0] + 4, s[1]);
            expectStart = s[1];
        }
        // every shard wholly below the last bank row is completed
        long lastRow = paid.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        for (long[] s : shards) {
            if (s[1] < lastRow) {
                assertEquals(1, s[2], "shard " + s[0] + ".." + s[1] + " not completed");
            }
        }
    }

    @Test
    void duplicateReservePubFromTheBankIsSkipped() throws Exception {
        Map<Long, Paid> paid = pay(3);
        List<Long> rows = new ArrayList<>(paid.keySet());
        rows.sort(null);
        // the bank refuses duplicates, so forge one in its store: the third row reuses the first key
        EddsaPublicKey first = paid.get(rows.get(0)).pub();
        fb.store().modify(rows.get(2), tx -> tx.withReservePub(first.toBase32())).orElseThrow();
        Map<Long, Paid> later = pay(1);

        Env.Result r = Env.run(dir, conf(), null, "-t");
        assertEquals(0, r.code(), r.err());
        Map<Long, Env.Imported> got = env.imported();
        assertEquals(3, got.size());
        assertTrue(!got.containsKey(rows.get(2)), "conflicting row imported");
        Env.Imported im = got.get(rows.get(0));
        assertEquals(paid.get(rows.get(0)).amount(), im.balance(), "conflicting credit changed the balance");
        assertTrue(got.containsKey(later.keySet().iterator().next()), "import stopped at the conflict");
    }

    @Test
    void twoRunnersInParallelImportEveryTransferExactlyOnce() throws Exception {
        int n = 300;
        Map<Long, Paid> paid = pay(n);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        try {
            List<Future<Env.Result>> runs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                runs.add(pool.submit(() -> Env.run(dir, conf(), null, "-t", "-S", "16", "-w", "2")));
            }
            for (Future<Env.Result> f : runs) {
                Env.Result r = f.get(120, TimeUnit.SECONDS);
                assertEquals(0, r.code(), r.err());
            }
        } finally {
            pool.shutdownNow();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        assertImportedExactly(paid);
        System.out.printf("wirewatch parallel import: %d transfers in %.2f s = %.0f/s, %d shards%n",
                n, secs, n / secs, env.shards(JOB).size());
    }

    @Test
    void continuousModePicksUpNewTransfersAndStopsPromptly() throws Exception {
        Map<Long, Paid> paid = pay(2);
        Shutdown stop = Shutdown.manual();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<Env.Result> run = pool.submit(() -> Env.run(dir, conf(), stop));
            waitFor(() -> env.count("reserves_in") == 2, Duration.ofSeconds(10));
            Thread.sleep(300); // now long-polling the bank
            Map<Long, Paid> more = pay(1);
            long t0 = System.nanoTime();
            waitFor(() -> env.count("reserves_in") == 3, Duration.ofSeconds(5));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            System.out.println("wirewatch continuous mode: new transfer imported after " + ms + " ms");
            paid.putAll(more);
            assertImportedExactly(paid);

            long s0 = System.nanoTime();
            stop.request();
            Env.Result r = run.get(10, TimeUnit.SECONDS);
            long stopMs = (System.nanoTime() - s0) / 1_000_000;
            assertEquals(0, r.code(), r.err());
            assertTrue(stopMs < 3000, "stop took " + stopMs + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check c, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (!c.ok()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached within " + max);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void exitCodes() throws Exception {
        String noCredit = conf().replace("ENABLE_CREDIT = YES", "ENABLE_CREDIT = NO");
        Env.Result r = Env.run(dir, noCredit, null, "-t");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("ENABLE_CREDIT"), r.err());

        String noIdle = conf().replace("WIREWATCH_IDLE_SLEEP_INTERVAL = 100 ms\n", "");
        r = Env.run(dir, noIdle, null, "-t");
        assertEquals(6, r.code(), r.err());
        assertTrue(r.err().contains("WIREWATCH_IDLE_SLEEP_INTERVAL"), r.err());

        String noCredentials = conf().replace("WIRE_GATEWAY_URL", "X_URL");
        assertEquals(6, Env.run(dir, noCredentials, null, "-t").code());

        String twoAccounts = conf() + "[exchange-account-2]\nPAYTO_URI = payto://x-taler-bank/localhost/other\n"
                + "ENABLE_CREDIT = YES\n[exchange-accountcredentials-2]\nWIRE_GATEWAY_URL = "
                + fb.wireGatewayUrl("other") + "\nWIRE_GATEWAY_AUTH_METHOD = none\n";
        assertEquals(2, Env.run(dir, twoAccounts, null, "-t").code());
        assertEquals(2, Env.run(dir, twoAccounts, null, "-t", "-a", "exchange-account-9").code());
        // the bank does not know account "other" yet: 404 is ignored with -I, fatal with -e
        assertEquals(0, Env.run(dir, twoAccounts, null, "-t", "-I", "-a", "exchange-account-2").code());
        assertEquals(1, Env.run(dir, twoAccounts, null, "-t", "-e", "-a", "exchange-account-2").code());
        assertEquals(2, Env.run(dir, conf(), null, "-t", "-S", "0").code());
    }
}

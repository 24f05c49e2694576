package net.taler.wirewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
import net.taler.fakebank.Fakebank;
import net.taler.fakebank.FakebankSettings;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PrivatePgCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14, defect 2: the continuous wirewatch rides out PostgreSQL crashes (SIGKILL of the
 * whole server, then a restart on the same port) while transfers keep arriving at the bank,
 * including a database that is not up yet when it starts, logs each outage once, and credits
 * every transfer exactly once afterwards. In test mode ({@code -t}) an unreachable database is
 * still exit 1. Uses a cluster of its own, so the other tests' shared server is never touched.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseOutageTest {
    static final String DEBTOR = "payto://x-taler-bank/localhost/testdebtor";

    PrivatePgCluster cluster;
    PgDatabase pg;
    Env env;
    Fakebank fb;
    WireGatewayClient bank;
    final Map<Long, Paid> paid = new ConcurrentHashMap<>();
    @TempDir
    Path dir;
    Path log;

    record Paid(EddsaPublicKey pub, Amount amount) {
    }

    @BeforeAll
    void cluster() throws Exception {
        cluster = PrivatePgCluster.create();
        pg = cluster.createDatabase("outage");
        env = new Env(pg);
    }

    @AfterAll
    void closeCluster() {
        if (env != null) {
            env.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        if (!cluster.isRunning()) {
            cluster.restart();
        }
        env.reset();
        paid.clear();
        log = dir.resolve("wirewatch.log");
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

    void pay(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            EddsaPublicKey p = env.reservePub();
            Amount a = Env.kudos((paid.size() + 1) + "." + (paid.size() % 100));
            TransferResult r = bank.addIncoming(a, p, DEBTOR);
            paid.put(r.rowId(), new Paid(p, a));
        }
    }

    /** Every bank transfer has exactly one reserves_in row with its amount, and the balance is that amount. */
    void assertCreditedExactlyOnce() throws Exception {
        Map<Long, Env.Imported> got = env.imported(); // fails on a row imported twice
        assertEquals(paid.keySet(), got.keySet(), "imported bank rows");
        for (var e : paid.entrySet()) {
            Env.Imported im = got.get(e.getKey());
            assertEquals(e.getValue().pub(), im.reservePub());
            assertEquals(e.getValue().amount(), im.credit());
            assertEquals(e.getValue().amount(), im.balance(), "balance of the reserve of bank row " + e.getKey());
        }
        assertEquals(paid.size(), env.count("reserves"));
    }

    void awaitAllImported(Future<Env.Result> run, Duration max) throws Exception {
        long end = System.nanoTime() + max.toNanos();
        while (env.count("reserves_in") < paid.size()) {
            if (run.isDone()) {
                Env.Result r = run.get();
                throw new AssertionError("wirewatch ended with exit " + r.code() + " before importing everything: "
                        + r.err() + "\nwarnings: " + messages());
            }
            if (System.nanoTime() > end) {
                throw new AssertionError("only " + env.count("reserves_in") + " of " + paid.size()
                        + " transfers imported within " + max + "; warnings: " + messages());
            }
            Thread.sleep(50);
        }
    }

    /** The program's WARNING and ERROR lines ({@code -l} log file). */
    List<String> messages() {
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            return Files.readAllLines(log).stream().filter(l -> l.contains(" WARNING ") || l.contains(" ERROR "))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long outageWarnings() {
        return messages().stream().filter(l -> l.contains(" WARNING ")
                && l.contains("exchange database unavailable")).count();
    }

    /** Runs wirewatch logging to {@link #log}. */
    Env.Result wirewatch(Shutdown stop, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-l", log.toString()));
        a.addAll(List.of(args));
        return Env.run(dir, conf(), stop, a.toArray(String[]::new));
    }

    @Test
    void postgresCrashesDuringImportAndWirewatchCreditsEverythingOnceAfterwards() throws Exception {
        Shutdown stop = Shutdown.manual();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            pay(20);
            Future<Env.Result> run = pool.submit(() -> wirewatch(stop));
            awaitAllImported(run, Duration.ofSeconds(20));
            int outages = 3;
            for (int k = 0; k < outages; k++) {
                // transfers keep coming before, during and after the crash
                Future<?> load = pool.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        pay(1);
                        Thread.sleep(40);
                    }
                    return null;
                });
                Thread.sleep(100 + 50L * k);
                cluster.kill();
                load.get(30, TimeUnit.SECONDS);
                pay(5); // accepted by the bank while the database is down
                Thread.sleep(1500);
                assertFalse(run.isDone(), () -> "wirewatch exited during the outage: " + result(run));
                cluster.restart();
                pay(3);
                awaitAllImported(run, Duration.ofSeconds(40));
                assertCreditedExactlyOnce();
            }
            // a re-importing watcher would show itself now
            Thread.sleep(500);
            assertCreditedExactlyOnce();
            assertFalse(run.isDone(), () -> "wirewatch exited: " + result(run));
            long w = outageWarnings();
            assertTrue(w >= 1 && w <= outages, "one WARNING per outage at most (not per attempt), got " + w
                    + ": " + messages());
            stop.request();
            Env.Result r = run.get(15, TimeUnit.SECONDS);
            assertEquals(0, r.code(), r.err());
            System.out.println("wirewatch database outage: " + outages + " PostgreSQL crashes, " + paid.size()
                    + " transfers credited exactly once, " + w + " outage warnings");
        } finally {
            stop.request();
            pool.shutdownNow();
        }
    }

    @Test
    void databaseNotUpYetAtStartIsWaitedFor() throws Exception {
        Shutdown stop = Shutdown.manual();
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            pay(5);
            cluster.kill();
            Future<Env.Result> run = pool.submit(() -> wirewatch(stop));
            // longer than several attempts, and than the pool's default wait (10 s) that made the
            // first attempt of the old code last long enough to hide its exit 1
            Thread.sleep(11_000);
            assertFalse(run.isDone(), () -> "wirewatch did not wait for the database: " + result(run));
            cluster.restart();
            awaitAllImported(run, Duration.ofSeconds(40));
            assertCreditedExactlyOnce();
            assertEquals(1, outageWarnings(), () -> "one WARNING for the outage: " + messages());
            stop.request();
            assertEquals(0, run.get(15, TimeUnit.SECONDS).code());
        } finally {
            stop.request();
            pool.shutdownNow();
        }
    }

    @Test
    void testModeExitsOneWhenTheDatabaseIsDown() throws Exception {
        pay(2);
        cluster.kill();
        long t0 = System.nanoTime();
        Env.Result r = wirewatch(null, "-t");
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(1, r.code(), r.err());
        assertTrue(ms < 15_000, "run-once took " + ms + " ms with the database down");
        cluster.restart();
        assertEquals(0, Env.run(dir, conf(), null, "-t").code());
        assertCreditedExactlyOnce();
    }

    private static String result(Future<Env.Result> f) {
        try {
            Env.Result r = f.get();
            return "exit " + r.code() + " " + r.err();
        } catch (Exception e) {
            return e.toString();
        }
    }
}

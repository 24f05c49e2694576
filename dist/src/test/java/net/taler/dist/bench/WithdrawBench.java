package net.taler.dist.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgServer;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeKeys;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.TestWallet;

/**
 * Withdrawal benchmark through the full stack (issue 8): withdrawals per second for RSA-2048 and
 * RSA-1024 coins, one coin per request ({@code /withdraw}) and a batch per request
 * ({@code /batch-withdraw}), with the Java test wallet as load generator, next to the raw
 * blind-RSA signing rate of the same machine measured in the same run. Not a test.
 *
 * <p>Run (after the install tree is built with {@code cd /work/main && mvn -o -q install -DskipTests}):
 *
 * <pre>
 *   cd /work/main &amp;&amp; mvn -o -B -q -pl dist -Pbench -DskipTests verify
 *   # shorter phases / other settings:
 *   mvn -o -B -q -pl dist -Pbench -DskipTests verify -Dbench.seconds=3 -Dbench.warmup=2 -Dbench.threads=4
 * </pre>
 *
 * <p>The profile re-packages the install tree, then forks a JVM for this class (option
 * {@code -Dbench.jvmArgs=...}: one JVM option, default {@code -Xmx2g}). Without
 * {@code -DskipTests} the failsafe ITs run first. Do not build the dist module concurrently: it
 * rewrites the tree's jars and target/test-classes under the running benchmark.
 *
 * <p>Output: per configuration coins/s and requests/s of the timed phase, request latency
 * (p50, p99), the raw signing rate of the key size on 1 thread and on {@code bench.rawThreads}
 * threads, and the ratio coins/s ÷ raw sign/s (multi-thread) in percent. Everything (client
 * threads, httpd, security modules, PostgreSQL, the raw signer) shares this machine's CPUs.
 *
 * <p>System properties: {@code bench.seconds} timed phase per configuration (default 10),
 * {@code bench.warmup} warm-up per configuration and for the raw signer (default 3),
 * {@code bench.threads} client threads (default 4), {@code bench.batch} coins per batch request
 * (default 10), {@code bench.keysizes} (default {@code 2048,1024}), {@code bench.rawThreads}
 * threads of the raw signer's multi-thread run (default 0: one per CPU), {@code bench.headroom}
 * planchet pool = warm-up rate × seconds × headroom (default 2.5), {@code bench.maxPool} most
 * pre-prepared coins per thread (default 60000), {@code bench.keep=true} keeps the work
 * directory (config, daemon logs), {@code taler.tree} the install tree. {@code TALER_TEST_PG_DSN}
 * names an existing PostgreSQL server; otherwise a throwaway cluster is started.
 *
 * <p>The table goes to stdout, progress to stderr. Exit code 0 on success, 1 if a
 * configuration had failed requests or the stack did not come up (the work directory is kept
 * then).
 */
public final class WithdrawBench {
    /** Every reserve gets this much; no phase can spend it. */
    private static final Amount RESERVE_FUNDS = Amount.parse("KUDOS:10000000");
    private static final Duration RESERVE_WAIT = Duration.ofSeconds(90);
    private static final Duration KEYS_WAIT = Duration.ofSeconds(60);

    private WithdrawBench() {
    }

    /** Settings from system properties. */
    record Settings(double seconds, double warmup, int threads, int batch, List<Integer> keySizes, int rawThreads,
            double headroom, int maxPool, boolean keep, Path tree) {
        static Settings fromSystemProperties() {
            List<Integer> sizes = new ArrayList<>();
            for (String s : System.getProperty("bench.keysizes", "2048,1024").split(",")) {
                int bits = Integer.parseInt(s.strip());
                if (bits < 1024 || bits > 8192) {
                    throw new IllegalArgumentException("bench.keysizes: " + bits + " not in [1024, 8192]");
                }
                sizes.add(bits);
            }
            Settings st = new Settings(dbl("bench.seconds", 10), dbl("bench.warmup", 3), integer("bench.threads", 4),
                    integer("bench.batch", 10), List.copyOf(sizes),
                    rawThreads(integer("bench.rawThreads", 0)),
                    dbl("bench.headroom", 2.5), integer("bench.maxPool", 60_000),
                    Boolean.parseBoolean(System.getProperty("bench.keep", "false")),
                    Path.of(System.getProperty("taler.tree", "target/taler")).toAbsolutePath());
            check(st.seconds > 0 && st.seconds <= 600, "bench.seconds in (0, 600]");
            check(st.warmup > 0 && st.warmup <= 120, "bench.warmup in (0, 120]");
            check(st.threads >= 1 && st.threads <= 64, "bench.threads in [1, 64]");
            check(st.batch >= 2 && st.batch <= 256, "bench.batch in [2, 256]");
            check(st.rawThreads >= 1 && st.rawThreads <= 256, "bench.rawThreads in [1, 256]");
            check(st.headroom >= 1 && st.headroom <= 20, "bench.headroom in [1, 20]");
            check(st.maxPool >= 10 && st.maxPool <= 1_000_000, "bench.maxPool in [10, 1000000]");
            return st;
        }

        /** 0 means one per CPU. */
        private static int rawThreads(int n) {
            return n == 0 ? Runtime.getRuntime().availableProcessors() : n;
        }

        private static double dbl(String name, double def) {
            return Double.parseDouble(System.getProperty(name, Double.toString(def)));
        }

        private static int integer(String name, int def) {
            return Integer.parseInt(System.getProperty(name, Integer.toString(def)));
        }

        private static void check(boolean ok, String what) {
            if (!ok) {
                throw new IllegalArgumentException("setting out of range: " + what);
            }
        }
    }

    /** One table row: a withdraw configuration and the raw signing rates of its key size. */
    record Row(int bits, WithdrawLoad.Result load, double raw1, double rawN) {
    }

    /**
     * Loaded at start: a concurrent build of this module may rewrite target/test-classes while a
     * long run is under way, and a class first needed minutes later would then be missing.
     */
    private static final List<Class<?>> PRELOAD = List.of(BenchStack.class, RawRsaSigning.class, WithdrawLoad.class,
            WithdrawLoad.Client.class, WithdrawLoad.Result.class, Row.class, Settings.class);

    public static void main(String[] args) throws Exception {
        Settings st;
        try {
            st = Settings.fromSystemProperties();
        } catch (IllegalArgumentException e) {
            System.err.println("withdraw-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = run(st);
        } catch (Exception e) {
            BenchStack.progress("FAILED: " + e);
            e.printStackTrace();
            code = 1;
        }
        System.exit(code);
    }

    private static int run(Settings st) throws Exception {
        BenchStack.progress(String.format("JVM %s %s, %d CPUs, load average %.2f; settings %s",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), st));
        Path work = Files.createTempDirectory("taler-withdraw-bench-");
        boolean ok = false;
        PgDatabase db = PgServer.shared().createDatabase("withdrawbench");
        BenchStack.progress("database: " + db + " on " + db.server().describe());
        BenchStack stack = null;
        try {
            stack = new BenchStack(st.tree(), work, db.uri(), st.keySizes());
            stack.start();
            List<Row> rows = measure(st, stack);
            System.out.print(table(st, rows));
            System.out.flush();
            ok = rows.stream().allMatch(r -> r.load().errors() == 0);
            if (!ok) {
                BenchStack.progress("some requests failed; work directory kept: " + work);
            }
        } catch (Exception | Error e) {
            if (stack != null) {
                BenchStack.progress("daemon logs:\n" + stack.logTails());
            }
            throw e;
        } finally {
            try {
                if (stack != null) {
                    stack.close();
                }
            } finally {
                db.close();
                if (ok && !st.keep()) {
                    deleteTree(work);
                } else {
                    BenchStack.progress("work directory (config, logs): " + work);
                }
            }
        }
        return ok ? 0 : 1;
    }

    private static List<Row> measure(Settings st, BenchStack stack) throws Exception {
        TestWallet wallet = TestWallet.connect(stack.exchangeUrl(), stack.wireGatewayUrl());
        List<Denomination> denoms = new ArrayList<>();
        for (int bits : st.keySizes()) {
            denoms.add(awaitDenomination(wallet, bits));
        }
        int[] batches = {1, st.batch()};
        // Fund every (key size, batch, thread) reserve at once; wirewatch imports them in bulk.
        List<List<Reserve>> reserves = new ArrayList<>();
        for (int i = 0; i < denoms.size() * batches.length; i++) {
            List<Reserve> perConfig = new ArrayList<>();
            for (int t = 0; t < st.threads(); t++) {
                Reserve r = wallet.createReserve();
                wallet.fund(r, RESERVE_FUNDS);
                perConfig.add(r);
            }
            reserves.add(perConfig);
        }
        BenchStack.progress("funded " + reserves.size() * st.threads() + " reserves; waiting for wirewatch");
        for (List<Reserve> perConfig : reserves) {
            for (Reserve r : perConfig) {
                Amount balance = wallet.awaitReserve(r, RESERVE_WAIT);
                if (balance.compare(RESERVE_FUNDS) != 0) {
                    throw new IllegalStateException("reserve " + r.pub() + " has " + balance + ", expected "
                            + RESERVE_FUNDS);
                }
            }
        }
        BenchStack.progress("all reserves known to the exchange");

        List<Row> rows = new ArrayList<>();
        int configIndex = 0;
        for (int k = 0; k < denoms.size(); k++) {
            int bits = st.keySizes().get(k);
            BenchStack.progress("RSA-" + bits + ": raw signing rate (1 and " + st.rawThreads() + " threads)");
            RawRsaSigning raw = new RawRsaSigning(bits);
            double raw1 = raw.rate(1, st.warmup(), st.seconds());
            double rawN = raw.rate(st.rawThreads(), st.warmup(), st.seconds());
            BenchStack.progress(String.format("RSA-%d raw: %.0f sign/s (1 thread), %.0f sign/s (%d threads)", bits,
                    raw1, rawN, st.rawThreads()));
            for (int batch : batches) {
                String name = "RSA-" + bits + (batch == 1 ? " single" : " batch " + batch);
                WithdrawLoad load = new WithdrawLoad(name, stack.exchangeUrl(), denoms.get(k), batch,
                        reserves.get(configIndex++));
                WithdrawLoad.Result r = load.run(st.warmup(), st.seconds(), st.headroom(), st.maxPool());
                BenchStack.progress(String.format("%s: %.1f coins/s, %.1f requests/s, %d errors%s", name,
                        r.coinsPerSec(), r.requestsPerSec(), r.errors(),
                        r.firstError() == null ? "" : " (first: " + r.firstError() + ")"));
                rows.add(new Row(bits, r, raw1, rawN));
                List<String> dead = stack.deadDaemons();
                if (!dead.isEmpty()) {
                    throw new IllegalStateException("daemons exited during " + name + ": " + dead);
                }
            }
        }
        return rows;
    }

    /** The withdrawable RSA denomination of {@code bits}, waiting for the key-up to show in /keys. */
    private static Denomination awaitDenomination(TestWallet wallet, int bits) throws InterruptedException {
        long deadline = System.nanoTime() + KEYS_WAIT.toNanos();
        while (true) {
            ExchangeKeys keys = wallet.refreshKeys();
            for (Denomination d : keys.withdrawable(wallet.now())) {
                if (d.key() instanceof DenominationKey.Rsa rsa && rsa.key().modulus().bitLength() == bits) {
                    return d;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no withdrawable RSA-" + bits + " denomination in /keys after "
                        + KEYS_WAIT.toSeconds() + " s");
            }
            Thread.sleep(500);
        }
    }

    static String table(Settings st, List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%nWithdraw benchmark: %d client threads, %.0f s timed per configuration"
                + " (after %.0f s warm-up), %d CPUs, load average %.2f at the end%n", st.threads(), st.seconds(),
                st.warmup(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        sb.append("Planchets (blinding, reserve signature) prepared before each timed phase; signatures of the first"
                + " 3 requests per thread unblinded and verified after it.\n\n");
        String head = String.format(Locale.ROOT, "%-20s %9s %9s %8s %8s %12s %12s %8s%n", "config", "coins/s",
                "req/s", "p50 ms", "p99 ms", "raw sign/s", "raw sign/s", "ratio");
        sb.append(head);
        sb.append(String.format(Locale.ROOT, "%-20s %9s %9s %8s %8s %12s %12s %8s%n", "", "", "", "", "", "1 thread",
                st.rawThreads() + " threads", "coins/raw" + st.rawThreads()));
        for (Row r : rows) {
            WithdrawLoad.Result l = r.load();
            sb.append(String.format(Locale.ROOT, "%-20s %9.1f %9.1f %8.2f %8.2f %12.0f %12.0f %7.1f%%%n", l.name(),
                    l.coinsPerSec(), l.requestsPerSec(), l.p50Millis(), l.p99Millis(), r.raw1(), r.rawN(),
                    100.0 * l.coinsPerSec() / r.rawN()));
        }
        sb.append('\n');
        for (Row r : rows) {
            WithdrawLoad.Result l = r.load();
            sb.append(String.format(Locale.ROOT, "%-20s %d coins in %d requests over %.2f s; warm-up %.0f coins/s;"
                    + " pool %d coins prepared in %.1f s; %d prepared inline; %d verified; %d errors%s%n", l.name(),
                    l.coins(), l.requests(), l.elapsedSeconds(), l.warmupCoinsPerSec(), l.pooledCoins(),
                    l.prepSeconds(), l.inlineCoins(), l.verifiedCoins(), l.errors(),
                    l.firstError() == null ? "" : " (first: " + l.firstError() + ")"));
        }
        return sb.toString();
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}

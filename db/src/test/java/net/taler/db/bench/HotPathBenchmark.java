package net.taler.db.bench;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.time.Timestamp;
import net.taler.db.TestKeys;
import net.taler.db.TestSchemas;
import net.taler.db.coin.CoinRepository;
import net.taler.db.conn.DbException;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.deposit.DepositRepository;
import net.taler.db.keys.DenominationRepository;
import net.taler.db.reserve.ReserveRepository;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import net.taler.testsupport.pg.PgServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rows per second for the hot paths with 1, 4, 16 client threads, plus {@code pgbench -S} on
 * the same cluster. Not part of the test run: {@code mvn -B -pl db -Pbench verify}.
 * Results go to stdout and {@code db/target/bench.txt}.
 */
@ExtendWith(PgExtension.class)
class HotPathBenchmark {
    static final String CUR = "KUDOS";
    static final long MILLIS = Long.getLong("taler.bench.millis", 2000);
    static final int[] THREADS = {1, 4, 16};
    /** Operations that still conflicted after the bounded retries (reported, not hidden). */
    static final AtomicLong EXHAUSTED = new AtomicLong();

    interface Op {
        void run() throws Exception;
    }

    interface OpFactory {
        Op forThread() throws Exception;
    }

    static byte[] rnd(int n) {
        byte[] b = new byte[n];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }

    static Amount amt(String s) {
        return Amount.parse(CUR + ":" + s);
    }

    /** Exhausted-retry counts per measurement, "what/threads", for the report. */
    static final StringBuilder EXHAUSTED_BY_CELL = new StringBuilder();

    static double measure(int threads, OpFactory f) throws Exception {
        long before = EXHAUSTED.get();
        double rate = measureRate(threads, f);
        long lost = EXHAUSTED.get() - before;
        if (lost > 0) {
            StackTraceElement caller = new Throwable().getStackTrace()[1];
            EXHAUSTED_BY_CELL.append(String.format("  %d at %d threads (%s line %d)%n", lost, threads,
                    caller.getMethodName(), caller.getLineNumber()));
        }
        return rate;
    }

    static double measureRate(int threads, OpFactory f) throws Exception {
        List<Op> ops = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            ops.add(f.forThread());
        }
        AtomicLong count = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        long[] end = new long[1];
        List<Thread> ts = new ArrayList<>();
        for (Op op : ops) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    while (System.nanoTime() < end[0]) {
                        try {
                            op.run();
                            count.incrementAndGet();
                        } catch (DbException.RetriesExhausted e) {
                            // a real client would get a 500 and retry; the rate counts successes only
                            EXHAUSTED.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            ts.add(t);
            t.start();
        }
        long t0 = System.nanoTime();
        end[0] = t0 + MILLIS * 1_000_000L;
        start.countDown();
        for (Thread t : ts) {
            t.join(MILLIS + 60_000);
        }
        return count.get() / ((System.nanoTime() - t0) / 1e9);
    }

    @Test
    void run(PgDatabase pg) throws Exception {
        assumeTrue(Boolean.getBoolean("taler.bench"), "benchmark disabled (-Dtaler.bench=true)");
        StringBuilder out = new StringBuilder();
        out.append(String.format("%-34s %10s %10s %10s%n", "operation (rows/s)", "1 thread", "4 threads", "16 threads"));
        for (int partitions : new int[] {0, 4}) {
            try (PgDatabase db = PgServer.shared().createDatabase("bench" + partitions);
                 ExchangeDb x = TestSchemas.create(db, partitions, 17)) {
                ReserveRepository reserves = new ReserveRepository(x, CUR);
                DenominationRepository denoms = new DenominationRepository(x, CUR);
                CoinRepository coins = new CoinRepository(x, CUR);
                DepositRepository deposits = new DepositRepository(x, CUR);
                DenominationKey denomKey = TestKeys.rsaKey(rnd(64));
                HashCode denomHash = denomKey.hash();
                long denom = denoms.insert(TestKeys.denomination(denomKey,
                        new EddsaSignature(rnd(64)), Timestamp.ofSeconds(1), Timestamp.ofSeconds(2_000_000_000),
                        Timestamp.ofSeconds(2_000_000_000), Timestamp.ofSeconds(2_100_000_000), amt("10"),
                        amt("0"), amt("0"), amt("0"), amt("0")));
                String layout = partitions == 0 ? "plain" : "P=" + partitions;
                double[] credit = new double[3];
                double[] withdraw = new double[3];
                double[] deposit = new double[3];
                AtomicLong ref = new AtomicLong();
                for (int i = 0; i < THREADS.length; i++) {
                    credit[i] = measure(THREADS[i], () -> () -> reserves.credit(new ReserveRepository.Credit(
                            new EddsaPublicKey(rnd(32)), amt("5"), Timestamp.ofSeconds(1_700_000_000),
                            new ShortHash(new byte[32]), "payto://x-taler-bank/localhost/a", "acc",
                            ref.incrementAndGet(), Timestamp.ofSeconds(1_800_000_000), Timestamp.ofSeconds(1_900_000_000))));
                    withdraw[i] = measure(THREADS[i], () -> {
                        EddsaPublicKey rp = new EddsaPublicKey(rnd(32));
                        reserves.credit(new ReserveRepository.Credit(rp, amt("1000000"), Timestamp.ofSeconds(1),
                                new ShortHash(new byte[32]), "payto://x-taler-bank/localhost/a", "acc",
                                ref.incrementAndGet(), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3)));
                        return () -> reserves.withdraw(new ReserveRepository.Withdraw(rp, new HashCode(rnd(64)), denom,
                                rnd(256), new EddsaSignature(rnd(64)), amt("0.01"), Timestamp.ofSeconds(4),
                                Timestamp.ofSeconds(5)));
                    });
                    deposit[i] = measure(THREADS[i], () -> () -> {
                        EddsaPublicKey coin = new EddsaPublicKey(rnd(32));
                        coins.ensure(coin, denomHash, rnd(256), null);
                        EddsaPublicKey merchant = new EddsaPublicKey(rnd(32));
                        deposits.deposit(new DepositRepository.Deposit(coin, merchant, new HashCode(rnd(64)), amt("3"),
                                Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3),
                                Timestamp.ofSeconds(4), new EddsaSignature(rnd(64)), new WireSalt(rnd(16)),
                                new ShortHash(rnd(32)), "payto://x-taler-bank/localhost/shop", 1));
                    });
                }
                row(out, "reserve credit (" + layout + ")", credit);
                row(out, "withdraw (" + layout + ")", withdraw);
                row(out, "coin insert + deposit (" + layout + ")", deposit);
            }
        }
        double[] tps = pgbench(pg);
        row(out, "pgbench -S (tps, yardstick)", tps);
        out.append(String.format("operations that exhausted the serialization retries: %d%n", EXHAUSTED.get()));
        out.append(EXHAUSTED_BY_CELL);
        System.out.print(out);
        Files.writeString(Path.of("target/bench.txt"), out.toString());
    }

    private static void row(StringBuilder out, String name, double[] v) {
        out.append(String.format("%-34s %10.0f %10.0f %10.0f%n", name, v[0], v[1], v[2]));
    }

    private static double[] pgbench(PgDatabase pg) throws IOException, InterruptedException {
        double[] r = new double[3];
        Path bin = pg.server().binDir().map(b -> b.resolve("pgbench")).filter(Files::isExecutable)
                .orElse(Path.of("/usr/bin/pgbench"));
        if (!Files.isExecutable(bin) || pg.host() == null) {
            return r;
        }
        List<String> base = List.of("-h", pg.host(), "-p", Integer.toString(pg.port()), "-U", pg.user());
        List<String> init = new ArrayList<>(List.of(bin.toString(), "-i", "-q", "-s", "1"));
        init.addAll(base);
        init.add(pg.name());
        exec(init);
        for (int i = 0; i < THREADS.length; i++) {
            List<String> cmd = new ArrayList<>(List.of(bin.toString(), "-S", "-n", "-c", Integer.toString(THREADS[i]),
                    "-j", Integer.toString(Math.min(THREADS[i], 4)), "-T", Long.toString(Math.max(1, MILLIS / 1000))));
            cmd.addAll(base);
            cmd.add(pg.name());
            Matcher m = Pattern.compile("tps = ([0-9.]+)").matcher(exec(cmd));
            r[i] = m.find() ? Double.parseDouble(m.group(1)) : -1;
        }
        return r;
    }

    private static String exec(List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        String s = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return s;
    }
}

package net.taler.secmod.rsa;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.secmod.RsaKeyInfo;
import net.taler.common.secmod.RsaProtocol;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;
import net.taler.common.secmod.client.SecmodResult;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.time.Timestamp;

/**
 * Blind signatures per second through the RSA helper's UNIX socket (single requests and
 * batches of 64, with 1 and 2 workers) next to the in-process rate of
 * {@link RsaBlinding#sign} with as many threads (what {@code common}'s {@code RsaBench}
 * measures single-threaded). The helper runs in this JVM but is reached only through the
 * socket and {@link RsaSecmodClient}, so framing, copying, the worker hand-off and the
 * client's decoding are all included. Not a unit test; run by hand:
 *
 * <pre>java -cp CLASSPATH net.taler.secmod.rsa.SecmodRsaBench [seconds-per-run]</pre>
 *
 * <p>Each cell is the best of three runs (default 1 s each) after a warm-up; about 70 s in all.
 */
public final class SecmodRsaBench {
    private static final int POOL = 256;
    private static final int BATCH = 64;
    private static double seconds = 1.0;

    private SecmodRsaBench() {
    }

    @FunctionalInterface
    interface Op {
        /** Does some signing; returns the number of signatures made. */
        int run(int i) throws Exception;
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            seconds = Double.parseDouble(args[0]);
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        System.out.printf("JVM %s %s, %d CPUs, load average %.2f, %.1f s per run, best of 3%n",
                System.getProperty("java.vm.name"), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), seconds);
        List<String> rows = new ArrayList<>();
        for (int bits : new int[] {1024, 2048}) {
            RsaPrivateKey local = RsaPrivateKey.generate(bits);
            byte[][] localBlinded = blindAll(local.publicKey());
            double[] raw = new double[3];
            for (int threads = 1; threads <= 2; threads++) {
                raw[threads] = measureThreads(threads, i -> {
                    RsaBlinding.sign(local, localBlinded[i % POOL]);
                    return 1;
                });
                rows.add(String.format("RSA-%-5d in-process RsaBlinding.sign, %d thread%s %10.0f", bits, threads,
                        threads == 1 ? " " : "s", raw[threads]));
            }
            for (int workers = 1; workers <= 2; workers++) {
                Path dir = Files.createTempDirectory("secmod-bench");
                try (SecmodCore<RsaPrivateKey> core = start(dir, bits, workers);
                        RsaSecmodClient client = new RsaSecmodClient(dir.resolve("rsa.sock"),
                                new SecmodClientOptions(Duration.ofSeconds(10), Duration.ofSeconds(60), 4), null)) {
                    RsaKeyInfo key = client.keys().values().iterator().next();
                    if (!key.smPublicKey().equals(core.smPublicKey())) {
                        throw new IllegalStateException("wrong helper");
                    }
                    HashCode h = key.hRsa();
                    byte[][] blinded = blindAll(key.publicKey());
                    List<RsaProtocol.SignRequest> batch = new ArrayList<>();
                    for (int i = 0; i < BATCH; i++) {
                        batch.add(new RsaProtocol.SignRequest(h, blinded[i]));
                    }
                    double single = measureThreads(1, i -> {
                        client.sign(h, blinded[i % POOL]).value();
                        return 1;
                    });
                    double batched = measureThreads(1, i -> {
                        List<SecmodResult<net.taler.common.crypto.rsa.RsaSignature>> r = client.batchSign(batch);
                        r.get(BATCH - 1).value();
                        return BATCH;
                    });
                    // two request threads, each with its own connection (the httpd serves many
                    // withdrawals at once): one client's encode/decode gap is filled by the other's
                    double twoClients = workers == 1 ? 0 : measureThreads(2, i -> {
                        client.batchSign(batch).get(BATCH - 1).value();
                        return BATCH;
                    });
                    double ref = raw[workers];
                    rows.add(String.format("RSA-%-5d socket, single requests, %d worker%s %10.0f  = %5.1f%% of %d-thread raw",
                            bits, workers, workers == 1 ? " " : "s", single, 100 * single / raw[1], 1));
                    rows.add(String.format("RSA-%-5d socket, batches of %d,   %d worker%s %10.0f  = %5.1f%% of %d-thread raw",
                            bits, BATCH, workers, workers == 1 ? " " : "s", batched, 100 * batched / ref, workers));
                    if (workers == 2) {
                        rows.add(String.format("RSA-%-5d socket, batches of %d, 2 clients, 2 workers %6.0f  = %5.1f%% of 2-thread raw",
                                bits, BATCH, twoClients, 100 * twoClients / ref));
                    }
                } finally {
                    try (Stream<Path> s = Files.walk(dir)) {
                        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        }
        System.out.println();
        System.out.println("                                                       sig/s");
        rows.forEach(System.out::println);
    }

    private static byte[][] blindAll(RsaPublicKey pub) {
        byte[][] out = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            HashCode m = Hashes.sha512(("bench " + i).getBytes(StandardCharsets.US_ASCII));
            out[i] = RsaBlinding.blind(pub, m, new BlindingKeySecret(m.truncate().bytes()));
        }
        return out;
    }

    private static SecmodCore<RsaPrivateKey> start(Path dir, int bits, int workers) {
        TalerConfig cfg = new TalerConfig(Map.of());
        String s = RsaSecmod.SECTION;
        cfg.set(s, "KEY_DIR", dir.resolve("keys").toString());
        cfg.set(s, "UNIXPATH", dir.resolve("rsa.sock").toString());
        cfg.set(s, "SM_PRIV_KEY", dir.resolve("sm").toString());
        cfg.set(s, "LOOKAHEAD_SIGN", "20 s");
        cfg.set(s, "OVERLAP_DURATION", "5 m");
        cfg.set("coin_bench", "CIPHER", "RSA");
        cfg.set("coin_bench", "DURATION_WITHDRAW", "7 days");
        cfg.set("coin_bench", "RSA_KEYSIZE", Integer.toString(bits));
        Clock clock = Clock.systemUTC();
        SecmodCore<RsaPrivateKey> core = RsaSecmod.create(cfg, SecmodConfig.load(cfg, s), workers, clock);
        core.start(Timestamp.now(clock));
        return core;
    }

    /**
     * Signatures per second of {@code op} run by {@code threads} threads: the best of three runs
     * after a warm-up (the build machine is shared, so the best run is the least disturbed).
     */
    private static double measureThreads(int threads, Op op) throws Exception {
        run(threads, op, Math.max(0.5, seconds / 2));
        double best = 0;
        for (int round = 0; round < 3; round++) {
            best = Math.max(best, run(threads, op, seconds));
        }
        return best;
    }

    private static double run(int threads, Op op, double secs) throws Exception {
        AtomicLong count = new AtomicLong();
        long end = System.nanoTime() + (long) (secs * 1e9);
        CountDownLatch done = new CountDownLatch(threads);
        Exception[] failure = new Exception[1];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int offset = t * 7919;
            Thread th = new Thread(() -> {
                try {
                    long n = 0;
                    int i = offset;
                    while (System.nanoTime() < end) {
                        n += op.run(i++);
                    }
                    count.addAndGet(n);
                } catch (Exception e) {
                    failure[0] = e;
                } finally {
                    done.countDown();
                }
            });
            th.start();
        }
        done.await();
        if (failure[0] != null) {
            throw failure[0];
        }
        return count.get() / ((System.nanoTime() - start) / 1e9);
    }
}

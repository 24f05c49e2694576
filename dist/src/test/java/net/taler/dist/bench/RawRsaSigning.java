package net.taler.dist.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;

/**
 * The machine's raw blind-RSA signing rate, in this JVM, with the same code the security
 * module signs with ({@link RsaBlinding#sign(RsaPrivateKey, byte[])}): the upper bound of what
 * the exchange can withdraw per second if signing were its only cost.
 */
final class RawRsaSigning {
    private static final int POOL = 64;
    private static volatile Object sink;

    private final RsaPrivateKey key;
    private final byte[][] blinded = new byte[POOL][];

    RawRsaSigning(int bits) {
        this.key = RsaPrivateKey.generate(bits);
        RsaPublicKey pub = key.publicKey();
        for (int i = 0; i < POOL; i++) {
            HashCode msg = Hashes.sha512(("withdraw bench " + i).getBytes(StandardCharsets.US_ASCII));
            blinded[i] = RsaBlinding.blind(pub, msg, new BlindingKeySecret(msg.truncate().bytes()));
        }
    }

    /**
     * Signs in a loop on {@code threads} threads for {@code warmupSeconds} (not counted), then
     * for {@code seconds}; returns signatures per second over all threads.
     */
    double rate(int threads, double warmupSeconds, double seconds) throws InterruptedException {
        AtomicLong total = new AtomicLong();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CyclicBarrier start = new CyclicBarrier(threads);
        long[] window = new long[2]; // start/end of the timed part, set by thread 0
        List<Thread> workers = new ArrayList<>();
        long[] ends = new long[threads];
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
                    int i = id * 7;
                    while (System.nanoTime() < warmEnd) {
                        sink = RsaBlinding.sign(key, blinded[i++ & (POOL - 1)]);
                    }
                    start.await();
                    long t0 = System.nanoTime();
                    if (id == 0) {
                        window[0] = t0;
                    }
                    long end = t0 + (long) (seconds * 1e9);
                    long n = 0;
                    long now;
                    do {
                        sink = RsaBlinding.sign(key, blinded[i++ & (POOL - 1)]);
                        n++;
                        now = System.nanoTime();
                    } while (now < end);
                    ends[id] = now;
                    total.addAndGet(n);
                } catch (Exception | Error e) {
                    failure.compareAndSet(null, e);
                    start.reset(); // releases the others (BrokenBarrierException)
                }
            }, "raw-rsa-" + t);
            workers.add(th);
            th.start();
        }
        for (Thread th : workers) {
            th.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("raw RSA signing failed", failure.get());
        }
        long last = 0;
        for (long e : ends) {
            last = Math.max(last, e);
        }
        return total.get() / ((last - window[0]) / 1e9);
    }
}

package net.taler.dist.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import net.taler.common.coin.BlindSignature;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.SignedPlanchet;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawOptions;

/**
 * One benchmark configuration: {@code threads} client threads, each with its own
 * {@link TestWallet} (own HTTP client) and its own funded reserve, withdrawing coins of one
 * denomination, {@code batch} per request ({@code /withdraw} for 1, {@code /batch-withdraw}
 * otherwise).
 *
 * <ol>
 *   <li>Warm-up: the complete wallet flow ({@link TestWallet#withdraw}: prepare, send, unblind,
 *       verify every coin) for a fixed time; its rate sizes the planchet pool.
 *   <li>Preparation: every thread prepares its pool of signed planchets (blinding and reserve
 *       signatures), so the timed phase measures the exchange, not the client's crypto.
 *   <li>Timed phase: every thread sends pooled requests back to back until the common deadline;
 *       a thread whose pool runs dry prepares further requests inline (reported).
 *   <li>Check: the first few signatures of every thread are unblinded and verified.
 * </ol>
 */
final class WithdrawLoad {
    /** Requests per thread whose coins are unblinded and verified after the timed phase. */
    private static final int VERIFY_REQUESTS = 3;
    /** A thread gives up after this many failed requests. */
    private static final int MAX_ERRORS = 20;
    /** Latency samples kept per thread (the rest are only counted). */
    private static final int MAX_LATENCIES = 1 << 20;
    /** Longest error text kept. */
    private static final int MAX_ERROR_CHARS = 600;

    /** What one configuration achieved. */
    record Result(String name, int batch, int threads, double warmupCoinsPerSec, long pooledCoins,
            double prepSeconds, double elapsedSeconds, long requests, long coins, long inlineCoins, long errors,
            String firstError, int verifiedCoins, double p50Millis, double p99Millis) {
        double coinsPerSec() {
            return coins / elapsedSeconds;
        }

        double requestsPerSec() {
            return requests / elapsedSeconds;
        }
    }

    private final String name;
    private final String exchangeUrl;
    private final Denomination denom;
    private final int batch;
    private final List<Reserve> reserves;

    /**
     * @param reserves one funded reserve per client thread (their number is the thread count)
     */
    WithdrawLoad(String name, String exchangeUrl, Denomination denom, int batch, List<Reserve> reserves) {
        if (batch < 1 || batch > ExchangeClient.MAX_BATCH) {
            throw new IllegalArgumentException("batch " + batch);
        }
        this.name = name;
        this.exchangeUrl = exchangeUrl;
        this.denom = denom;
        this.batch = batch;
        this.reserves = List.copyOf(reserves);
    }

    /** State of one client thread. */
    final class Client {
        final Reserve reserve;
        final TestWallet wallet;
        final List<Denomination> denoms = Collections.nCopies(batch, denom);
        List<List<SignedPlanchet>> pool = List.of();
        /** Coins of the first {@link #VERIFY_REQUESTS} pooled requests, and their signatures. */
        final List<List<PreparedCoin>> sampleCoins = new ArrayList<>();
        final List<List<BlindSignature>> sampleSigs = new ArrayList<>();
        long warmCoins;
        long requests;
        long coins;
        long inlineCoins;
        long errors;
        String firstError;
        long finishedAt;
        long[] latencies = new long[1024];
        int latencyCount;

        Client(Reserve reserve) {
            this.reserve = reserve;
            this.wallet = TestWallet.connect(exchangeUrl, null);
        }

        void warmUp(long until) {
            while (System.nanoTime() < until && errors < MAX_ERRORS) {
                try {
                    warmCoins += wallet.withdraw(reserve, denoms, WithdrawOptions.DEFAULT.withBatch(batch > 1)).size();
                } catch (RuntimeException e) {
                    error(e);
                }
            }
        }

        void prepare(int requestsToPool) {
            List<List<SignedPlanchet>> p = new ArrayList<>(requestsToPool);
            for (int i = 0; i < requestsToPool; i++) {
                List<PreparedCoin> coinsOfRequest = wallet.prepareWithdraw(reserve, denoms, WithdrawOptions.DEFAULT);
                if (i < VERIFY_REQUESTS) {
                    sampleCoins.add(coinsOfRequest); // keeps the secrets for the check afterwards
                    sampleSigs.add(null);
                }
                p.add(requests(coinsOfRequest));
            }
            pool = p;
        }

        void timed(long end) {
            int next = 0;
            long now = System.nanoTime();
            while (now < end && errors < MAX_ERRORS) {
                List<SignedPlanchet> req;
                int index = next;
                if (next < pool.size()) {
                    req = pool.get(next);
                    pool.set(next, null); // a planchet is withdrawn once; let it go
                    next++;
                } else {
                    req = requests(wallet.prepareWithdraw(reserve, denoms, WithdrawOptions.DEFAULT));
                    inlineCoins += batch;
                    now = System.nanoTime();
                }
                try {
                    List<BlindSignature> sigs = send(req);
                    long done = System.nanoTime();
                    recordLatency(done - now);
                    now = done;
                    requests++;
                    coins += sigs.size();
                    if (index < sampleSigs.size()) {
                        sampleSigs.set(index, sigs);
                    }
                } catch (RuntimeException e) {
                    error(e);
                    now = System.nanoTime();
                }
            }
            finishedAt = now;
            pool = List.of();
        }

        private List<BlindSignature> send(List<SignedPlanchet> req) {
            ExchangeClient ex = wallet.exchange();
            if (batch == 1) {
                return List.of(ex.withdraw(reserve.pub(), req.get(0)));
            }
            return ex.batchWithdraw(reserve.pub(), req);
        }

        private void recordLatency(long nanos) {
            if (latencyCount == latencies.length) {
                if (latencies.length >= MAX_LATENCIES) {
                    return;
                }
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[latencyCount++] = nanos;
        }

        /** Unblinds and verifies the sampled coins; returns how many verified. */
        int verify() {
            int n = 0;
            for (int r = 0; r < sampleCoins.size(); r++) {
                List<BlindSignature> sigs = sampleSigs.get(r);
                if (sigs == null) {
                    continue; // the request failed (counted as an error)
                }
                for (int i = 0; i < sigs.size(); i++) {
                    sampleCoins.get(r).get(i).toCoin(sigs.get(i)); // throws WalletException if bad
                    n++;
                }
            }
            return n;
        }

        private void error(RuntimeException e) {
            errors++;
            if (firstError == null) {
                String msg = e.toString();
                firstError = msg.length() > MAX_ERROR_CHARS ? msg.substring(0, MAX_ERROR_CHARS) + "…" : msg;
            }
        }
    }

    private static List<SignedPlanchet> requests(List<PreparedCoin> coins) {
        List<SignedPlanchet> out = new ArrayList<>(coins.size());
        for (PreparedCoin c : coins) {
            out.add(c.request());
        }
        return out;
    }

    /**
     * Runs the configuration.
     *
     * @param warmupSeconds warm-up time (full wallet flow)
     * @param seconds timed phase
     * @param headroom pool = warm-up rate × seconds × headroom (the warm-up rate includes the
     *     client's own crypto, so the exchange alone is faster)
     * @param maxPoolCoinsPerThread upper bound on pre-prepared coins per thread (memory)
     */
    Result run(double warmupSeconds, double seconds, double headroom, int maxPoolCoinsPerThread)
            throws InterruptedException {
        List<Client> clients = new ArrayList<>();
        for (Reserve r : reserves) {
            clients.add(new Client(r));
        }
        int threads = clients.size();

        long warmStart = System.nanoTime();
        long warmEnd = warmStart + (long) (warmupSeconds * 1e9);
        parallel(clients, c -> c.warmUp(warmEnd));
        double warmSecs = (System.nanoTime() - warmStart) / 1e9;
        long warmCoins = clients.stream().mapToLong(c -> c.warmCoins).sum();
        double warmRate = warmCoins / warmSecs;
        failOnErrors(clients, "warm-up");

        long perThreadCoins = (long) Math.ceil(warmRate * seconds * headroom / threads);
        perThreadCoins = Math.max(perThreadCoins, 5L * batch);
        perThreadCoins = Math.min(perThreadCoins, Math.max(maxPoolCoinsPerThread, batch));
        int perThreadRequests = (int) ((perThreadCoins + batch - 1) / batch);
        BenchStack.progress(String.format("%s: warm-up %.0f coins/s (full wallet flow); preparing %d coins per thread",
                name, warmRate, (long) perThreadRequests * batch));
        long prepStart = System.nanoTime();
        parallel(clients, c -> c.prepare(perThreadRequests));
        double prepSecs = (System.nanoTime() - prepStart) / 1e9;

        BenchStack.progress(String.format("%s: pool ready in %.1f s; timed phase %.1f s, %d threads", name, prepSecs,
                seconds, threads));
        long start = System.nanoTime() + 20_000_000L;
        long end = start + (long) (seconds * 1e9);
        parallel(clients, c -> {
            long wait = start - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            c.timed(end);
        });
        long last = clients.stream().mapToLong(c -> c.finishedAt).max().orElse(end);
        double elapsed = (last - start) / 1e9;

        int verified = 0;
        for (Client c : clients) {
            verified += c.verify();
        }
        long[] lat = merge(clients);
        Client firstFailed = clients.stream().filter(c -> c.firstError != null).findFirst().orElse(null);
        return new Result(name, batch, threads, warmRate, (long) perThreadRequests * batch * threads, prepSecs, elapsed,
                clients.stream().mapToLong(c -> c.requests).sum(), clients.stream().mapToLong(c -> c.coins).sum(),
                clients.stream().mapToLong(c -> c.inlineCoins).sum(), clients.stream().mapToLong(c -> c.errors).sum(),
                firstFailed == null ? null : firstFailed.firstError, verified, percentile(lat, 0.50),
                percentile(lat, 0.99));
    }

    private void failOnErrors(List<Client> clients, String phase) {
        for (Client c : clients) {
            if (c.firstError != null) {
                throw new IllegalStateException(name + ": " + phase + " withdrawal failed (" + c.errors
                        + " errors in one thread): " + c.firstError);
            }
        }
    }

    private static long[] merge(List<Client> clients) {
        int n = clients.stream().mapToInt(c -> c.latencyCount).sum();
        long[] all = new long[n];
        int at = 0;
        for (Client c : clients) {
            System.arraycopy(c.latencies, 0, all, at, c.latencyCount);
            at += c.latencyCount;
        }
        Arrays.sort(all);
        return all;
    }

    private static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.floor(q * sorted.length));
        return sorted[i] / 1e6;
    }

    /** Runs {@code work} for every client on its own thread and waits; rethrows the first failure. */
    private static void parallel(List<Client> clients, java.util.function.Consumer<Client> work)
            throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(clients.size());
        for (int i = 0; i < clients.size(); i++) {
            Client c = clients.get(i);
            Thread t = new Thread(() -> {
                try {
                    work.accept(c);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                } finally {
                    done.countDown();
                }
            }, "withdraw-client-" + i);
            t.setDaemon(true);
            t.start();
        }
        done.await();
        if (failure.get() != null) {
            throw new IllegalStateException("client thread failed: " + failure.get(), failure.get());
        }
    }
}

package net.taler.testsupport.fuzz;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Runs a bounded, seeded fuzz campaign against one server: request {@code i} is a mutation of
 * example {@code i mod n} made from the random source {@code (seed, i)} alone, so any single
 * request can be replayed. After every {@link #PROBE_EVERY} requests, and at the end, the probe
 * (a valid request) must still be answered 2xx.
 *
 * <p>Sizes: {@code -Dtaler.fuzz.requests=N} (default: the caller's), {@code -Dtaler.fuzz.seed=S}
 * (default: fixed, so CI runs are reproducible), {@code -Dtaler.fuzz.only=I} (replay one request).
 */
public final class FuzzCampaign {
    public static final String REQUESTS_PROPERTY = "taler.fuzz.requests";
    public static final String SEED_PROPERTY = "taler.fuzz.seed";
    public static final String ONLY_PROPERTY = "taler.fuzz.only";
    public static final long DEFAULT_SEED = 0x7a1e714L;
    static final int PROBE_EVERY = 100;
    static final int MAX_REPORTED = 10;

    /** The outcome: requests sent per route, and the violations with everything to reproduce them. */
    public record Result(long seed, int sent, Map<String, Integer> perRoute, Map<String, Integer> perStatus,
            List<String> failures) {
        public String summary() {
            return "fuzz seed " + seed + ": " + sent + " requests over " + perRoute.size() + " routes, statuses "
                    + perStatus + ", " + failures.size() + " failures";
        }
    }

    private final InetSocketAddress address;
    private final List<Example> examples;
    private final Example probe;
    private final Duration timeout;

    public FuzzCampaign(InetSocketAddress address, List<Example> examples, Example probe, Duration timeout) {
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("no examples");
        }
        this.address = address;
        this.examples = List.copyOf(examples);
        this.probe = probe;
        this.timeout = timeout;
    }

    public static long seed() {
        return Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    }

    public static int requests(int defaultCount) {
        return Integer.getInteger(REQUESTS_PROPERTY, defaultCount);
    }

    /** The mutation number {@code index} of a campaign with {@code seed}. */
    public WireRequest request(long seed, int index) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
        return new Mutator(rnd).mutate(examples.get(index % examples.size()));
    }

    public Result run(int count) {
        long seed = seed();
        RawHttp http = new RawHttp(address, timeout);
        Map<String, Integer> perRoute = new TreeMap<>();
        Map<String, Integer> perStatus = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        Integer only = Integer.getInteger(ONLY_PROPERTY);
        int from = only == null ? 0 : only;
        int to = only == null ? count : only + 1;
        int sent = 0;
        for (int i = from; i < to && failures.size() < MAX_REPORTED; i++) {
            WireRequest req = request(seed, i);
            RawHttp.Reply reply;
            try {
                reply = http.send(req);
            } catch (IOException e) {
                failures.add(report(seed, i, req, "cannot talk to the server: " + e));
                break;
            }
            sent++;
            perRoute.merge(req.example().route(), 1, Integer::sum);
            perStatus.merge(reply.timedOut() ? "timeout" : reply.status() == 0 ? "closed"
                    : reply.status() / 100 + "xx", 1, Integer::sum);
            Optional<String> bad = Invariants.check(req, reply);
            if (bad.isPresent()) {
                failures.add(report(seed, i, req, bad.get()));
            }
            if ((i + 1) % PROBE_EVERY == 0 || i + 1 == to) {
                Optional<String> dead = probe(http);
                if (dead.isPresent()) {
                    failures.add(report(seed, i, req, "server no longer answers after this request: " + dead.get()));
                    break;
                }
            }
        }
        return new Result(seed, sent, perRoute, perStatus, failures);
    }

    private Optional<String> probe(RawHttp http) {
        WireRequest p = Mutator.build(probe, "probe", probe.method(), probe.target(), probe.headers(), probe.body(),
                java.util.Set.of(), false);
        try {
            RawHttp.Reply r = http.send(p);
            return r.status() / 100 == 2 ? Optional.empty() : Optional.of("probe " + probe + ": " + r.summary());
        } catch (IOException e) {
            return Optional.of("probe " + probe + ": " + e);
        }
    }

    private static String report(long seed, int index, WireRequest req, String what) {
        return what + "\n  route " + req.example().route() + ", mutation " + req.mutation()
                + "\n  reproduce: -D" + SEED_PROPERTY + "=" + seed + " -D" + ONLY_PROPERTY + "=" + index
                + "\n  request bytes:\n" + req.printable(4000);
    }
}

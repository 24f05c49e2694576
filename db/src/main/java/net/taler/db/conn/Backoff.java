package net.taler.db.conn;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with jitter for retrying something that is down: after the n-th
 * consecutive failure wait a random time in {@code [base/2, base]}, where
 * {@code base = min(cap, initial · 2^(n-1))}. The jitter keeps several daemons that lost the same
 * server from all coming back in the same instant. One instance per loop (not thread safe).
 */
public final class Backoff {
    private final Duration initial;
    private final Duration cap;
    private final RandomGenerator random;
    private int failures;

    public Backoff(Duration initial, Duration cap, RandomGenerator random) {
        if (initial.isNegative() || initial.isZero() || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= cap, got " + initial + ", " + cap);
        }
        this.initial = initial;
        this.cap = cap;
        this.random = random;
    }

    /** Records a failure; returns how long to wait before the next attempt. */
    public Duration next() {
        if (failures < Integer.MAX_VALUE) {
            failures++;
        }
        long base = initial.toNanos();
        for (int i = 1; i < failures && base < cap.toNanos(); i++) {
            base *= 2;
        }
        base = Math.min(base, cap.toNanos());
        return Duration.ofNanos(base / 2 + random.nextLong(base / 2 + 1));
    }

    /** Forgets the failures (after a success). */
    public void reset() {
        failures = 0;
    }

    /** Consecutive failures since the last {@link #reset()}. */
    public int failures() {
        return failures;
    }

    public Duration cap() {
        return cap;
    }
}

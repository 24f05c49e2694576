package net.taler.db.conn;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * How a daemon loop rides out a database outage (docs/concurrency.md, "Database outages"):
 * the first failed attempt of an outage is logged once at WARNING (further ones only at FINE,
 * so a long outage does not flood the log), the loop waits {@link Backoff} delays between
 * attempts (1 s doubling up to a cap, jittered), and the first success afterwards logs the
 * outage's length at INFO and resets the back-off. Used by every long-running worker
 * (wirewatch; aggregator, closer, transfer as they come). One instance per loop.
 */
public final class OutageBackoff {
    /** First delay after a failed attempt. */
    public static final Duration INITIAL = Duration.ofSeconds(1);
    /** Default longest delay between attempts. */
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(30);

    private final String who;
    private final Logger log;
    private final Clock clock;
    private final Backoff backoff;
    private Instant since;
    private long outages;

    /**
     * @param who the daemon, for the log lines (e.g. {@code wirewatch exchange-account-1})
     * @param cap the longest delay between attempts (at least {@link #INITIAL})
     */
    public OutageBackoff(String who, Logger log, Clock clock, Duration cap) {
        this.who = who;
        this.log = log;
        this.clock = clock;
        this.backoff = new Backoff(INITIAL, cap.compareTo(INITIAL) < 0 ? INITIAL : cap, ThreadLocalRandom.current());
    }

    /** Records a failed attempt; returns how long to wait before the next one. */
    public Duration failed(DbException.Unavailable e) {
        Duration wait = backoff.next();
        if (since == null) {
            since = clock.instant();
            outages++;
            log.warning(who + ": exchange database unavailable (" + e.getMessage() + "); retrying with back-off"
                    + " (at most " + backoff.cap().toSeconds() + " s between attempts) until it is back");
        } else {
            int n = backoff.failures();
            log.log(Level.FINE, () -> who + ": exchange database still unavailable after " + n + " attempts, next in "
                    + wait.toMillis() + " ms");
        }
        return wait;
    }

    /** Records a successful database access; ends the current outage, if any. */
    public void succeeded() {
        if (since != null) {
            Duration d = Duration.between(since, clock.instant());
            log.info(who + ": exchange database available again after " + d.toMillis() + " ms ("
                    + backoff.failures() + " failed attempts)");
            since = null;
        }
        backoff.reset();
    }

    /** Whether the last attempt failed. */
    public boolean inOutage() {
        return since != null;
    }

    /** Outages seen so far (monitoring, tests). */
    public long outages() {
        return outages;
    }
}

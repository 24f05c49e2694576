package net.taler.httpd.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A helper outage logs one line per interval with the count of the failures it did not log. */
class HelperUnavailableThrottleTest {
    private static final long INTERVAL = TimeUnit.SECONDS.toNanos(HelperUnavailable.LOG_INTERVAL_SECONDS);

    @Test
    void oneLinePerIntervalWithTheSkippedCount() {
        HelperUnavailable.Throttle t = new HelperUnavailable.Throttle();
        long t0 = 123_456_789L;
        assertEquals(0, t.admit(t0), "the first failure is logged");
        for (int i = 1; i <= 116; i++) {
            assertEquals(-1, t.admit(t0 + i * 1_000_000L), "failure " + i + " within the interval");
        }
        assertEquals(116, t.admit(t0 + INTERVAL), "the next line counts what was skipped");
        assertEquals(-1, t.admit(t0 + INTERVAL + 1));
        assertEquals(1, t.admit(t0 + 3 * INTERVAL));
    }
}

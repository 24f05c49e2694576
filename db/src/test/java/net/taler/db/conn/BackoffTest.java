package net.taler.db.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    @Test
    void doublesFromOneSecondUpToTheCapWithJitterAndResets() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), new Random(7));
        long[] bases = {1, 2, 4, 8, 16, 30, 30, 30};
        for (int round = 0; round < 2; round++) {
            for (long base : bases) {
                Duration d = b.next();
                long ms = d.toMillis();
                assertTrue(ms >= base * 500 && ms <= base * 1000, "delay " + ms + " ms for base " + base + " s");
            }
            for (int i = 0; i < 100; i++) {
                assertTrue(b.next().compareTo(Duration.ofSeconds(30)) <= 0, "bounded by the cap");
            }
            assertEquals(bases.length + 100, b.failures());
            b.reset();
            assertEquals(0, b.failures());
        }
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), new Random()));
        assertThrows(IllegalArgumentException.class,
                () -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), new Random()));
    }
}

package net.taler.common.time;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class TimeTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void timestampNboExample() {
        // crypto.md 1.5: t_s = 1671408000 -> 0005f023001d6000
        Timestamp t = Timestamp.ofSeconds(1671408000L);
        assertEquals("0005f023001d6000", hex(t.toNbo()));
        assertEquals(1671408000L * 1_000_000L, t.micros());
        assertEquals(t, Timestamp.fromNbo(HexFormat.of().parseHex("0005f023001d6000")));
        assertEquals(1671408000L, t.seconds());
        assertEquals(1671408000L, t.toSecondsOrNever());
    }

    @Test
    void never() {
        assertTrue(Timestamp.NEVER.isNever());
        assertEquals("ffffffffffffffff", hex(Timestamp.NEVER.toNbo()));
        assertEquals(Timestamp.NEVER, Timestamp.fromNbo(HexFormat.of().parseHex("ffffffffffffffff")));
        assertEquals(-1L, Timestamp.NEVER.toSecondsOrNever());
        assertSame(Timestamp.NEVER, Timestamp.ofSecondsOrNever(-1));
        assertThrows(IllegalStateException.class, Timestamp.NEVER::seconds);
        assertSame(Timestamp.NEVER, Timestamp.NEVER.roundedToSeconds());
        assertEquals(Instant.MAX, Timestamp.NEVER.toInstant());
        assertTrue(Timestamp.NEVER.isAfter(Timestamp.ofMicros(Long.MAX_VALUE - 1)));
        assertTrue(Timestamp.ofSeconds(0).isBefore(Timestamp.NEVER));
        assertEquals(Long.MAX_VALUE, Timestamp.NEVER.toDbMicros());
        assertEquals(Timestamp.NEVER, Timestamp.fromDbMicros(Long.MAX_VALUE));
        assertEquals("never", Timestamp.NEVER.toString());
    }

    @Test
    void timestampValidation() {
        assertThrows(IllegalArgumentException.class, () -> new Timestamp(-2));
        assertThrows(IllegalArgumentException.class, () -> Timestamp.ofMicros(-1));
        assertThrows(IllegalArgumentException.class, () -> Timestamp.ofSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> Timestamp.ofSeconds(Long.MAX_VALUE / 1_000_000 + 1));
        assertThrows(IllegalArgumentException.class, () -> Timestamp.fromNbo(new byte[7]));
        assertThrows(IllegalArgumentException.class,
                () -> Timestamp.fromNbo(HexFormat.of().parseHex("8000000000000000")));
        assertThrows(IllegalArgumentException.class, () -> Timestamp.fromInstant(Instant.ofEpochSecond(-1)));
    }

    @Test
    void instantsAndRounding() {
        Instant i = Instant.ofEpochSecond(1671408000L, 123_456_789);
        Timestamp t = Timestamp.fromInstant(i);
        assertEquals(1671408000_123456L, t.micros());
        assertEquals(Instant.ofEpochSecond(1671408000L, 123_456_000), t.toInstant());
        assertEquals(Timestamp.ofSeconds(1671408000L), t.roundedToSeconds());
        assertEquals(1671408000L, t.seconds());
        assertEquals(Timestamp.NEVER, Timestamp.fromInstant(Instant.MAX));
        Clock fixed = Clock.fixed(i, ZoneOffset.UTC);
        assertEquals(t, Timestamp.now(fixed));
        assertFalse(Timestamp.now(java.time.Clock.systemUTC()).isNever());
    }

    @Test
    void timestampArithmeticSaturates() {
        Timestamp t = Timestamp.ofSeconds(100);
        assertEquals(Timestamp.ofSeconds(160), t.plus(RelativeTime.ofSeconds(60)));
        assertEquals(Timestamp.NEVER, t.plus(RelativeTime.FOREVER));
        assertEquals(Timestamp.NEVER, Timestamp.NEVER.plus(RelativeTime.ZERO));
        assertEquals(Timestamp.NEVER, Timestamp.ofMicros(Long.MAX_VALUE - 5).plus(RelativeTime.ofMicros(10)));
        assertEquals(Timestamp.ofSeconds(40), t.minus(RelativeTime.ofSeconds(60)));
        assertEquals(Timestamp.EPOCH, t.minus(RelativeTime.ofSeconds(600)));
        assertEquals(Timestamp.EPOCH, t.minus(RelativeTime.FOREVER));
        assertEquals(Timestamp.NEVER, Timestamp.NEVER.minus(RelativeTime.ofSeconds(1)));
        assertEquals(RelativeTime.ofSeconds(60), t.until(Timestamp.ofSeconds(160)));
        assertEquals(RelativeTime.ZERO, t.until(Timestamp.ofSeconds(50)));
        assertEquals(RelativeTime.FOREVER, t.until(Timestamp.NEVER));
        assertEquals(RelativeTime.ZERO, Timestamp.NEVER.until(Timestamp.NEVER));
    }

    @Test
    void relativeNbo() {
        assertEquals("ffffffffffffffff", hex(RelativeTime.FOREVER.toNbo()));
        assertEquals("0000000000000000", hex(RelativeTime.ZERO.toNbo()));
        assertEquals("000000000112a880", hex(RelativeTime.ofSeconds(18).toNbo()));
        assertEquals("0000000000000001", hex(RelativeTime.ofMicros(1).toNbo()));
        assertEquals(RelativeTime.FOREVER, RelativeTime.fromNbo(HexFormat.of().parseHex("ffffffffffffffff")));
        assertEquals(RelativeTime.ofMicros(1), RelativeTime.fromNbo(HexFormat.of().parseHex("0000000000000001")));
        assertThrows(IllegalArgumentException.class, () -> RelativeTime.fromNbo(new byte[9]));
        assertArrayEquals(RelativeTime.ofMicros(123456789).toNbo(),
                RelativeTime.fromNbo(RelativeTime.ofMicros(123456789).toNbo()).toNbo());
    }

    @Test
    void relativeSaturation() {
        RelativeTime big = RelativeTime.ofMicros(Long.MAX_VALUE - 1);
        assertEquals(RelativeTime.FOREVER, big.add(RelativeTime.ofMicros(2)));
        assertEquals(RelativeTime.ofMicros(Long.MAX_VALUE), big.add(RelativeTime.ofMicros(1)));
        assertEquals(RelativeTime.FOREVER, RelativeTime.FOREVER.add(RelativeTime.ZERO));
        assertEquals(RelativeTime.FOREVER, RelativeTime.ZERO.add(RelativeTime.FOREVER));
        assertEquals(RelativeTime.FOREVER, RelativeTime.ofSeconds(Long.MAX_VALUE));
        assertEquals(RelativeTime.FOREVER, RelativeTime.ofSeconds(2).multiply(Long.MAX_VALUE));
        assertEquals(RelativeTime.FOREVER, RelativeTime.FOREVER.multiply(2));
        assertEquals(RelativeTime.ZERO, RelativeTime.FOREVER.multiply(0));
        assertEquals(RelativeTime.ofSeconds(6), RelativeTime.ofSeconds(2).multiply(3));
        assertEquals(RelativeTime.ZERO, RelativeTime.ofSeconds(2).subtract(RelativeTime.ofSeconds(3)));
        assertEquals(RelativeTime.ofSeconds(1), RelativeTime.ofSeconds(3).subtract(RelativeTime.ofSeconds(2)));
        assertEquals(RelativeTime.FOREVER, RelativeTime.FOREVER.subtract(RelativeTime.ofSeconds(2)));
        assertTrue(RelativeTime.FOREVER.compareTo(RelativeTime.ofMicros(Long.MAX_VALUE)) > 0);
        assertTrue(RelativeTime.ZERO.isZero());
    }

    @Test
    void relativeConversions() {
        assertThrows(IllegalArgumentException.class, () -> RelativeTime.ofMicros(-1));
        assertThrows(IllegalArgumentException.class, () -> RelativeTime.ofSeconds(-1));
        assertThrows(IllegalArgumentException.class, () -> new RelativeTime(-5));
        assertThrows(IllegalArgumentException.class, () -> RelativeTime.fromDuration(Duration.ofSeconds(-1)));
        assertEquals(RelativeTime.ofMicros(1_500_000), RelativeTime.fromDuration(Duration.ofMillis(1500)));
        assertEquals(RelativeTime.ofMicros(1), RelativeTime.fromDuration(Duration.ofNanos(1999)));
        assertEquals(Duration.ofMillis(1500), RelativeTime.ofMicros(1_500_000).toDuration());
        assertEquals(ChronoUnit.FOREVER.getDuration(), RelativeTime.FOREVER.toDuration());
        assertEquals(RelativeTime.FOREVER, RelativeTime.fromDuration(RelativeTime.FOREVER.toDuration()));
        Duration maxFinite = RelativeTime.ofMicros(Long.MAX_VALUE).toDuration();
        assertEquals(RelativeTime.ofMicros(Long.MAX_VALUE), RelativeTime.fromDuration(maxFinite));
        assertEquals(RelativeTime.FOREVER, RelativeTime.fromDuration(maxFinite.plusNanos(1000)));
        assertTrue(RelativeTime.FOREVER.isForever());
        assertEquals(Long.MAX_VALUE, RelativeTime.FOREVER.toDbMicros());
        assertEquals(RelativeTime.FOREVER, RelativeTime.fromDbMicros(Long.MAX_VALUE));
        assertEquals(RelativeTime.ofSeconds(5), RelativeTime.fromDbMicros(5_000_000));
    }
}

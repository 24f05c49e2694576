package net.taler.common.time;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * A duration in microseconds with GNUnet's semantics ({@code GNUNET_TIME_Relative}): the
 * special value {@link #FOREVER} absorbs every addition and arithmetic saturates to it instead
 * of overflowing, so "forever" configured durations and deadlines need no special cases.
 *
 * <p>{@code micros} is the GNUnet bit pattern: a non-negative count, or {@code -1} (all 64 bits
 * set, i.e. {@code UINT64_MAX}) for {@link #FOREVER}. Ordering treats it as unsigned, so
 * FOREVER is the largest value.
 *
 * @param micros microseconds, or -1 for {@link #FOREVER}
 */
public record RelativeTime(long micros) implements Comparable<RelativeTime> {

    /** The bit pattern of FOREVER ({@code UINT64_MAX}). */
    public static final long FOREVER_MICROS = -1L;
    /** Endless duration; JSON {@code {"d_us":"forever"}}, wire form {@code 0xffffffffffffffff}. */
    public static final RelativeTime FOREVER = new RelativeTime(FOREVER_MICROS);
    /** No time at all. */
    public static final RelativeTime ZERO = new RelativeTime(0);
    /** Size of the network-byte-order form. */
    public static final int NBO_SIZE = 8;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** Rejects negative values other than the FOREVER pattern. */
    public RelativeTime {
        if (micros < 0 && micros != FOREVER_MICROS) {
            throw new IllegalArgumentException("relative time out of range: " + Long.toUnsignedString(micros) + " us");
        }
    }

    /**
     * A finite duration in microseconds.
     *
     * @throws IllegalArgumentException if negative (use {@link #FOREVER} for forever)
     */
    public static RelativeTime ofMicros(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative relative time: " + micros + " us");
        }
        return micros == 0 ? ZERO : new RelativeTime(micros);
    }

    /**
     * Whole seconds; like {@code GNUNET_TIME_relative_multiply} a product too large for 64 bits
     * saturates to FOREVER.
     *
     * @throws IllegalArgumentException if negative
     */
    public static RelativeTime ofSeconds(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("negative relative time: " + seconds + " s");
        }
        if (seconds > Long.MAX_VALUE / MICROS_PER_SECOND) {
            return FOREVER;
        }
        return ofMicros(seconds * MICROS_PER_SECOND);
    }

    /**
     * Converts a Java duration, truncating below one microsecond; durations beyond the 64-bit
     * range saturate to FOREVER (so {@code fromDuration(FOREVER.toDuration())} is FOREVER).
     *
     * @throws IllegalArgumentException if negative
     */
    public static RelativeTime fromDuration(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("negative duration " + d);
        }
        long s = d.getSeconds();
        if (s > Long.MAX_VALUE / MICROS_PER_SECOND) {
            return FOREVER;
        }
        long us = s * MICROS_PER_SECOND;
        long extra = d.getNano() / 1000;
        if (us > Long.MAX_VALUE - extra) {
            return FOREVER;
        }
        return ofMicros(us + extra);
    }

    /** Reads the 8-byte big-endian form; {@code 0xffffffffffffffff} is FOREVER. */
    public static RelativeTime fromNbo(byte[] nbo) {
        if (nbo == null || nbo.length != NBO_SIZE) {
            throw new IllegalArgumentException("relative time NBO must be " + NBO_SIZE + " bytes");
        }
        return new RelativeTime(ByteBuffer.wrap(nbo).getLong());
    }

    /**
     * Reads the database form: INT8 microseconds with {@code Long.MAX_VALUE} for FOREVER
     * (GNUnet's PostgreSQL convention, database.md).
     */
    public static RelativeTime fromDbMicros(long micros) {
        return micros == Long.MAX_VALUE ? FOREVER : ofMicros(micros);
    }

    public boolean isForever() {
        return micros == FOREVER_MICROS;
    }

    public boolean isZero() {
        return micros == 0;
    }

    /**
     * The Java duration; FOREVER becomes {@link ChronoUnit#FOREVER}'s duration, which is longer
     * than any finite value.
     */
    public Duration toDuration() {
        if (isForever()) {
            return ChronoUnit.FOREVER.getDuration();
        }
        return Duration.of(micros, ChronoUnit.MICROS);
    }

    /** Sum; FOREVER stays FOREVER and overflow saturates to FOREVER. */
    public RelativeTime add(RelativeTime other) {
        if (isForever() || other.isForever()) {
            return FOREVER;
        }
        long sum = micros + other.micros;
        return sum < 0 ? FOREVER : ofMicros(sum);
    }

    /** Difference, saturating at ZERO; FOREVER minus anything finite stays FOREVER. */
    public RelativeTime subtract(RelativeTime other) {
        if (isForever()) {
            return other.isForever() ? ZERO : FOREVER;
        }
        if (other.isForever() || other.micros >= micros) {
            return ZERO;
        }
        return ofMicros(micros - other.micros);
    }

    /**
     * Product with a non-negative factor; saturates to FOREVER like
     * {@code GNUNET_TIME_relative_multiply}.
     */
    public RelativeTime multiply(long factor) {
        if (factor < 0) {
            throw new IllegalArgumentException("negative factor " + factor);
        }
        if (factor == 0) {
            return ZERO;
        }
        if (isForever()) {
            return FOREVER;
        }
        long hi = Math.multiplyHigh(micros, factor);
        long lo = micros * factor;
        return (hi != 0 || lo < 0) ? FOREVER : ofMicros(lo);
    }

    /** 8 bytes big-endian microseconds ({@code RelativeNBO}); FOREVER is all ones. */
    public byte[] toNbo() {
        return ByteBuffer.allocate(NBO_SIZE).putLong(micros).array();
    }

    /** The database form: INT8 microseconds, {@code Long.MAX_VALUE} for FOREVER. */
    public long toDbMicros() {
        return isForever() ? Long.MAX_VALUE : micros;
    }

    /** Unsigned order, so FOREVER is larger than every finite duration. */
    @Override
    public int compareTo(RelativeTime other) {
        return Long.compareUnsigned(micros, other.micros);
    }

    @Override
    public String toString() {
        return isForever() ? "forever" : micros + " us";
    }
}

package net.taler.common.time;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;

/**
 * A point in time in microseconds since the Unix epoch with GNUnet's semantics
 * ({@code GNUNET_TIME_Absolute}), including the special value {@link #NEVER} ("end of time")
 * that every addition saturates to. Protocol timestamps are whole seconds
 * ({@code {"t_s": n}} in JSON, {@code t_s * 10^6} in signed data), hence
 * {@link #roundedToSeconds()} and the seconds accessors.
 *
 * <p>{@code micros} is the GNUnet bit pattern: a non-negative count, or {@code -1} (all 64 bits
 * set, i.e. {@code UINT64_MAX}) for {@link #NEVER}, so {@link #toNbo()} is a plain big-endian
 * copy. Ordering treats it as unsigned, so NEVER is later than every other time.
 *
 * @param micros microseconds since the epoch, or -1 for {@link #NEVER}
 */
public record Timestamp(long micros) implements Comparable<Timestamp> {

    /** The bit pattern of NEVER ({@code UINT64_MAX}). */
    public static final long NEVER_MICROS = -1L;
    /** The end of time; JSON {@code {"t_s":"never"}}, wire form {@code 0xffffffffffffffff}. */
    public static final Timestamp NEVER = new Timestamp(NEVER_MICROS);
    /** The Unix epoch. */
    public static final Timestamp EPOCH = new Timestamp(0);
    /** Size of the network-byte-order form. */
    public static final int NBO_SIZE = 8;

    private static final long MICROS_PER_SECOND = 1_000_000L;

    /** Rejects negative values other than the NEVER pattern. */
    public Timestamp {
        if (micros < 0 && micros != NEVER_MICROS) {
            throw new IllegalArgumentException("timestamp out of range: " + Long.toUnsignedString(micros) + " us");
        }
    }

    /**
     * A finite time in microseconds since the epoch.
     *
     * @throws IllegalArgumentException if negative (use {@link #NEVER} for the end of time)
     */
    public static Timestamp ofMicros(long micros) {
        if (micros < 0) {
            throw new IllegalArgumentException("negative timestamp: " + micros + " us");
        }
        return new Timestamp(micros);
    }

    /**
     * Whole seconds since the epoch (the {@code t_s} of JSON). Like the C JSON parser, a value
     * whose microsecond count does not fit is an error rather than NEVER.
     *
     * @throws IllegalArgumentException if negative or too large
     */
    public static Timestamp ofSeconds(long seconds) {
        if (seconds < 0 || seconds > Long.MAX_VALUE / MICROS_PER_SECOND) {
            throw new IllegalArgumentException("timestamp out of range: " + seconds + " s");
        }
        return new Timestamp(seconds * MICROS_PER_SECOND);
    }

    /**
     * Converts an instant, truncating below one microsecond; instants beyond the 64-bit range
     * saturate to NEVER.
     *
     * @throws IllegalArgumentException for instants before the epoch
     */
    public static Timestamp fromInstant(Instant instant) {
        long s = instant.getEpochSecond();
        if (s < 0) {
            throw new IllegalArgumentException("instant before the epoch: " + instant);
        }
        if (s > Long.MAX_VALUE / MICROS_PER_SECOND) {
            return NEVER;
        }
        long us = s * MICROS_PER_SECOND;
        long extra = instant.getNano() / 1000;
        if (us > Long.MAX_VALUE - extra) {
            return NEVER;
        }
        return new Timestamp(us + extra);
    }

    /** The current time of the given clock (pass the process clock to honour time travel). */
    public static Timestamp now(Clock clock) {
        return fromInstant(clock.instant());
    }

    /** Reads the 8-byte big-endian form; {@code 0xffffffffffffffff} is NEVER. */
    public static Timestamp fromNbo(byte[] nbo) {
        if (nbo == null || nbo.length != NBO_SIZE) {
            throw new IllegalArgumentException("timestamp NBO must be " + NBO_SIZE + " bytes");
        }
        return new Timestamp(ByteBuffer.wrap(nbo).getLong());
    }

    /**
     * Reads the database form: INT8 microseconds with {@code Long.MAX_VALUE} for NEVER
     * (GNUnet's PostgreSQL convention, database.md).
     */
    public static Timestamp fromDbMicros(long micros) {
        return micros == Long.MAX_VALUE ? NEVER : ofMicros(micros);
    }

    public boolean isNever() {
        return micros == NEVER_MICROS;
    }

    /** Rounded down to whole seconds, as the C side does before signing; NEVER stays NEVER. */
    public Timestamp roundedToSeconds() {
        if (isNever()) {
            return this;
        }
        long r = micros - micros % MICROS_PER_SECOND;
        return r == micros ? this : new Timestamp(r);
    }

    /**
     * Whole seconds since the epoch (rounded down).
     *
     * @throws IllegalStateException for NEVER, which has no number
     */
    public long seconds() {
        if (isNever()) {
            throw new IllegalStateException("NEVER has no seconds value");
        }
        return micros / MICROS_PER_SECOND;
    }

    /**
     * Whole seconds since the epoch (rounded down), or -1 for NEVER; a JSON writer emits
     * {@code "never"} for -1 and the number otherwise.
     */
    public long toSecondsOrNever() {
        return isNever() ? -1L : micros / MICROS_PER_SECOND;
    }

    /** Inverse of {@link #toSecondsOrNever()}: -1 is NEVER, other values as {@link #ofSeconds}. */
    public static Timestamp ofSecondsOrNever(long seconds) {
        return seconds == -1L ? NEVER : ofSeconds(seconds);
    }

    /** The Java instant; NEVER becomes {@link Instant#MAX}. */
    public Instant toInstant() {
        if (isNever()) {
            return Instant.MAX;
        }
        return Instant.ofEpochSecond(micros / MICROS_PER_SECOND, (micros % MICROS_PER_SECOND) * 1000);
    }

    /** Later time; NEVER or FOREVER give NEVER, and overflow saturates to NEVER. */
    public Timestamp plus(RelativeTime d) {
        if (isNever() || d.isForever()) {
            return NEVER;
        }
        long sum = micros + d.micros();
        return sum < 0 ? NEVER : new Timestamp(sum);
    }

    /** Earlier time, saturating at the epoch; NEVER stays NEVER. */
    public Timestamp minus(RelativeTime d) {
        if (isNever()) {
            return this;
        }
        if (d.isForever() || d.micros() >= micros) {
            return EPOCH;
        }
        return new Timestamp(micros - d.micros());
    }

    /**
     * Time from this to {@code later}, ZERO if {@code later} is not after this; FOREVER if
     * {@code later} is NEVER and this is not.
     */
    public RelativeTime until(Timestamp later) {
        if (later.isNever()) {
            return isNever() ? RelativeTime.ZERO : RelativeTime.FOREVER;
        }
        if (isNever() || later.micros <= micros) {
            return RelativeTime.ZERO;
        }
        return RelativeTime.ofMicros(later.micros - micros);
    }

    public boolean isBefore(Timestamp other) {
        return compareTo(other) < 0;
    }

    public boolean isAfter(Timestamp other) {
        return compareTo(other) > 0;
    }

    /** 8 bytes big-endian microseconds ({@code TimestampNBO}); NEVER is all ones. */
    public byte[] toNbo() {
        return ByteBuffer.allocate(NBO_SIZE).putLong(micros).array();
    }

    /** The database form: INT8 microseconds, {@code Long.MAX_VALUE} for NEVER. */
    public long toDbMicros() {
        return isNever() ? Long.MAX_VALUE : micros;
    }

    /** Unsigned order, so NEVER is after every finite time. */
    @Override
    public int compareTo(Timestamp other) {
        return Long.compareUnsigned(micros, other.micros);
    }

    @Override
    public String toString() {
        return isNever() ? "never" : toInstant().toString();
    }
}

package net.taler.common.cli;

import java.time.Clock;
import java.time.Duration;

import net.taler.common.config.ValueParsers;
import net.taler.common.time.RelativeTime;

/**
 * Builds the process clock from {@code -T/--timetravel}. Every component takes its notion of
 * "now" from the {@link Clock} a program hands it, never from {@code System.currentTimeMillis()},
 * so a shifted clock shifts the whole process.
 */
public final class TimeTravel {
    private TimeTravel() {
    }

    /** Parses {@code [+|-]OFFSET} (a bare number is microseconds; units are accepted). */
    public static Duration parseOffset(String spec) {
        String s = spec.strip();
        boolean negative = false;
        if (s.startsWith("+") || s.startsWith("-")) {
            negative = s.charAt(0) == '-';
            s = s.substring(1);
        }
        RelativeTime r = ValueParsers.relativeTime(s);
        if (r.isForever()) {
            throw new IllegalArgumentException("time travel offset must be finite");
        }
        Duration d = r.toDuration();
        return negative ? d.negated() : d;
    }

    /** The system UTC clock shifted by the offset ({@code null} or empty means none). */
    public static Clock clock(String spec) {
        if (spec == null || spec.isEmpty()) {
            return Clock.systemUTC();
        }
        return Clock.offset(Clock.systemUTC(), parseOffset(spec));
    }
}

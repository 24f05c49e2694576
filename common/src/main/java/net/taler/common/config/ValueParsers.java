package net.taler.common.config;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Parsers for configuration value formats (operations.md 1.5). Each throws
 * {@link IllegalArgumentException} with a short reason; {@link TalerConfig} adds the
 * section, option and file:line.
 */
public final class ValueParsers {
    private static final long US = 1L;
    private static final long MS = 1_000L;
    private static final long S = 1_000_000L;
    private static final long MIN = 60 * S;
    private static final long H = 60 * MIN;
    private static final long D = 24 * H;

    /** Units of relative times, case-insensitive; a bare number is microseconds. */
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("us", US), Map.entry("ms", MS),
            Map.entry("s", S), Map.entry("second", S), Map.entry("seconds", S), Map.entry("\"", S),
            Map.entry("m", MIN), Map.entry("min", MIN), Map.entry("minute", MIN),
            Map.entry("minutes", MIN), Map.entry("'", MIN),
            Map.entry("h", H), Map.entry("hour", H), Map.entry("hours", H),
            Map.entry("d", D), Map.entry("day", D), Map.entry("days", D),
            Map.entry("week", 7 * D), Map.entry("weeks", 7 * D),
            Map.entry("year", 365 * D), Map.entry("years", 365 * D), Map.entry("a", 365 * D));

    private ValueParsers() {
    }

    /** Unsigned decimal, nothing else. */
    public static long number(String v) {
        if (v.isEmpty() || !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("not an unsigned decimal number");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("number too large");
        }
    }

    public static boolean yesNo(String v) {
        if (v.equalsIgnoreCase("yes")) {
            return true;
        }
        if (v.equalsIgnoreCase("no")) {
            return false;
        }
        throw new IllegalArgumentException("expected YES or NO");
    }

    public static String choice(String v, String... choices) {
        for (String c : choices) {
            if (c.equalsIgnoreCase(v)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a valid choice");
    }

    /**
     * {@code forever} or a blank-separated sum of {@code NUMBER [UNIT]} terms, the unit
     * optionally glued to the number ({@code 5m}, {@code 1 year}, {@code 1 h 30 min}).
     */
    public static RelativeTime relativeTime(String v) {
        String s = v.strip();
        if (s.equalsIgnoreCase("forever")) {
            return RelativeTime.FOREVER;
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty relative time");
        }
        String[] tokens = s.split(" +");
        long total = 0;
        int i = 0;
        while (i < tokens.length) {
            String t = tokens[i++];
            int digits = 0;
            while (digits < t.length() && Character.isDigit(t.charAt(digits))) {
                digits++;
            }
            if (digits == 0) {
                throw new IllegalArgumentException("expected a number at '" + t + "'");
            }
            long n;
            try {
                n = Long.parseLong(t.substring(0, digits));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("number too large");
            }
            String unit = t.substring(digits);
            if (unit.isEmpty() && i < tokens.length && !Character.isDigit(tokens[i].charAt(0))) {
                unit = tokens[i++];
            }
            long factor = 1;
            if (!unit.isEmpty()) {
                Long f = UNITS.get(unit.toLowerCase(Locale.ROOT));
                if (f == null) {
                    throw new IllegalArgumentException("unknown time unit '" + unit + "'");
                }
                factor = f;
            }
            try {
                total = Math.addExact(total, Math.multiplyExact(n, factor));
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("relative time too large");
            }
        }
        return RelativeTime.ofMicros(total);
    }

    private static final DateTimeFormatter[] DATE_TIMES = {
        DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy", Locale.US),
        DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.US),
        DateTimeFormatter.ofPattern("EEE MMM  d HH:mm:ss yyyy", Locale.US),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.US),
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.US),
    };

    /**
     * {@code end of time} or one of the absolute formats of operations.md 1.5, read as local
     * time ({@code %x} is the C locale's {@code MM/DD/YY}).
     */
    public static Timestamp absoluteTime(String v) {
        return absoluteTime(v, ZoneId.systemDefault());
    }

    static Timestamp absoluteTime(String v, ZoneId zone) {
        String s = v.strip();
        if (s.equalsIgnoreCase("end of time")) {
            return Timestamp.NEVER;
        }
        for (DateTimeFormatter f : DATE_TIMES) {
            try {
                return Timestamp.fromInstant(LocalDateTime.parse(s, f).atZone(zone).toInstant());
            } catch (DateTimeParseException e) {
                // try the next format
            }
        }
        try {
            return Timestamp.fromInstant(LocalDate.parse(s, DateTimeFormatter.ofPattern("MM/dd/yy", Locale.US))
                    .atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return Timestamp.fromInstant(LocalDate.parse(s, DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.US))
                    .atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            // next
        }
        try {
            return Timestamp.fromInstant(YearMonth.parse(s, DateTimeFormatter.ofPattern("yyyy-MM", Locale.US))
                    .atDay(1).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            // next
        }
        if (s.length() == 4 && s.chars().allMatch(Character::isDigit)) {
            return Timestamp.fromInstant(LocalDate.of(Integer.parseInt(s), 1, 1).atStartOfDay(zone).toInstant());
        }
        throw new IllegalArgumentException("not a recognised absolute time");
    }
}

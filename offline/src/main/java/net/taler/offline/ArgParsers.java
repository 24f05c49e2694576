package net.taler.offline;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import net.taler.common.amount.Amount;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.ValueParsers;
import net.taler.common.payto.Payto;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Lenient parsers for subcommand arguments: each returns null for a missing or invalid value, so
 * a subcommand can check all its arguments at once and print a single usage message.
 */
final class ArgParsers {
    private ArgParsers() {
    }

    static ProgramException usage(String msg) {
        return new ProgramException(ExitCodes.INVALID_ARGUMENT, msg);
    }

    static String arg(List<String> rest, int idx) {
        return idx < rest.size() ? rest.get(idx) : null;
    }

    static <T> T base32(String text, Function<String, T> parser) {
        if (text == null) {
            return null;
        }
        try {
            return parser.apply(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Amount amount(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Amount.parse(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    static RelativeTime relativeTime(String text) {
        if (text == null) {
            return null;
        }
        try {
            return ValueParsers.relativeTime(text);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** A 32-bit unsigned decimal. */
    static Long unsigned(String text) {
        if (text == null || !text.matches("[0-9]{1,10}")) {
            return null;
        }
        long v = Long.parseLong(text);
        return v <= 0xFFFFFFFFL ? v : null;
    }

    /** Decimal year or {@code now} (current UTC year of the process clock). */
    static Integer year(String text, Clock clock) {
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase("now")) {
            return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).getYear();
        }
        try {
            int y = Integer.parseInt(text);
            return y >= 1970 && y < 9999 ? y : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** January 1st, 00:00 UTC of {@code year}. */
    static Timestamp yearStart(int year) {
        return Timestamp.ofSeconds(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    }

    /** Throws a usage error if {@code uri} is not a valid payto URI. */
    static void requireValidPayto(String uri) {
        Optional<String> problem;
        try {
            problem = Payto.validate(uri);
        } catch (RuntimeException e) {
            problem = Optional.of(String.valueOf(e.getMessage()));
        }
        if (problem.isPresent()) {
            throw usage("payto URI is malformed: " + problem.get());
        }
    }
}

package net.taler.common.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging for a program: GNUnet level names, one line per record, stderr or
 * the {@code -l} file. JUL needs no extra library and is what Netty falls back to.
 */
public final class Logging {
    private Logging() {
    }

    /** Maps a GNUnet level name (case-insensitive) to a JUL level. */
    public static Level parseLevel(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "ERROR" -> Level.SEVERE;
            case "WARNING" -> Level.WARNING;
            case "MESSAGE" -> Level.INFO;
            case "INFO" -> Level.FINE;
            case "DEBUG" -> Level.FINEST;
            default -> throw new IllegalArgumentException(
                    "invalid log level '" + name + "' (use ERROR, WARNING, MESSAGE, INFO or DEBUG)");
        };
    }

    static String levelName(Level l) {
        int v = l.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARNING";
        }
        if (v >= Level.INFO.intValue()) {
            return "MESSAGE";
        }
        if (v >= Level.FINE.intValue()) {
            return "INFO";
        }
        return "DEBUG";
    }

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final Logger OURS = Logger.getLogger("net.taler");

    /** Replaces the root handlers; {@code file} may be null for stderr. */
    public static void configure(String programName, Level level, Path file) throws IOException {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        // INFO (JUL FINE) is about our programs; libraries (JDK HttpClient, Hikari, Netty) would
        // flood the log at that level, so they get it only with DEBUG.
        boolean debug = level.intValue() <= Level.FINEST.intValue();
        root.setLevel(debug || level.intValue() >= Level.INFO.intValue() ? level : Level.INFO);
        OURS.setLevel(level);
        Handler h;
        if (file != null) {
            h = new FileHandler(file.toString(), true);
        } else {
            h = new ConsoleHandler();
        }
        h.setLevel(level);
        h.setFormatter(new LineFormatter(programName + "-" + ProcessHandle.current().pid()));
        root.addHandler(h);
    }

    private static final class LineFormatter extends Formatter {
        private static final DateTimeFormatter TS =
                DateTimeFormatter.ofPattern("MMM dd HH:mm:ss.SSS", Locale.US).withZone(ZoneId.systemDefault());
        private final String component;

        LineFormatter(String component) {
            this.component = component;
        }

        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder();
            sb.append(TS.format(Instant.ofEpochMilli(r.getMillis()))).append(' ')
                    .append(component).append(' ').append(levelName(r.getLevel())).append(' ')
                    .append(formatMessage(r)).append('\n');
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append(sw);
            }
            return sb.toString();
        }
    }
}

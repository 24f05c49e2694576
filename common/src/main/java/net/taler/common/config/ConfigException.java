package net.taler.common.config;

/**
 * A configuration problem that a program reports as one line and turns into an exit code.
 * Syntax errors name the file and line; look-up errors name the section and option.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of problem: decides the exit code the CLI layer uses. */
    public enum Kind {
        /** The file could not be read or parsed: the program cannot start at all (exit 1). */
        LOAD,
        /** A required option is absent (exit 6). */
        MISSING,
        /** An option is present but its value is unusable (exit 6). */
        INVALID
    }

    private final Kind kind;

    public ConfigException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ConfigException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    static ConfigException syntax(Source source, String what) {
        return new ConfigException(Kind.LOAD, source + ": " + what);
    }

    public static ConfigException missing(String section, String option) {
        return new ConfigException(Kind.MISSING,
                "configuration option [" + section + "] " + option + " is missing");
    }
}

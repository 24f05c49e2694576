package net.taler.common.cli;

/** LSB exit codes used by every program (operations.md 2). */
public final class ExitCodes {
    public static final int OK = 0;
    /** Generic failure, also a configuration file that cannot be loaded. */
    public static final int FAILURE = 1;
    /** Invalid arguments or option parsing failure. */
    public static final int INVALID_ARGUMENT = 2;
    public static final int NOT_IMPLEMENTED = 3;
    public static final int NO_PERMISSION = 4;
    /** A plugin or the database is missing. */
    public static final int NOT_INSTALLED = 5;
    /** A required option is missing or invalid. */
    public static final int NOT_CONFIGURED = 6;
    public static final int NOT_RUNNING = 7;
    /** Auditor helpers: amount arithmetic failed (auditor.md). */
    public static final int AUDITOR_ARITHMETIC = 42;
    /** {@code taler-config -b}: backend not supported. */
    public static final int BACKEND_UNSUPPORTED = 77;

    private ExitCodes() {
    }
}

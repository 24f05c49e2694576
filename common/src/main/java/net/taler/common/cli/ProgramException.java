package net.taler.common.cli;

/** A failure a program reports as one line with a specific exit code. */
public class ProgramException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public ProgramException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ProgramException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}

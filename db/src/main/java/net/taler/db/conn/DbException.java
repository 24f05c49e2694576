package net.taler.db.conn;

/** A database failure that is not a business outcome (unchecked, carries the SQLSTATE if any). */
public class DbException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public DbException(String message, String sqlState, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLSTATE of the underlying error, or null. */
    public String sqlState() {
        return sqlState;
    }

    /** Serialization failures still occurred after the bounded number of retries. */
    public static final class RetriesExhausted extends DbException {
        private static final long serialVersionUID = 1L;

        public RetriesExhausted(int attempts, String sqlState, Throwable cause) {
            super("transaction still conflicting after " + attempts + " attempts", sqlState, cause);
        }
    }
}

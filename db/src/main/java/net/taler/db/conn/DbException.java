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

    /**
     * The database could not be reached or went away mid-transaction (server down, restarting,
     * refusing connections, no pooled connection within the pool's timeout). Retrying later may
     * succeed; whether the interrupted transaction committed is unknown, so work retried after
     * this must be idempotent.
     */
    public static final class Unavailable extends DbException {
        private static final long serialVersionUID = 1L;

        public Unavailable(String message, String sqlState, Throwable cause) {
            super(message, sqlState, cause);
        }
    }
}

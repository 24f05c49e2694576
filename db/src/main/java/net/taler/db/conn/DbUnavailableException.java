package net.taler.db.conn;

/**
 * The database cannot be reached right now: no connection within the pool's acquire timeout, a
 * connection broke (SQLSTATE class 08), or the server is shutting down or not yet accepting
 * connections (57P01..57P03, 53300). Transient by nature: HTTP front ends answer 503 and the
 * pool reconnects by itself once the server is back.
 */
public final class DbUnavailableException extends DbException {
    private static final long serialVersionUID = 1L;

    public DbUnavailableException(String message, String sqlState, Throwable cause) {
        super(message, sqlState, cause);
    }
}

package net.taler.db.conn;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;

/**
 * Connection pool to the exchange database (HikariCP; every connection has
 * {@code search_path = exchange}) and the transaction runner: SERIALIZABLE by default,
 * serialization failures and deadlocks (SQLSTATE 40001, 40P01) retried with jittered backoff at
 * most {@link #maxRetries()} times. A transaction that fails because the server cannot be reached
 * ends with {@link DbException.Unavailable}; riding that out is the caller's business
 * ({@link OutageBackoff}).
 */
public final class ExchangeDb implements AutoCloseable {
    /** Default bound on serialization retries. */
    public static final int DEFAULT_MAX_RETRIES = 5;
    /** Default wait for a pooled connection (batch programs: they may wait for a restarting server). */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(10);
    /** HikariCP refuses shorter acquire timeouts. */
    public static final Duration MIN_ACQUIRE_TIMEOUT = Duration.ofMillis(250);
    /** Longest accepted acquire timeout. */
    public static final Duration MAX_ACQUIRE_TIMEOUT = Duration.ofMinutes(5);
    public static final String SCHEMA = "exchange";

    /** Work inside one transaction; may run several times (retries), so no side effects outside. */
    @FunctionalInterface
    public interface TxWork<T> {
        T run(Connection c) throws SQLException;
    }

    private final HikariDataSource ds;
    private final int maxRetries;
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

    private ExchangeDb(HikariDataSource ds, int maxRetries) {
        this.ds = ds;
        this.maxRetries = maxRetries;
    }

    /** Opens a pool of at most {@code poolSize} connections, waiting {@link #DEFAULT_ACQUIRE_TIMEOUT} for one. */
    public static ExchangeDb open(PgConnectionString.JdbcTarget target, int poolSize, int maxRetries) {
        return open(target, poolSize, maxRetries, DEFAULT_ACQUIRE_TIMEOUT);
    }

    /**
     * Opens a pool of at most {@code poolSize} connections. A caller that gets no connection
     * within {@code acquireTimeout} (all busy, or the server unreachable) gets a
     * {@link DbException.Unavailable}: a request handler must not wait long for a server that is down.
     */
    public static ExchangeDb open(PgConnectionString.JdbcTarget target, int poolSize, int maxRetries,
            Duration acquireTimeout) {
        if (acquireTimeout.compareTo(MIN_ACQUIRE_TIMEOUT) < 0 || acquireTimeout.compareTo(MAX_ACQUIRE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("connection acquire timeout out of range: " + acquireTimeout);
        }
        if (poolSize < 1 || poolSize > 200) {
            throw new IllegalArgumentException("pool size out of range: " + poolSize);
        }
        if (maxRetries < 0 || maxRetries > 100) {
            throw new IllegalArgumentException("retry bound out of range: " + maxRetries);
        }
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(target.url());
        hc.setDataSourceProperties(target.properties());
        hc.setMaximumPoolSize(poolSize);
        hc.setMinimumIdle(0);
        hc.setConnectionInitSql("SET search_path TO " + SCHEMA);
        hc.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        hc.setAutoCommit(true);
        hc.setConnectionTimeout(acquireTimeout.toMillis());
        hc.setInitializationFailTimeout(-1);
        hc.setPoolName("taler-exchangedb");
        return new ExchangeDb(new HikariDataSource(hc), maxRetries);
    }

    /** Opens a pool with {@link #DEFAULT_MAX_RETRIES}. */
    public static ExchangeDb open(PgConnectionString.JdbcTarget target, int poolSize) {
        return open(target, poolSize, DEFAULT_MAX_RETRIES);
    }

    /** Total number of transaction retries so far (monitoring, tests). */
    public long retryCount() {
        return retries.get();
    }

    public int maxRetries() {
        return maxRetries;
    }

    public DataSource dataSource() {
        return ds;
    }

    /** A pooled connection (auto-commit, SERIALIZABLE, search_path set); caller closes it. */
    public Connection connection() throws SQLException {
        return ds.getConnection();
    }

    /** Runs {@code work} in a SERIALIZABLE transaction, retrying serialization failures. */
    public <T> T inTransaction(TxWork<T> work) {
        return inTransaction(Connection.TRANSACTION_SERIALIZABLE, work);
    }

    /** Runs {@code work} in a transaction at the given JDBC isolation level, with retries. */
    public <T> T inTransaction(int isolation, TxWork<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt <= maxRetries; attempt++) {
            if (attempt > 0) {
                retries.incrementAndGet();
                backoff(attempt);
            }
            try (Connection c = ds.getConnection()) {
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    safeRollback(c);
                    throw e;
                } finally {
                    restoreDefaults(c, isolation);
                }
            } catch (SQLException e) {
                if (isUnavailable(e)) {
                    throw new DbException.Unavailable("database unavailable: " + e.getMessage(), e.getSQLState(), e);
                }
                if (!isRetryable(e)) {
                    throw new DbException(e.getMessage(), e.getSQLState(), e);
                }
                last = e;
            }
        }
        throw new DbException.RetriesExhausted(maxRetries + 1, last == null ? null : last.getSQLState(), last);
    }

    /**
     * Whether the error is a soft error: serialization failure, deadlock, or {@code TA001}, which
     * our procedures raise when a concurrent transaction took a row they had checked to be free
     * (a retry sees that row and answers properly).
     */
    public static boolean isRetryable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException se) {
                String st = se.getSQLState();
                if ("40001".equals(st) || "40P01".equals(st) || "TA001".equals(st)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the error means the server is unreachable rather than the statement wrong: no
     * pooled connection in time (HikariCP's {@link java.sql.SQLTransientConnectionException}),
     * connection exceptions (class 08), shutdown or start-up (57P01, 57P02, 57P03) and too many
     * connections (53300).
     */
    public static boolean isUnavailable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException se) {
                String st = se.getSQLState();
                if (st != null && (st.startsWith("08") || st.equals("57P01") || st.equals("57P02")
                        || st.equals("57P03") || st.equals("53300"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void backoff(int attempt) {
        long maxMicros = Math.min(50_000L, 500L << Math.min(attempt, 7));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(100, maxMicros) * 1000L);
    }

    /**
     * Puts auto-commit and SERIALIZABLE back before the connection returns to the pool. After a
     * connection error the pool has already swapped the connection for a closed stand-in whose
     * every call fails with a state-less "Connection is closed": that failure must not replace
     * the original error (class 08), which tells the caller the database is unavailable. HikariCP
     * resets both settings on return anyway and discards broken connections.
     */
    private static void restoreDefaults(Connection c, int isolation) {
        try {
            if (c.isClosed()) {
                return;
            }
            c.setAutoCommit(true);
            if (isolation != Connection.TRANSACTION_SERIALIZABLE) {
                c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
            }
        } catch (SQLException ignored) {
            // broken meanwhile: the pool discards it
        }
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // connection broken; the pool will discard it
        }
    }

    @Override
    public void close() {
        ds.close();
    }
}

package net.taler.testsupport.pg;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A throwaway PostgreSQL cluster of one test, separate from {@link PgServer#shared()}, that
 * the test may crash and restart (database-outage and crash tests). It needs the local server
 * binaries (as the shared throwaway cluster; {@value PgServer#DSN_ENV} does not apply), listens
 * on its own free port and keeps it across restarts, so clients reconnect to the same address.
 * Unlike the shared cluster it commits synchronously ({@code synchronous_commit = on}), so a
 * commit it acknowledged survives {@link #kill()}. {@link #close()} stops it and deletes its
 * directory (a JVM exit does too).
 */
public final class PrivatePgCluster implements AutoCloseable {
  private final LocalPgCluster cluster;

  private PrivatePgCluster(LocalPgCluster cluster) {
    this.cluster = cluster;
  }

  /**
   * Creates and starts a new cluster.
   *
   * @throws PgFixtureException if it cannot be started (e.g. no server binaries)
   */
  public static PrivatePgCluster create() {
    LocalPgCluster c = LocalPgCluster.start();
    try {
      // The shared cluster commits asynchronously (fast, and nothing crashes it). A crashed
      // server would then lose commits it had already acknowledged, which a crash test must
      // not mistake for a bug of the client: commits here wait for the WAL write. (fsync may
      // stay off: a killed server's writes are in the OS page cache, only a machine crash
      // loses them.)
      try (Connection conn = c.openAdmin();
          Statement st = conn.createStatement()) {
        st.execute("ALTER SYSTEM SET synchronous_commit = on");
        st.execute("SELECT pg_reload_conf()");
      }
      // the reload is asynchronous: new connections see it shortly
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!"on".equals(show(c, "synchronous_commit"))) {
        if (System.nanoTime() > deadline) {
          throw new PgFixtureException("synchronous_commit did not become 'on' in " + c.describe());
        }
        try {
          Thread.sleep(50);
        } catch (InterruptedException ie) {
          Thread.currentThread().interrupt();
          throw new PgFixtureException("interrupted while configuring " + c.describe());
        }
      }
    } catch (SQLException | RuntimeException e) {
      c.stop();
      throw e instanceof PgFixtureException p ? p
          : new PgFixtureException("cannot make commits durable in " + c.describe() + ": " + e, e);
    }
    return new PrivatePgCluster(c);
  }

  /** The server, e.g. to {@link PgServer#createDatabase(String) create databases} in. */
  public PgServer server() {
    return cluster;
  }

  private static String show(LocalPgCluster c, String setting) throws SQLException {
    try (Connection conn = c.openAdmin();
        Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SHOW " + setting)) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** A fresh database in this cluster; the caller closes (drops) it while the server runs. */
  public PgDatabase createDatabase(String hint) {
    return cluster.createDatabase(hint);
  }

  /**
   * Crashes the server: SIGKILL to the postmaster and all its processes at once, so clients
   * see their connections break mid-statement and new connections refused. Returns once every
   * server process is gone. No-op if it is not running.
   */
  public void kill() {
    cluster.killServer();
  }

  /**
   * Starts the server again on the same port (with crash recovery after {@link #kill()}) and
   * returns once it accepts connections.
   */
  public void restart() {
    cluster.restartServer();
  }

  /** Whether the postmaster is running. */
  public boolean isRunning() {
    return cluster.postmasterPid() > 0;
  }

  /** The postmaster's process id, or -1 if it is not running. */
  public long postmasterPid() {
    return cluster.postmasterPid();
  }

  public String describe() {
    return cluster.describe();
  }

  /** Stops the server (if running) and deletes its directory. */
  @Override
  public void close() {
    cluster.stop();
  }

  @Override
  public String toString() {
    return describe();
  }
}

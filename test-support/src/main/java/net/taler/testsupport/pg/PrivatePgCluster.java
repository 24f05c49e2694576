package net.taler.testsupport.pg;

/**
 * A throwaway PostgreSQL cluster of one test, separate from {@link PgServer#shared()}, that
 * the test may crash and restart (database-outage and crash tests). It needs the local server
 * binaries (as the shared throwaway cluster; {@value PgServer#DSN_ENV} does not apply), listens
 * on its own free port and keeps it across restarts, so clients reconnect to the same address.
 * {@link #close()} stops it and deletes its directory (a JVM exit does too).
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
    return new PrivatePgCluster(LocalPgCluster.start());
  }

  /** The server, e.g. to {@link PgServer#createDatabase(String) create databases} in. */
  public PgServer server() {
    return cluster;
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

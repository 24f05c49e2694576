package net.taler.testsupport.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server that test databases are created in: one per test JVM, obtained with
 * {@link #shared()} and started lazily on first use.
 *
 * <ul>
 *   <li>If the environment variable {@value #DSN_ENV} is set (libpq URI such as {@code
 *       postgresql://user:pw@host:5432/postgres}, libpq {@code key=value} string, or {@code
 *       jdbc:postgresql://...} URL), that server is used; its role needs {@code CREATEDB}. This is
 *       the way to run the tests against an external server (e.g. a container started by CI):
 *       the fixture itself never starts Docker/Testcontainers.
 *   <li>Otherwise a throwaway cluster is created from the local PostgreSQL server binaries
 *       ({@value #BINDIR_ENV}, else {@code pg_config --bindir}, else the highest {@code
 *       /usr/lib/postgresql/N/bin}, else {@code initdb} on the PATH) in a fresh directory under
 *       {@code /tmp}: superuser {@value #SUPERUSER} with {@code trust} authentication, UTF8, locale
 *       C, fsync/full_page_writes/synchronous_commit off, {@code max_connections=200}, listening on
 *       {@code 127.0.0.1} on a free port and on a private unix socket directory. When the JVM
 *       runs as root (which PostgreSQL refuses), the server runs as the {@code postgres} system
 *       user if it exists, else {@code nobody} (via {@code runuser}, else {@code setpriv}). It is
 *       stopped ({@code pg_ctl stop -m immediate}) and its directory deleted at JVM exit; a small
 *       watchdog process does the same if the JVM is killed.
 * </ul>
 *
 * <p>If the server cannot be started the first call throws a {@link PgFixtureException} with the
 * reason (and server log tail); later calls rethrow it without trying again.
 */
public abstract class PgServer {
  /** Environment variable naming an external server to use instead of a throwaway cluster. */
  public static final String DSN_ENV = "TALER_TEST_PG_DSN";

  /** Environment variable naming the directory of initdb/pg_ctl/postgres (optional). */
  public static final String BINDIR_ENV = "TALER_TEST_PG_BINDIR";

  /** Superuser of the throwaway cluster. */
  public static final String SUPERUSER = "taler";

  private static final Object LOCK = new Object();
  private static PgServer shared;
  private static PgFixtureException failure;

  private static final AtomicInteger DB_COUNTER = new AtomicInteger();

  PgServer() {}

  /**
   * The server of this JVM, started (or connected to) on the first call. Thread-safe.
   *
   * @throws PgFixtureException if no server can be provided
   */
  public static PgServer shared() {
    synchronized (LOCK) {
      if (shared != null) {
        return shared;
      }
      if (failure != null) {
        throw new PgFixtureException(failure.getMessage(), failure);
      }
      try {
        String dsn = System.getenv(DSN_ENV);
        if (dsn != null && !dsn.isBlank()) {
          shared = ExternalPgServer.connect(ConnInfo.parse(dsn));
        } else {
          shared = LocalPgCluster.start();
        }
        return shared;
      } catch (PgFixtureException e) {
        failure = e;
        throw e;
      } catch (RuntimeException | Error e) {
        failure = new PgFixtureException("cannot provide a PostgreSQL test server: " + e, e);
        throw failure;
      }
    }
  }

  /** How to connect over TCP ({@code null} if not possible). Database: the maintenance db. */
  abstract ConnInfo tcpInfo();

  /** How to connect over the unix socket ({@code null} if unknown). */
  abstract ConnInfo socketInfo();

  /** Whether this is a server named by {@value #DSN_ENV} (rather than a throwaway cluster). */
  public abstract boolean isExternal();

  /** Directory of the server binaries (only known for the throwaway cluster). */
  public abstract Optional<Path> binDir();

  /** Human-readable description (no password). */
  public abstract String describe();

  @Override
  public String toString() {
    return describe();
  }

  /**
   * Creates a fresh, empty database ({@code TEMPLATE template0}, UTF8, collation C) with a unique
   * name derived from {@code hint} (e.g. the test class name). The caller closes it (drops it).
   */
  public PgDatabase createDatabase(String hint) {
    return createDatabase(hint, "template0");
  }

  /**
   * Creates a database with a unique name derived from {@code hint} as a copy of {@code
   * template}, a database of this server created with {@link #createDatabase(String)}. Copying
   * a prepared schema is much faster than running its migrations again. Nobody may be connected
   * to {@code template} meanwhile (PostgreSQL refuses the copy after waiting a few seconds). The
   * caller closes the copy (drops it).
   */
  public PgDatabase cloneDatabase(String hint, PgDatabase template) {
    if (template.server() != this) {
      throw new IllegalArgumentException(template + " is not a database of " + describe());
    }
    return createDatabase(hint, template.name());
  }

  private PgDatabase createDatabase(String hint, String template) {
    String name = uniqueName(hint);
    try (Connection c = openAdmin();
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE DATABASE "
              + quoteIdent(name)
              + " TEMPLATE "
              + quoteIdent(template)
              + " ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
    } catch (SQLException e) {
      throw new PgFixtureException(
          "CREATE DATABASE " + name + " failed on " + describe() + ": " + e.getMessage(), e);
    }
    return new PgDatabase(this, name, tcpInfo(), socketInfo());
  }

  /** Drops {@code name}, terminating its connections first. */
  void dropDatabase(String name) {
    try (Connection c = openAdmin()) {
      if (c.getMetaData().getDatabaseMajorVersion() >= 13) {
        try (Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + quoteIdent(name) + " WITH (FORCE)");
        }
      } else {
        try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    + " WHERE datname = ? AND pid <> pg_backend_pid()")) {
          ps.setString(1, name);
          ps.executeQuery().close();
        }
        try (Statement st = c.createStatement()) {
          st.execute("DROP DATABASE IF EXISTS " + quoteIdent(name));
        }
      }
    } catch (SQLException e) {
      throw new PgFixtureException(
          "DROP DATABASE " + name + " failed on " + describe() + ": " + e.getMessage(), e);
    }
  }

  /** An administrative connection to the maintenance database. */
  Connection openAdmin() throws SQLException {
    ConnInfo info = tcpInfo() != null ? tcpInfo() : socketInfo();
    Properties p = new Properties();
    p.setProperty("user", info.user());
    if (info.password() != null) {
      p.setProperty("password", info.password());
    }
    p.setProperty("connectTimeout", "10");
    p.setProperty("loginTimeout", "20");
    p.setProperty("ApplicationName", "taler-test-support");
    return DriverManager.getConnection(info.jdbcUrl(), p);
  }

  static String uniqueName(String hint) {
    String h = hint == null ? "" : hint.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    h = h.replaceAll("^_+|_+$", "");
    if (h.length() > 24) {
      h = h.substring(0, 24);
    }
    if (h.isEmpty()) {
      h = "db";
    }
    return String.format(
        Locale.ROOT,
        "t_%s_%d_%d_%04x",
        h,
        ProcessHandle.current().pid(),
        DB_COUNTER.incrementAndGet(),
        ThreadLocalRandom.current().nextInt(0x10000));
  }

  static String quoteIdent(String ident) {
    return "\"" + ident.replace("\"", "\"\"") + "\"";
  }
}

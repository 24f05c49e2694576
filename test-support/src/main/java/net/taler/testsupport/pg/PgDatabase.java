package net.taler.testsupport.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One fresh, empty PostgreSQL database (UTF8, C collation) for tests, created by {@link PgServer}
 * and dropped by {@link #close()}.
 *
 * <p>Tests normally get one per test class from {@link PgExtension}:
 *
 * <pre>{@code
 * @ExtendWith(PgExtension.class)
 * class FooDbTest {
 *   @Test void roundTrip(PgDatabase db) throws Exception {
 *     try (Connection c = db.open()) { c.createStatement().execute("CREATE TABLE t (x INT)"); }
 *   }
 * }
 * }</pre>
 *
 * <p>A test that needs a second database (e.g. auditor plus exchange) creates it itself with
 * {@code PgServer.shared().createDatabase("auditor")} and closes it when done.
 *
 * <p>Connection parameters: the role is a superuser without password (throwaway cluster, {@code
 * trust} authentication) or whatever {@code TALER_TEST_PG_DSN} says. Use {@link #jdbcUrl()} with
 * {@link #user()}/{@link #password()} for JDBC, {@link #uri()} / {@link #socketUri()} for the
 * libpq-style connection strings our programs read from their configuration.
 */
public final class PgDatabase implements AutoCloseable {
  private final PgServer server;
  private final String name;
  private final ConnInfo tcp; // may be null (external server reached through a socket only)
  private final ConnInfo socket; // may be null (external server reached through TCP only)
  private final AtomicBoolean closed = new AtomicBoolean();

  PgDatabase(PgServer server, String name, ConnInfo tcp, ConnInfo socket) {
    if (tcp == null && socket == null) {
      throw new IllegalArgumentException("no way to connect");
    }
    this.server = server;
    this.name = name;
    this.tcp = tcp == null ? null : tcp.withDbname(name);
    this.socket = socket == null ? null : socket.withDbname(name);
  }

  private ConnInfo any() {
    return tcp != null ? tcp : socket;
  }

  /** The database name, e.g. {@code t_foodbtest_4711_1_3fa2c1}. */
  public String name() {
    return name;
  }

  /** The role to log in as (for the throwaway cluster: {@code taler}, a superuser). */
  public String user() {
    return any().user();
  }

  /** The password, or {@code null} if none is needed. */
  public String password() {
    return any().password();
  }

  /** The server port (TCP port, and the number in the socket file name {@code .s.PGSQL.PORT}). */
  public int port() {
    return any().port();
  }

  /** The TCP host (the throwaway cluster listens on {@code 127.0.0.1}), or {@code null}. */
  public String host() {
    return tcp == null ? null : tcp.host();
  }

  /** Whether the server is reachable through a known unix socket directory. */
  public boolean hasSocket() {
    return socket != null;
  }

  /**
   * The directory holding the server's unix socket {@code .s.PGSQL.<port>} (always set for the
   * throwaway cluster; {@code null} for an external TCP-only {@code TALER_TEST_PG_DSN}).
   */
  public Path socketDir() {
    return socket == null ? null : socket.socketDir();
  }

  /** JDBC URL without credentials, e.g. {@code jdbc:postgresql://127.0.0.1:45123/NAME}. */
  public String jdbcUrl() {
    return any().jdbcUrl();
  }

  /**
   * libpq-style URI, TCP when possible: {@code postgresql://taler@127.0.0.1:45123/NAME} (for an
   * external socket-only server, the same as {@link #socketUri()}).
   */
  public String uri() {
    return tcp != null ? tcp.tcpUri() : socket.socketUri();
  }

  /**
   * libpq-style URI over the unix socket: {@code
   * postgresql:///NAME?host=/tmp/taler-pg-X/sock&port=45123&user=taler}, or {@code null} if
   * {@link #hasSocket()} is false.
   */
  public String socketUri() {
    return socket == null ? null : socket.socketUri();
  }

  /** JDBC connection properties: {@code user} and (if any) {@code password}. */
  public Properties jdbcProperties() {
    Properties p = new Properties();
    p.setProperty("user", user());
    if (password() != null) {
      p.setProperty("password", password());
    }
    return p;
  }

  /** Opens a new JDBC connection (auto-commit on); the caller closes it. */
  public Connection open() throws SQLException {
    if (closed.get()) {
      throw new IllegalStateException("test database " + name + " was already dropped");
    }
    return DriverManager.getConnection(jdbcUrl(), jdbcProperties());
  }

  /** A {@link DataSource} for this database (no pooling: every call opens a new connection). */
  public DataSource dataSource() {
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(jdbcUrl());
    ds.setUser(user());
    if (password() != null) {
      ds.setPassword(password());
    }
    return ds;
  }

  /** The server this database lives in. */
  public PgServer server() {
    return server;
  }

  /**
   * Drops the database (terminating connections still open to it). Idempotent. {@link
   * PgExtension} calls this after the test class.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      server.dropDatabase(name);
    }
  }

  @Override
  public String toString() {
    return "PgDatabase[" + any() + "]"; // no password
  }
}

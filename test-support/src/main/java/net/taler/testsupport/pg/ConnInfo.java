package net.taler.testsupport.pg;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.taler.common.config.LibpqConnInfo;

/**
 * Where a PostgreSQL server is and how to log in: the parsed form of {@code TALER_TEST_PG_DSN}.
 *
 * <p>Accepted forms (one host only; libpq forms are parsed by {@link LibpqConnInfo}):
 *
 * <ul>
 *   <li>libpq URIs: {@code postgresql://user:pw@host:5432/db?sslmode=disable}, {@code
 *       postgres:///db?host=/var/run/postgresql}, {@code postgresql://%2Ftmp:5433/db};
 *   <li>libpq key/value strings: {@code host=127.0.0.1 port=5432 user=taler dbname=postgres};
 *   <li>JDBC URLs: {@code jdbc:postgresql://host:5432/db?user=u&password=p}.
 * </ul>
 *
 * <p>Missing parts default like libpq: {@code PGHOST}, {@code PGPORT}, {@code PGUSER}, {@code
 * PGPASSWORD}, {@code PGDATABASE}, else the local socket directory ({@code localhost} for JDBC
 * URLs), 5432, the OS user name, no password, and database {@code postgres} (the database is only
 * used for the administrative connection that creates and drops the per-class test databases).
 *
 * @param host TCP host name or address ({@code null} when {@link #socketDir} is set)
 * @param socketDir directory of the server's unix socket ({@code null} when {@link #host} is set)
 * @param port server port (also names the socket file {@code .s.PGSQL.<port>})
 * @param user role to log in as
 * @param password password, {@code null} for none
 * @param dbname database to connect to
 * @param sslmode libpq/pgjdbc {@code sslmode}, or {@code null}
 */
record ConnInfo(
    String host, Path socketDir, int port, String user, String password, String dbname, String sslmode) {

  /** pgjdbc socket factory of junixsocket; used for unix sockets when it is on the class path. */
  static final String JUNIXSOCKET_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

  private static final String JDBC_PREFIX = "jdbc:postgresql:";

  ConnInfo {
    if ((host == null) == (socketDir == null)) {
      throw new IllegalArgumentException("exactly one of host and socketDir must be set");
    }
  }

  ConnInfo withDbname(String db) {
    return new ConnInfo(host, socketDir, port, user, password, db, sslmode);
  }

  boolean isSocket() {
    return socketDir != null;
  }

  /** The JDBC URL (without credentials) of {@link #dbname}. */
  String jdbcUrl() {
    if (isSocket()) {
      if (!junixsocketAvailable()) {
        throw new PgFixtureException(
            "the PostgreSQL server is only reachable through the unix socket in "
                + socketDir
                + ", but JDBC needs TCP (or junixsocket on the test class path): point "
                + PgServer.DSN_ENV
                + " at a TCP address, e.g. postgresql://"
                + user
                + "@127.0.0.1:"
                + port
                + "/postgres");
      }
      return "jdbc:postgresql://localhost:"
          + port
          + "/"
          + encode(dbname, false)
          + "?sslmode=disable&socketFactory="
          + JUNIXSOCKET_FACTORY
          + "&socketFactoryArg="
          + encode(socketDir.resolve(".s.PGSQL." + port).toString(), true);
    }
    String url = "jdbc:postgresql://" + bracket(host) + ":" + port + "/" + encode(dbname, false);
    return sslmode == null ? url : url + "?sslmode=" + encode(sslmode, false);
  }

  /** libpq URI over TCP, e.g. {@code postgresql://taler@127.0.0.1:5432/db}; needs {@link #host}. */
  String tcpUri() {
    StringBuilder sb = new StringBuilder("postgresql://").append(encode(user, false));
    if (password != null) {
      sb.append(':').append(encode(password, false));
    }
    sb.append('@').append(bracket(host)).append(':').append(port).append('/');
    sb.append(encode(dbname, false));
    if (sslmode != null) {
      sb.append("?sslmode=").append(encode(sslmode, false));
    }
    return sb.toString();
  }

  /**
   * libpq URI over the unix socket, e.g. {@code
   * postgresql:///db?host=/tmp/taler-pg-1/sock&port=45123&user=taler}; needs {@link #socketDir}.
   */
  String socketUri() {
    StringBuilder sb = new StringBuilder("postgresql:///").append(encode(dbname, false));
    sb.append("?host=").append(encode(socketDir.toString(), true));
    sb.append("&port=").append(port);
    sb.append("&user=").append(encode(user, false));
    if (password != null) {
      sb.append("&password=").append(encode(password, false));
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    // Never print the password.
    return (isSocket() ? "socket " + socketDir : "host " + host)
        + " port "
        + port
        + " user "
        + user
        + " db "
        + dbname;
  }

  static boolean junixsocketAvailable() {
    try {
      Class.forName(JUNIXSOCKET_FACTORY, false, ConnInfo.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Parsing

  /** Parses {@code dsn} taking defaults from the process environment. */
  static ConnInfo parse(String dsn) {
    return parse(dsn, System::getenv);
  }

  /** Parses {@code dsn}; {@code env} supplies PGHOST etc. (for tests). */
  static ConnInfo parse(String dsn, UnaryOperator<String> env) {
    String s = dsn.strip();
    Map<String, String> kv;
    boolean jdbc = s.toLowerCase(Locale.ROOT).startsWith(JDBC_PREFIX);
    try {
      if (jdbc) {
        kv = LibpqConnInfo.parse(jdbcToLibpqUri(s.substring(JDBC_PREFIX.length()))).params();
      } else if (LibpqConnInfo.isUri(s) || s.contains("=")) {
        kv = LibpqConnInfo.parse(s).params();
      } else {
        throw new IllegalArgumentException(
            "expected postgresql://..., postgres://..., jdbc:postgresql://... or key=value pairs");
      }
    } catch (IllegalArgumentException e) {
      throw new PgFixtureException(
          "cannot parse " + PgServer.DSN_ENV + " '" + redact(s) + "': " + e.getMessage(), e);
    }
    return resolve(kv, jdbc, env, s);
  }

  /**
   * Rewrites what follows "jdbc:postgresql:" ({@code //host:port/db?params}, {@code db} or {@code
   * /db}) as the equivalent libpq URI; only the host default differs (see {@link #resolve}).
   */
  private static String jdbcToLibpqUri(String rest) {
    if (rest.startsWith("//")) {
      return "postgresql:" + rest;
    }
    return "postgresql:///" + (rest.startsWith("/") ? rest.substring(1) : rest);
  }

  private static ConnInfo resolve(
      Map<String, String> kv, boolean jdbc, UnaryOperator<String> env, String dsn) {
    String host = firstNonEmpty(kv.get("host"), env.apply("PGHOST"));
    if (host != null && host.contains(",")) {
      throw new PgFixtureException(
          PgServer.DSN_ENV + " '" + redact(dsn) + "': only one host is supported");
    }
    Path socketDir = null;
    if (host == null) {
      if (jdbc) {
        host = "localhost";
      } else {
        socketDir =
            Files.isDirectory(Path.of("/var/run/postgresql"))
                ? Path.of("/var/run/postgresql")
                : Path.of("/tmp");
      }
    } else if (host.startsWith("/")) {
      socketDir = Path.of(host);
      host = null;
    }
    String portStr = firstNonEmpty(kv.get("port"), env.apply("PGPORT"), "5432");
    int port;
    try {
      port = Integer.parseInt(portStr);
      if (port <= 0 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      throw new PgFixtureException(
          PgServer.DSN_ENV + " '" + redact(dsn) + "': bad port '" + portStr + "'");
    }
    String user =
        firstNonEmpty(kv.get("user"), env.apply("PGUSER"), System.getProperty("user.name"));
    String password = firstNonEmpty(kv.get("password"), env.apply("PGPASSWORD"));
    String dbname = firstNonEmpty(kv.get("dbname"), env.apply("PGDATABASE"), "postgres");
    String sslmode = firstNonEmpty(kv.get("sslmode"), env.apply("PGSSLMODE"));
    return new ConnInfo(host, socketDir, port, user, password, dbname, sslmode);
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** Percent-encodes everything except RFC 3986 unreserved characters (and '/' if allowed). */
  static String encode(String s, boolean keepSlash) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || c == '-'
          || c == '.'
          || c == '_'
          || c == '~'
          || (keepSlash && c == '/')) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  private static String bracket(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** The DSN with any password replaced by "***", for error messages. */
  static String redact(String dsn) {
    return dsn.replaceAll("(://[^:@/?]*:)[^@/?]*@", "$1***@")
        .replaceAll("(?i)(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'|[^&\\s]*)", "$1***");
  }
}

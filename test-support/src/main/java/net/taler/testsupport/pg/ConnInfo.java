package net.taler.testsupport.pg;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where a PostgreSQL server is and how to log in: the parsed form of {@code TALER_TEST_PG_DSN}.
 *
 * <p>Accepted forms (one host only):
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
    Map<String, String> kv = new LinkedHashMap<>();
    boolean jdbc = false;
    try {
      String lower = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith("jdbc:postgresql:")) {
        jdbc = true;
        parseJdbc(s.substring("jdbc:postgresql:".length()), kv);
      } else if (lower.startsWith("postgresql://") || lower.startsWith("postgres://")) {
        parseUri(s.substring(s.indexOf("://") + 3), kv);
      } else if (s.contains("=")) {
        parseKeyValue(s, kv);
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

  /** {@code //host:port/db?params}, {@code db}, {@code /db} (after "jdbc:postgresql:"). */
  private static void parseJdbc(String rest, Map<String, String> kv) {
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
      int slash = rest.indexOf('/');
      String hostport = slash >= 0 ? rest.substring(0, slash) : rest;
      String db = slash >= 0 ? rest.substring(slash + 1) : "";
      parseHostPort(hostport, kv);
      putIfNotEmpty(kv, "dbname", decode(db));
    } else {
      putIfNotEmpty(kv, "dbname", decode(rest.startsWith("/") ? rest.substring(1) : rest));
    }
    parseQuery(query, kv);
  }

  /** {@code [user[:password]@][host][:port][/dbname][?params]} (after "scheme://"). */
  private static void parseUri(String rest, Map<String, String> kv) {
    String query = null;
    int q = rest.indexOf('?');
    if (q >= 0) {
      query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    int slash = rest.indexOf('/');
    String authority = slash >= 0 ? rest.substring(0, slash) : rest;
    String db = slash >= 0 ? rest.substring(slash + 1) : "";
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userinfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userinfo.indexOf(':');
      if (colon >= 0) {
        putIfNotEmpty(kv, "user", decode(userinfo.substring(0, colon)));
        kv.put("password", decode(userinfo.substring(colon + 1)));
      } else {
        putIfNotEmpty(kv, "user", decode(userinfo));
      }
    }
    parseHostPort(authority, kv);
    putIfNotEmpty(kv, "dbname", decode(db));
    parseQuery(query, kv);
  }

  private static void parseHostPort(String hostport, Map<String, String> kv) {
    if (hostport.isEmpty()) {
      return;
    }
    if (hostport.contains(",")) {
      throw new IllegalArgumentException("only one host is supported");
    }
    String host;
    String port = null;
    if (hostport.startsWith("[")) {
      int end = hostport.indexOf(']');
      if (end < 0) {
        throw new IllegalArgumentException("unterminated IPv6 address");
      }
      host = hostport.substring(1, end);
      String tail = hostport.substring(end + 1);
      if (tail.startsWith(":")) {
        port = tail.substring(1);
      } else if (!tail.isEmpty()) {
        throw new IllegalArgumentException("garbage after IPv6 address");
      }
    } else {
      int colon = hostport.lastIndexOf(':');
      if (colon >= 0) {
        host = hostport.substring(0, colon);
        port = hostport.substring(colon + 1);
      } else {
        host = hostport;
      }
    }
    putIfNotEmpty(kv, "host", decode(host));
    if (port != null) {
      putIfNotEmpty(kv, "port", port);
    }
  }

  private static void parseQuery(String query, Map<String, String> kv) {
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw new IllegalArgumentException("query parameter without '=': " + pair);
      }
      String key = decode(pair.substring(0, eq));
      if (key.equals("password")) {
        kv.put(key, decode(pair.substring(eq + 1)));
      } else {
        putIfNotEmpty(kv, key, decode(pair.substring(eq + 1)));
      }
    }
  }

  /** libpq key/value form: {@code key=value key='quoted \' value'}. */
  private static void parseKeyValue(String s, Map<String, String> kv) {
    int i = 0;
    int n = s.length();
    while (true) {
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n) {
        return;
      }
      int keyStart = i;
      while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      String key = s.substring(keyStart, i);
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      if (i >= n || s.charAt(i) != '=') {
        throw new IllegalArgumentException("missing '=' after '" + key + "'");
      }
      i++;
      while (i < n && Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      StringBuilder value = new StringBuilder();
      if (i < n && s.charAt(i) == '\'') {
        i++;
        boolean closed = false;
        while (i < n) {
          char c = s.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(s.charAt(i++));
          } else if (c == '\'') {
            closed = true;
            break;
          } else {
            value.append(c);
          }
        }
        if (!closed) {
          throw new IllegalArgumentException("unterminated quoted value for '" + key + "'");
        }
      } else {
        while (i < n && !Character.isWhitespace(s.charAt(i))) {
          char c = s.charAt(i++);
          if (c == '\\' && i < n) {
            value.append(s.charAt(i++));
          } else {
            value.append(c);
          }
        }
      }
      kv.put(key, value.toString());
    }
  }

  private static void putIfNotEmpty(Map<String, String> kv, String key, String value) {
    if (value != null && !value.isEmpty()) {
      kv.put(key, value);
    }
  }

  private static String firstNonEmpty(String... values) {
    for (String v : values) {
      if (v != null && !v.isEmpty()) {
        return v;
      }
    }
    return null;
  }

  /** Percent-decoding as libpq does it ('+' stays '+'). */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < bytes.length; i++) {
      byte b = bytes[i];
      if (b == '%') {
        if (i + 2 >= bytes.length) {
          throw new IllegalArgumentException("bad percent-encoding in '" + s + "'");
        }
        int hi = Character.digit(bytes[i + 1], 16);
        int lo = Character.digit(bytes[i + 2], 16);
        if (hi < 0 || lo < 0) {
          throw new IllegalArgumentException("bad percent-encoding in '" + s + "'");
        }
        out.write(hi * 16 + lo);
        i += 2;
      } else {
        out.write(b);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
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

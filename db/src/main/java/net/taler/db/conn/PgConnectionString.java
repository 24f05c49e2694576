package net.taler.db.conn;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import net.taler.common.config.LibpqConnInfo;

/**
 * Maps a libpq connection string (parsed by {@link LibpqConnInfo}: {@code postgres:///taler},
 * {@code postgresql://user:pw@host:5432/db?sslmode=disable}, {@code postgres:///db?host=/run/pg},
 * or key=value form {@code host=/tmp dbname=taler}) to a JDBC URL plus properties. A host that
 * is an absolute path (or no host at all) means a UNIX socket {@code DIR/.s.PGSQL.PORT}, reached
 * through junixsocket. Unset fields fall back to {@code PGHOST}, {@code PGPORT}, {@code PGUSER},
 * {@code PGDATABASE}, {@code PGPASSWORD} and then libpq's defaults.
 */
public final class PgConnectionString {
    /** Socket directories libpq builds commonly default to, first existing wins. */
    private static final String[] DEFAULT_SOCKET_DIRS = {"/var/run/postgresql", "/run/postgresql", "/tmp"};
    private static final String UNIX_FACTORY = "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg";

    /** The JDBC form: URL without credentials, properties with user/password/socket settings. */
    public record JdbcTarget(String url, Properties properties, String description) {
        /** The socket file if this target is a UNIX socket, else null. */
        public String socketFile() {
            return properties.getProperty("socketFactoryArg");
        }
    }

    private PgConnectionString() {
    }

    /** Parses with the process environment. */
    public static JdbcTarget toJdbc(String conninfo) {
        return toJdbc(conninfo, System.getenv());
    }

    /**
     * Parses {@code conninfo}.
     *
     * @throws IllegalArgumentException with a one-line message if the string is malformed
     */
    public static JdbcTarget toJdbc(String conninfo, Map<String, String> env) {
        if (conninfo == null || conninfo.isBlank()) {
            throw new IllegalArgumentException("empty database connection string");
        }
        String s = conninfo.strip();
        return build(LibpqConnInfo.parse(s).params(), env, s);
    }

    private static JdbcTarget build(Map<String, String> kv, Map<String, String> env, String original) {
        Properties p = new Properties();
        String host = null;
        String port = null;
        String user = null;
        String password = null;
        String dbname = null;
        for (Map.Entry<String, String> e : kv.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "host", "hostaddr" -> host = v;
                case "port" -> port = v;
                case "user" -> user = v;
                case "password" -> password = v;
                case "dbname" -> dbname = v;
                case "sslmode" -> p.setProperty("sslmode", v);
                case "application_name" -> p.setProperty("ApplicationName", v);
                case "connect_timeout" -> p.setProperty("connectTimeout", v);
                case "options" -> p.setProperty("options", v);
                case "sslcert", "sslkey", "sslrootcert" -> p.setProperty(e.getKey(), v);
                default -> throw new IllegalArgumentException(
                        "invalid connection option \"" + e.getKey() + "\" in " + safe(original));
            }
        }
        host = first(host, env.get("PGHOST"));
        port = first(port, env.get("PGPORT"), "5432");
        user = first(user, env.get("PGUSER"), System.getProperty("user.name"));
        password = first(password, env.get("PGPASSWORD"));
        dbname = first(dbname, env.get("PGDATABASE"), user);
        int portNo;
        try {
            portNo = Integer.parseInt(port);
            if (portNo < 1 || portNo > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid port number \"" + port + "\"");
        }
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        String jdbcHost;
        String description;
        if (host == null || host.startsWith("/") || host.startsWith("@")) {
            String dir = host != null ? host : defaultSocketDir();
            String file = dir + (dir.endsWith("/") ? "" : "/") + ".s.PGSQL." + portNo;
            p.setProperty("socketFactory", UNIX_FACTORY);
            p.setProperty("socketFactoryArg", file);
            p.setProperty("sslmode", "disable");
            jdbcHost = "localhost";
            description = "database \"" + dbname + "\" on socket " + file;
        } else {
            jdbcHost = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
            description = "database \"" + dbname + "\" on " + jdbcHost + ":" + portNo;
        }
        String url = "jdbc:postgresql://" + jdbcHost + ":" + portNo + "/"
                + java.net.URLEncoder.encode(dbname, StandardCharsets.UTF_8).replace("+", "%20");
        return new JdbcTarget(url, p, description);
    }

    private static String defaultSocketDir() {
        for (String d : DEFAULT_SOCKET_DIRS) {
            if (Files.isDirectory(Path.of(d))) {
                return d;
            }
        }
        return "/tmp";
    }

    private static String first(String... vs) {
        for (String v : vs) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }

    /** The string without a password, for messages. */
    static String safe(String s) {
        return s.replaceAll("(?i)(password\\s*=\\s*)('[^']*'|[^\\s&]+)", "$1***")
                .replaceAll("(://[^:/@]*:)[^@/]*@", "$1***@");
    }
}

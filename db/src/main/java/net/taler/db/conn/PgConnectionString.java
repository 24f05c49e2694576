package net.taler.db.conn;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Maps a libpq connection string ({@code postgres:///taler},
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
        Map<String, String> kv = s.startsWith("postgres://") || s.startsWith("postgresql://")
                ? parseUri(s) : parseKeyValue(s);
        return build(kv, env, s);
    }

    private static Map<String, String> parseUri(String s) {
        Map<String, String> kv = new LinkedHashMap<>();
        String rest = s.substring(s.indexOf("://") + 3);
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String path = slash >= 0 ? rest.substring(slash + 1) : "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userinfo.indexOf(':');
            put(kv, "user", decode(colon >= 0 ? userinfo.substring(0, colon) : userinfo));
            if (colon >= 0) {
                put(kv, "password", decode(userinfo.substring(colon + 1)));
            }
        }
        if (authority.contains(",")) {
            throw new IllegalArgumentException("multiple hosts are not supported: " + safe(s));
        }
        String host = authority;
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("unterminated IPv6 address in " + safe(s));
            }
            String port = host.substring(end + 1);
            if (port.startsWith(":")) {
                put(kv, "port", port.substring(1));
            }
            host = host.substring(0, end + 1);
        } else {
            int colon = host.lastIndexOf(':');
            if (colon >= 0) {
                put(kv, "port", host.substring(colon + 1));
                host = host.substring(0, colon);
            }
        }
        put(kv, "host", decode(host));
        put(kv, "dbname", decode(path));
        if (!query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw new IllegalArgumentException("invalid URI query parameter \"" + pair + "\"");
                }
                kv.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return kv;
    }

    private static void put(Map<String, String> kv, String k, String v) {
        if (v != null && !v.isEmpty()) {
            kv.put(k, v);
        }
    }

    private static String decode(String v) {
        try {
            return URLDecoder.decode(v.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid percent-encoding in \"" + v + "\"");
        }
    }

    private static Map<String, String> parseKeyValue(String s) {
        Map<String, String> kv = new LinkedHashMap<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int ks = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(ks, i);
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= n || s.charAt(i) != '=' || key.isEmpty()) {
                throw new IllegalArgumentException("missing \"=\" after \"" + key + "\" in connection info string");
            }
            i++;
            while (i < n && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            StringBuilder v = new StringBuilder();
            if (i < n && s.charAt(i) == '\'') {
                i++;
                boolean closed = false;
                while (i < n) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        v.append(s.charAt(i++));
                    } else if (c == '\'') {
                        closed = true;
                        break;
                    } else {
                        v.append(c);
                    }
                }
                if (!closed) {
                    throw new IllegalArgumentException("unterminated quoted string in connection info string");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    if (c == '\\' && i < n) {
                        c = s.charAt(i++);
                    }
                    v.append(c);
                }
            }
            kv.put(key, v.toString());
        }
        if (kv.isEmpty()) {
            throw new IllegalArgumentException("empty database connection string");
        }
        return kv;
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
            description = "database \"" + dbname + "\" on " + host + ":" + portNo;
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

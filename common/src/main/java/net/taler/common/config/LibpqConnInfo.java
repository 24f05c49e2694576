package net.taler.common.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A libpq connection string split into its parameters, in the order they were given (a repeated
 * key keeps its first position and its last value). Nothing is resolved: no defaults, no
 * {@code PG*} environment, no port validation, and unknown keys are kept for the caller to judge.
 *
 * <p>Accepted forms:
 *
 * <ul>
 *   <li>URIs {@code postgres[ql]://[user[:password]@][host][:port][/dbname][?key=value&...]}: the
 *       scheme is case-insensitive, user, password, host, dbname and query keys/values are
 *       percent-decoded ({@code +} stays {@code +}), {@code [ipv6]} hosts lose their brackets,
 *       empty parts are omitted, query parameters override the earlier parts, and {@code ssl=true}
 *       means {@code sslmode=require} (as in libpq). Host lists ({@code h1,h2}) are rejected.
 *   <li>key/value strings {@code host=/tmp dbname='my db' password='it\'s'}: blanks may surround
 *       {@code =}, values may be single-quoted, and a backslash escapes the next character.
 * </ul>
 *
 * <p>{@link #toString()} is {@link #redacted()}: passwords are never printed, and error messages
 * never contain them either.
 *
 * @param params the parameters, unmodifiable, in input order
 */
public record LibpqConnInfo(Map<String, String> params) {
    private static final Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://");

    /** Copies {@code params}, keeping its iteration order. */
    public LibpqConnInfo {
        Map<String, String> copy = new LinkedHashMap<>();
        params.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
        params = Collections.unmodifiableMap(copy);
    }

    /**
     * Parses a URI or key/value connection string.
     *
     * @throws IllegalArgumentException with a one-line reason if {@code conninfo} is empty or
     *     malformed
     */
    public static LibpqConnInfo parse(String conninfo) {
        if (conninfo == null || conninfo.isBlank()) {
            throw new IllegalArgumentException("empty connection string");
        }
        String s = conninfo.strip();
        Map<String, String> kv = new LinkedHashMap<>();
        if (isUri(s)) {
            parseUri(s.substring(s.indexOf("://") + 3), kv);
        } else {
            Matcher m = SCHEME.matcher(s);
            if (m.find()) {
                throw new IllegalArgumentException("unsupported URI scheme \"" + m.group(1)
                        + "\" (expected postgresql:// or postgres://)");
            }
            parseKeyValue(s, kv);
        }
        return new LibpqConnInfo(kv);
    }

    /** Whether {@code s} (after leading blanks) starts with {@code postgresql://} or {@code postgres://}. */
    public static boolean isUri(String s) {
        String l = s.stripLeading().toLowerCase(Locale.ROOT);
        return l.startsWith("postgresql://") || l.startsWith("postgres://");
    }

    /** The value of {@code key}, or null if absent. */
    public String get(String key) {
        return params.get(key);
    }

    /** Key/value form with every password shown as {@code ***}, e.g. {@code host=h password=***}. */
    public String redacted() {
        StringBuilder sb = new StringBuilder();
        params.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(k).append('=').append(k.equals("password") ? "***" : quote(v));
        });
        return sb.toString();
    }

    @Override
    public String toString() {
        return redacted();
    }

    private static String quote(String v) {
        if (!v.isEmpty() && v.chars().noneMatch(c -> Character.isWhitespace(c) || c == '\'' || c == '\\')) {
            return v;
        }
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    // ---------------------------------------------------------------------------------------------
    // URI form

    /** {@code [user[:password]@][host][:port][/dbname][?params]} (after "scheme://"). */
    private static void parseUri(String rest, Map<String, String> kv) {
        String query = "";
        int q = rest.indexOf('?');
        if (q >= 0) {
            query = rest.substring(q + 1);
            rest = rest.substring(0, q);
        }
        int slash = rest.indexOf('/');
        String authority = slash >= 0 ? rest.substring(0, slash) : rest;
        String dbname = slash >= 0 ? rest.substring(slash + 1) : "";
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userinfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
            int colon = userinfo.indexOf(':');
            putIfNotEmpty(kv, "user", decode(colon >= 0 ? userinfo.substring(0, colon) : userinfo, "user"));
            if (colon >= 0) {
                putIfNotEmpty(kv, "password", decode(userinfo.substring(colon + 1), "password"));
            }
        }
        parseHostPort(authority, kv);
        putIfNotEmpty(kv, "dbname", decode(dbname, "dbname"));
        parseQuery(query, kv);
    }

    private static void parseHostPort(String hostport, Map<String, String> kv) {
        if (hostport.contains(",")) {
            throw new IllegalArgumentException("multiple hosts are not supported (\"" + hostport + "\")");
        }
        String host;
        String port = null;
        if (hostport.startsWith("[")) {
            int end = hostport.indexOf(']');
            if (end < 0) {
                throw new IllegalArgumentException("unterminated IPv6 address \"" + hostport + "\" in URI");
            }
            host = hostport.substring(1, end);
            if (host.isEmpty()) {
                throw new IllegalArgumentException("empty IPv6 address \"[]\" in URI");
            }
            String tail = hostport.substring(end + 1);
            if (tail.startsWith(":")) {
                port = tail.substring(1);
            } else if (!tail.isEmpty()) {
                throw new IllegalArgumentException("unexpected \"" + tail + "\" after IPv6 address in URI"
                        + " (expected \":port\")");
            }
        } else {
            int colon = hostport.lastIndexOf(':');
            host = colon >= 0 ? hostport.substring(0, colon) : hostport;
            port = colon >= 0 ? hostport.substring(colon + 1) : null;
        }
        putIfNotEmpty(kv, "host", decode(host, "host"));
        if (port != null) {
            putIfNotEmpty(kv, "port", port);
        }
    }

    private static void parseQuery(String query, Map<String, String> kv) {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("missing \"=\" in URI query parameter \"" + pair + "\"");
            }
            String key = decode(pair.substring(0, eq), "query parameter");
            if (key.isEmpty()) {
                throw new IllegalArgumentException("empty key in URI query parameter");
            }
            String value = decode(pair.substring(eq + 1), key.equals("password") ? "password" : key);
            if (key.equals("ssl") && value.equals("true")) {
                key = "sslmode";
                value = "require";
            }
            kv.put(key, value);
        }
    }

    private static void putIfNotEmpty(Map<String, String> kv, String key, String value) {
        if (!value.isEmpty()) {
            kv.put(key, value);
        }
    }

    /** libpq percent-decoding: {@code +} stays {@code +}, {@code %00} is refused. */
    private static String decode(String s, String what) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        // Never echo a password in an error message.
        String shown = what.equals("password") ? "the password" : what + " \"" + s + "\"";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            int hi = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int lo = i + 2 < bytes.length ? Character.digit(bytes[i + 2], 16) : -1;
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid percent-encoding in " + shown);
            }
            if (hi == 0 && lo == 0) {
                throw new IllegalArgumentException("forbidden %00 in " + shown);
            }
            out.write(hi * 16 + lo);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------
    // key/value form

    /** {@code key=value key = 'quoted \' value'}. */
    private static void parseKeyValue(String s, Map<String, String> kv) {
        int i = 0;
        int n = s.length();
        String previous = null;
        while (true) {
            i = skipBlanks(s, i);
            if (i >= n) {
                return;
            }
            int keyStart = i;
            while (i < n && s.charAt(i) != '=' && !Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            String key = s.substring(keyStart, i);
            i = skipBlanks(s, i);
            if (key.isEmpty()) {
                throw new IllegalArgumentException("missing key before \"=\" in connection string");
            }
            if (i >= n || s.charAt(i) != '=') {
                // A blank in an unquoted password would make its tail look like a key: don't show it.
                throw new IllegalArgumentException("password".equals(previous)
                        ? "missing \"=\" after the password value (quote values containing blanks)"
                        : "missing \"=\" after \"" + key + "\" in connection string");
            }
            i = skipBlanks(s, i + 1);
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
                    throw new IllegalArgumentException("unterminated quoted value for \"" + key + "\"");
                }
            } else {
                while (i < n && !Character.isWhitespace(s.charAt(i))) {
                    char c = s.charAt(i++);
                    value.append(c == '\\' && i < n ? s.charAt(i++) : c);
                }
            }
            kv.put(key, value.toString());
            previous = key;
        }
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }
}

package net.taler.common.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * {@code $}-expansion of configuration values (operations.md 1.3): {@code $NAME},
 * {@code ${NAME}} and {@code ${NAME:-DEFAULT}}, looked up in {@code [PATHS]} and then the
 * environment, expanded again recursively; unknown names stay as written.
 */
final class PathExpander {
    private static final Logger LOG = Logger.getLogger(PathExpander.class.getName());
    /** Recursion bound: a self-referencing [PATHS] entry must not loop forever. */
    static final int MAX_DEPTH = 128;

    private final TalerConfig config;

    PathExpander(TalerConfig config) {
        this.config = config;
    }

    String expandFilename(String raw) {
        String s = expand(raw);
        if (s.startsWith("~")) {
            String home = config.environment().getOrDefault("HOME", System.getProperty("user.home"));
            s = home + s.substring(1);
        }
        if (!s.isEmpty() && !s.startsWith("/")) {
            boolean dir = s.endsWith("/");
            s = Path.of(s).toAbsolutePath().toString() + (dir ? "/" : "");
        }
        // "${TALER_DATA_HOME}/x" with TALER_DATA_HOME ending in '/' is the common case
        return s.replaceAll("/{2,}", "/");
    }

    String expand(String raw) {
        return expand(raw, 0);
    }

    private String expand(String s, int depth) {
        if (depth > MAX_DEPTH) {
            throw new ConfigException(ConfigException.Kind.INVALID,
                    "$-expansion of '" + s + "' recurses more than " + MAX_DEPTH + " times");
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < s.length() && s.charAt(i + 1) == '{') {
                int close = matchingBrace(s, i + 1);
                if (close < 0) {
                    out.append(s, i, s.length());
                    break;
                }
                String inner = s.substring(i + 2, close);
                String name = inner;
                String dflt = null;
                int sep = inner.indexOf(":-");
                if (sep < 0) {
                    sep = inner.indexOf(":=");
                }
                if (sep >= 0) {
                    name = inner.substring(0, sep);
                    dflt = inner.substring(sep + 2);
                }
                Optional<String> v = lookup(name);
                if (v.isPresent()) {
                    out.append(expand(v.get(), depth + 1));
                } else if (dflt != null) {
                    out.append(expand(dflt, depth + 1));
                } else {
                    LOG.warning("cannot expand ${" + name + "}: not in [PATHS] nor the environment");
                    out.append(s, i, close + 1);
                }
                i = close + 1;
            } else {
                int end = i + 1;
                while (end < s.length() && "/\\ ".indexOf(s.charAt(end)) < 0 && s.charAt(end) != '$') {
                    end++;
                }
                String name = s.substring(i + 1, end);
                Optional<String> v = name.isEmpty() ? Optional.empty() : lookup(name);
                if (v.isPresent()) {
                    out.append(expand(v.get(), depth + 1));
                } else {
                    if (!name.isEmpty()) {
                        LOG.warning("cannot expand $" + name + ": not in [PATHS] nor the environment");
                    }
                    out.append(s, i, end);
                }
                i = end;
            }
        }
        return out.toString();
    }

    private Optional<String> lookup(String name) {
        if (!config.isInaccessible("PATHS")) {
            Optional<String> v = config.getString("PATHS", name);
            if (v.isPresent()) {
                return v;
            }
        }
        return Optional.ofNullable(config.environment().get(name));
    }

    /** Index of the brace closing the one at {@code open}, honouring nesting; -1 if none. */
    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
                if (depth == 0) {
                    return j;
                }
            }
        }
        return -1;
    }
}

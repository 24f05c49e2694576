package net.taler.common.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;

/**
 * Parses Taler INI text into a {@link TalerConfig}: sections, options, comments and the
 * {@code @inline@}, {@code @inline-matching@} and {@code @inline-secret@} directives, with
 * cycle detection. A syntax error aborts the whole load and names file and line.
 */
public final class ConfigParser {
    private static final Logger LOG = Logger.getLogger(ConfigParser.class.getName());
    /** Deepest include nesting we accept; a guard beyond the cycle check. */
    private static final int MAX_DEPTH = 32;
    /** Config files are small; refuse anything absurd rather than reading it into memory. */
    private static final long MAX_FILE_SIZE = 16L * 1024 * 1024;

    private final TalerConfig config;
    /** Real paths of the files currently being parsed (include stack). */
    private final Deque<Path> stack = new ArrayDeque<>();

    public ConfigParser(TalerConfig config) {
        this.config = config;
    }

    /** Parses a file; relative includes resolve against the directory of its real path. */
    public void parseFile(Path file) {
        parseFile(file, null);
    }

    /** Parses configuration text that did not come from a file (no includes allowed). */
    public void parseString(String text, String sourceName) {
        parse(text, sourceName, null, null);
    }

    private void parseFile(Path file, String restrictToSection) {
        Path real;
        String text;
        try {
            real = file.toRealPath();
            if (Files.size(real) > MAX_FILE_SIZE) {
                throw new ConfigException(ConfigException.Kind.LOAD, file + ": configuration file too large");
            }
            text = Files.readString(real, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(ConfigException.Kind.LOAD,
                    "Unreadable configuration file " + file + ": " + reason(e), e);
        }
        if (stack.contains(real)) {
            throw new ConfigException(ConfigException.Kind.LOAD,
                    file + ": inclusion cycle (file includes itself via " + stack.peek() + ")");
        }
        if (stack.size() >= MAX_DEPTH) {
            throw new ConfigException(ConfigException.Kind.LOAD, file + ": includes nested too deeply");
        }
        stack.push(real);
        try {
            parse(text, file.toString(), real.getParent(), restrictToSection);
        } finally {
            stack.pop();
        }
    }

    private void parse(String text, String sourceName, Path dir, String restrictToSection) {
        String section = null;
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Source src = new Source(sourceName, i + 1);
            String line = lines[i].replace('\t', ' ').replace('\r', ' ').strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith("%")) {
                continue;
            }
            if (line.startsWith("@")) {
                if (restrictToSection != null) {
                    throw ConfigException.syntax(src, "directives are not allowed in a secret file");
                }
                directive(line, src, dir);
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]") || line.length() < 3) {
                    throw ConfigException.syntax(src, "malformed section header '" + line + "'");
                }
                section = line.substring(1, line.length() - 1).strip();
                if (section.isEmpty()) {
                    throw ConfigException.syntax(src, "empty section name");
                }
                if (restrictToSection != null && !TalerConfig.key(section).equals(TalerConfig.key(restrictToSection))) {
                    throw ConfigException.syntax(src, "secret file may only contain section [" + restrictToSection + "]");
                }
                if (restrictToSection == null) {
                    config.declareSection(section);
                }
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw ConfigException.syntax(src, "syntax error in line '" + line + "'");
            }
            String option = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (option.isEmpty()) {
                throw ConfigException.syntax(src, "option name missing before '='");
            }
            if (section == null) {
                if (restrictToSection == null) {
                    throw ConfigException.syntax(src, "option '" + option + "' outside of any section");
                }
                section = restrictToSection;
            }
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            }
            config.set(section, option, value, src);
        }
    }

    private void directive(String line, Source src, Path dir) {
        int end = line.indexOf('@', 1);
        if (end < 0) {
            throw ConfigException.syntax(src, "malformed directive '" + line + "'");
        }
        String name = line.substring(1, end).toLowerCase(Locale.ROOT);
        String arg = line.substring(end + 1).strip();
        if (dir == null) {
            throw ConfigException.syntax(src, "directive @" + name + "@ is only allowed in files");
        }
        switch (name) {
            case "inline" -> {
                requireArg(arg, src, name);
                parseFile(dir.resolve(arg), null);
            }
            case "inline-matching" -> {
                requireArg(arg, src, name);
                for (Path p : glob(dir, arg, src)) {
                    parseFile(p, null);
                }
            }
            case "inline-secret" -> {
                String[] parts = arg.split(" +", 2);
                if (parts.length != 2) {
                    throw ConfigException.syntax(src, "@inline-secret@ needs SECTION and PATH");
                }
                Path p = dir.resolve(parts[1]);
                if (!Files.isReadable(p)) {
                    LOG.warning(src + ": secret file " + p + " unreadable; section [" + parts[0]
                            + "] is inaccessible");
                    config.markInaccessible(parts[0]);
                    return;
                }
                config.declareSection(parts[0]);
                parseFile(p, parts[0]);
            }
            default -> throw ConfigException.syntax(src, "unknown directive @" + name + "@");
        }
    }

    private static void requireArg(String arg, Source src, String name) {
        if (arg.isEmpty()) {
            throw ConfigException.syntax(src, "@" + name + "@ needs an argument");
        }
    }

    /** Files matching a glob pattern (directory part literal, file part a glob), sorted. */
    private static List<Path> glob(Path dir, String pattern, Source src) {
        Path full = dir.resolve(pattern);
        Path parent = full.getParent();
        String filePattern = full.getFileName().toString();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + filePattern);
        List<Path> out = new ArrayList<>();
        if (parent == null || !Files.isDirectory(parent)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent)) {
            for (Path p : ds) {
                if (matcher.matches(p.getFileName())) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            throw ConfigException.syntax(src, "cannot list " + parent + ": " + reason(e));
        }
        out.sort(null);
        return out;
    }

    static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return m == null ? e.getClass().getSimpleName() : m;
    }
}

package net.taler.common.config;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The load order every program uses (operations.md 1.2): built-in {@code [PATHS]} from the
 * installation prefix, the base configuration ({@code TALER_BASE_CONFIG} or
 * {@code $PREFIX/share/taler/config.d}), then the main file ({@code -c}, or the first readable
 * of the user and system locations).
 */
public final class ConfigLoader {
    private static final Logger LOG = Logger.getLogger(ConfigLoader.class.getName());
    /** System property the launchers set to the install tree's root. */
    public static final String PREFIX_PROPERTY = "taler.prefix";

    private final Map<String, String> env;
    private final Path prefix;

    /** The result of a load: the configuration, the base alone (for diffs) and the main file. */
    public record Loaded(TalerConfig config, TalerConfig base, Optional<Path> mainFile) {
    }

    public ConfigLoader(Map<String, String> env, Path prefix) {
        this.env = Map.copyOf(env);
        this.prefix = prefix.toAbsolutePath().normalize();
    }

    /** A loader for this process: its environment and its installation prefix. */
    public static ConfigLoader forProcess() {
        return new ConfigLoader(System.getenv(), installPrefix(System.getenv()));
    }

    /**
     * The installation prefix: {@code TALER_PREFIX}, else the launcher's {@code taler.prefix}
     * property, else the parent of the directory holding our jar ({@code PREFIX/lib/x.jar}).
     */
    public static Path installPrefix(Map<String, String> env) {
        String p = env.get("TALER_PREFIX");
        if (p == null || p.isEmpty()) {
            p = System.getProperty(PREFIX_PROPERTY);
        }
        if (p != null && !p.isEmpty()) {
            return Path.of(p);
        }
        try {
            Path jar = Path.of(ConfigLoader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path lib = jar.getParent();
            return lib != null && lib.getParent() != null ? lib.getParent() : Path.of("/usr");
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("/usr");
        }
    }

    public Path prefix() {
        return prefix;
    }

    /** The directory of default {@code .conf} files. */
    public Path baseConfigDir() {
        String dir = env.get("TALER_BASE_CONFIG");
        if (dir != null && !dir.isEmpty()) {
            return Path.of(dir);
        }
        return prefix.resolve("share/taler/config.d");
    }

    /** Built-in paths plus the base configuration (what {@code -V} rewrites compare against). */
    public TalerConfig loadBase() {
        TalerConfig cfg = new TalerConfig(env);
        String pre = prefix.toString() + "/";
        setBuiltin(cfg, "PREFIX", pre);
        setBuiltin(cfg, "BINDIR", pre + "bin/");
        setBuiltin(cfg, "LIBDIR", pre + "lib/");
        setBuiltin(cfg, "DATADIR", pre + "share/taler/");
        setBuiltin(cfg, "LOCALEDIR", pre + "share/locale/");
        setBuiltin(cfg, "ICONDIR", pre + "share/icons/");
        setBuiltin(cfg, "DOCDIR", pre + "share/doc/taler/");
        setBuiltin(cfg, "LIBEXECDIR", pre + "lib/taler/libexec/");
        Path dir = baseConfigDir();
        ConfigParser parser = new ConfigParser(cfg);
        if (Files.isDirectory(dir)) {
            for (Path f : confFiles(dir)) {
                parser.parseFile(f);
            }
        } else if (Files.isRegularFile(dir)) {
            parser.parseFile(dir);
        } else {
            LOG.fine("no base configuration at " + dir);
        }
        return cfg;
    }

    private static void setBuiltin(TalerConfig cfg, String option, String value) {
        cfg.set("PATHS", option, value, Source.BUILTIN);
    }

    private static List<Path> confFiles(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (p.getFileName().toString().endsWith(".conf")) {
                    out.add(p);
                } else {
                    LOG.warning("ignoring " + p + " in base configuration directory: not a .conf file");
                }
            }
        } catch (IOException e) {
            throw new ConfigException(ConfigException.Kind.LOAD,
                    "cannot read base configuration directory " + dir + ": " + ConfigParser.reason(e), e);
        }
        out.sort(null);
        return out;
    }

    /** Where the main file is looked for when no {@code -c} is given, in order. */
    public List<Path> defaultMainFiles() {
        List<Path> out = new ArrayList<>();
        out.add(userConfigFile());
        out.add(Path.of("/etc/taler.conf"));
        out.add(Path.of("/etc/taler/taler.conf"));
        return out;
    }

    /** {@code $XDG_CONFIG_HOME/taler.conf}, or {@code ~/.config/taler.conf}. */
    public Path userConfigFile() {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            return Path.of(xdg, "taler.conf");
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home, ".config", "taler.conf");
    }

    /**
     * Loads the full configuration. With an explicit file it must be readable; without, the
     * first readable default location is used, if any.
     */
    public Loaded load(Optional<Path> explicitFile) {
        TalerConfig base = loadBase();
        TalerConfig cfg = base.copy();
        Optional<Path> main = explicitFile;
        if (main.isEmpty()) {
            main = defaultMainFiles().stream().filter(Files::isReadable).findFirst();
        }
        if (main.isPresent()) {
            Path f = main.get();
            if (!Files.isRegularFile(f) || !Files.isReadable(f)) {
                throw new ConfigException(ConfigException.Kind.LOAD, "Unreadable configuration file " + f);
            }
            new ConfigParser(cfg).parseFile(f);
            if (!cfg.has("PATHS", "DEFAULTCONFIG")) {
                cfg.set("PATHS", "DEFAULTCONFIG", f.toString(), Source.BUILTIN);
            }
        }
        return new Loaded(cfg, base, main);
    }
}

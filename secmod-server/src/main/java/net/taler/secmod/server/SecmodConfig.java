package net.taler.secmod.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Logger;

import net.taler.common.config.ConfigException;
import net.taler.common.config.TalerConfig;
import net.taler.common.time.RelativeTime;

/**
 * The options of a helper's section ({@code [taler-exchange-secmod-rsa|cs|eddsa]},
 * secmod.md 2) and the coin sections the denomination helpers serve.
 *
 * @param section the helper's section name
 * @param keyDir {@code KEY_DIR}
 * @param unixPath {@code UNIXPATH}
 * @param smPrivateKeyFile {@code SM_PRIV_KEY}
 * @param lookahead {@code LOOKAHEAD_SIGN}
 * @param overlap {@code OVERLAP_DURATION}
 */
public record SecmodConfig(String section, Path keyDir, Path unixPath, Path smPrivateKeyFile,
        RelativeTime lookahead, RelativeTime overlap) {
    private static final Logger LOG = Logger.getLogger(SecmodConfig.class.getName());

    /**
     * Reads the helper's section.
     *
     * @throws ConfigException for missing or invalid options (exit 6)
     */
    public static SecmodConfig load(TalerConfig cfg, String section) {
        Path keyDir = cfg.requireFilename(section, "KEY_DIR");
        Path unixPath = cfg.requireFilename(section, "UNIXPATH");
        Path smKey = cfg.requireFilename(section, "SM_PRIV_KEY");
        RelativeTime lookahead = finite(cfg, section, "LOOKAHEAD_SIGN");
        RelativeTime overlap = finite(cfg, section, "OVERLAP_DURATION");
        return new SecmodConfig(section, keyDir, unixPath, smKey, lookahead, overlap);
    }

    private static RelativeTime finite(TalerConfig cfg, String section, String option) {
        RelativeTime t = cfg.requireRelativeTime(section, option);
        if (t.isForever()) {
            throw cfg.invalid(section, option, "a finite duration", null);
        }
        return t;
    }

    /**
     * A key validity option ({@code DURATION_WITHDRAW}, {@code DURATION}): finite and strictly
     * longer than the overlap.
     */
    public RelativeTime keyDuration(TalerConfig cfg, String keySection, String option) {
        RelativeTime d = finite(cfg, keySection, option);
        if (d.compareTo(overlap) <= 0) {
            String o = cfg.getString(section, "OVERLAP_DURATION").orElse(overlap.toString());
            throw cfg.invalid(keySection, option, "longer than [" + section + "] OVERLAP_DURATION ('" + o + "')",
                    null);
        }
        return d;
    }

    /**
     * The coin sections ({@code coin_*} / {@code coin-*}, case-insensitive prefix) whose
     * {@code CIPHER} is exactly {@code cipher}, names as spelled in the configuration. A coin
     * section without {@code CIPHER} is skipped with an error log.
     */
    public static List<String> denominationSections(TalerConfig cfg, String cipher) {
        List<String> out = new ArrayList<>();
        for (String name : cfg.sectionNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("coin_") && !lower.startsWith("coin-")) {
                continue;
            }
            Optional<String> c = cfg.getString(name, "CIPHER");
            if (c.isEmpty()) {
                LOG.severe("section [" + name + "] has no CIPHER option; skipped");
                continue;
            }
            if (c.get().equals(cipher)) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@code KEY_DIR/<section>}; names that are not a single path element are refused. */
    public Path denominationDirectory(TalerConfig cfg, String coinSection) {
        if (coinSection.contains("/") || coinSection.contains("\0") || coinSection.equals(".")
                || coinSection.equals("..")) {
            throw new ConfigException(ConfigException.Kind.INVALID,
                    "section name [" + coinSection + "] cannot be used as a directory name");
        }
        return keyDir.resolve(coinSection);
    }
}

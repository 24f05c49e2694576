package net.taler.common.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import net.taler.common.amount.Amount;
import net.taler.common.encoding.Crockford;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * A Taler (GNUnet-style) INI configuration: case-insensitive sections and options, later
 * assignments win, values kept raw until a typed getter interprets them.
 *
 * <p>Instances are filled by {@link ConfigParser} (files and strings) and {@link ConfigLoader}
 * (the full program load order). The typed getters throw {@link ConfigException} naming the
 * section, option and the file:line of the bad value, so programs can print one line and exit 6.
 * Not thread-safe while being filled; read-only use afterwards is safe.
 */
public final class TalerConfig {
    /** Sections by lower-case name, in first-seen order. */
    private final Map<String, Section> sections = new LinkedHashMap<>();
    /** Lower-case names of sections whose secret file could not be read. */
    private final Set<String> inaccessible = new TreeSet<>();
    private final Map<String, String> environment;

    private static final class Section {
        final String name;
        final Map<String, ConfigEntry> options = new LinkedHashMap<>();

        Section(String name) {
            this.name = name;
        }
    }

    /** A configuration whose {@code $}-expansion falls back to the given environment. */
    public TalerConfig(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A configuration that expands against the process environment. */
    public TalerConfig() {
        this(System.getenv());
    }

    public Map<String, String> environment() {
        return environment;
    }

    // ------------------------------------------------------------------ raw access

    /** Sets (or replaces) an option; the section is created when absent. */
    public void set(String section, String option, String value, Source source) {
        Section s = sections.computeIfAbsent(key(section), k -> new Section(section));
        String k = key(option);
        ConfigEntry old = s.options.get(k);
        String name = old != null ? old.name() : option;
        s.options.put(k, new ConfigEntry(name, value, source));
    }

    public void set(String section, String option, String value) {
        set(section, option, value, Source.builtin("(set)"));
    }

    /** Ensures a section exists (a {@code [NAME]} line with no options still defines it). */
    void declareSection(String section) {
        sections.computeIfAbsent(key(section), k -> new Section(section));
    }

    public void remove(String section, String option) {
        Section s = sections.get(key(section));
        if (s != null) {
            s.options.remove(key(option));
        }
    }

    void markInaccessible(String section) {
        inaccessible.add(key(section));
    }

    public boolean isInaccessible(String section) {
        return inaccessible.contains(key(section));
    }

    public boolean hasSection(String section) {
        return sections.containsKey(key(section));
    }

    /** Section names as first written, in first-seen order. */
    public List<String> sectionNames() {
        List<String> out = new ArrayList<>();
        for (Section s : sections.values()) {
            out.add(s.name);
        }
        return out;
    }

    /** The options of a section (empty when absent), in first-seen order. */
    public List<ConfigEntry> entries(String section) {
        checkAccessible(section);
        Section s = sections.get(key(section));
        return s == null ? List.of() : List.copyOf(s.options.values());
    }

    /** The entry of an option, if set. */
    public Optional<ConfigEntry> entry(String section, String option) {
        checkAccessible(section);
        Section s = sections.get(key(section));
        return s == null ? Optional.empty() : Optional.ofNullable(s.options.get(key(option)));
    }

    public boolean has(String section, String option) {
        return entry(section, option).isPresent();
    }

    /** The raw value of an option, if set. */
    public Optional<String> getString(String section, String option) {
        return entry(section, option).map(ConfigEntry::value);
    }

    /** The raw value, or a {@link ConfigException} of kind MISSING. */
    public String requireString(String section, String option) {
        return getString(section, option).orElseThrow(() -> ConfigException.missing(section, option));
    }

    private void checkAccessible(String section) {
        if (isInaccessible(section)) {
            throw new ConfigException(ConfigException.Kind.INVALID,
                    "configuration section [" + section + "] is inaccessible (its secret file could not be read)");
        }
    }

    // ------------------------------------------------------------------ typed access

    /** An unsigned decimal number. */
    public long requireNumber(String section, String option) {
        return require(section, option, "an unsigned number", ValueParsers::number);
    }

    public Optional<Long> getNumber(String section, String option) {
        return get(section, option, "an unsigned number", ValueParsers::number);
    }

    /** {@code YES} or {@code NO}, case-insensitive. */
    public boolean requireYesNo(String section, String option) {
        return require(section, option, "YES or NO", ValueParsers::yesNo);
    }

    /** For optional flags: absent or malformed counts as "no", as upstream does. */
    public boolean getYesNoOrFalse(String section, String option) {
        Optional<String> v = getString(section, option);
        if (v.isEmpty()) {
            return false;
        }
        try {
            return ValueParsers.yesNo(v.get());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** One of the given choices, matched case-insensitively; returns the choice as listed. */
    public String requireChoice(String section, String option, String... choices) {
        return require(section, option, "one of " + String.join(", ", choices),
                v -> ValueParsers.choice(v, choices));
    }

    public RelativeTime requireRelativeTime(String section, String option) {
        return require(section, option, "a relative time (e.g. '5 m', '1 year', 'forever')",
                ValueParsers::relativeTime);
    }

    public Optional<RelativeTime> getRelativeTime(String section, String option) {
        return get(section, option, "a relative time (e.g. '5 m', '1 year', 'forever')",
                ValueParsers::relativeTime);
    }

    public Timestamp requireAbsoluteTime(String section, String option) {
        return require(section, option, "an absolute time (e.g. '2023-01-31 12:00:00' or 'end of time')",
                ValueParsers::absoluteTime);
    }

    public Amount requireAmount(String section, String option) {
        return require(section, option, "an amount CURRENCY:VALUE[.FRACTION]", Amount::parse);
    }

    /** An amount that must be in the given currency (the exchange's {@code [taler] CURRENCY}). */
    public Amount requireAmount(String section, String option, String currency) {
        Amount a = requireAmount(section, option);
        if (!a.isCurrency(currency)) {
            throw invalid(section, option, "an amount in currency " + currency, null);
        }
        return a;
    }

    /** Crockford base32 data of exactly {@code size} bytes (keys, hashes). */
    public byte[] requireBase32(String section, String option, int size) {
        return require(section, option, "Crockford base32 data of " + size + " bytes",
                v -> Crockford.decodeFixed(v, size));
    }

    /** A {@code payto://} URI, validated as described in operations.md 1.5. */
    public String requirePayto(String section, String option) {
        return require(section, option, "a payto:// URI", v -> {
            net.taler.common.payto.Payto.check(v);
            return v;
        });
    }

    /** A file name after {@code $}-expansion, {@code ~} and relative-path resolution. */
    public Path requireFilename(String section, String option) {
        String raw = requireString(section, option);
        return Path.of(expandFilename(raw));
    }

    public Optional<Path> getFilename(String section, String option) {
        return getString(section, option).map(v -> Path.of(expandFilename(v)));
    }

    /** {@code $}-expands a value as a file name (what {@code taler-config -f} prints). */
    public String expandFilename(String raw) {
        return new PathExpander(this).expandFilename(raw);
    }

    /** {@code $}-expands a value without making it a file name. */
    public String expand(String raw) {
        return new PathExpander(this).expand(raw);
    }

    private <T> T require(String section, String option, String expected, Function<String, T> parser) {
        return get(section, option, expected, parser)
                .orElseThrow(() -> ConfigException.missing(section, option));
    }

    private <T> Optional<T> get(String section, String option, String expected, Function<String, T> parser) {
        Optional<ConfigEntry> e = entry(section, option);
        if (e.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.apply(e.get().value()));
        } catch (IllegalArgumentException ex) {
            throw invalid(section, option, expected, ex);
        }
    }

    /** An INVALID-kind exception naming the option, its value and where it was set. */
    public ConfigException invalid(String section, String option, String expected, Throwable cause) {
        Optional<ConfigEntry> e = entry(section, option);
        String where = e.map(x -> " (" + x.source() + ")").orElse("");
        String value = e.map(x -> " '" + x.value() + "'").orElse("");
        String detail = cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "";
        return new ConfigException(ConfigException.Kind.INVALID,
                "configuration option [" + section + "] " + option + value + where
                        + " is not " + expected + detail, cause);
    }

    // ------------------------------------------------------------------ serialization

    /**
     * The configuration as file text: {@code [NAME]}, {@code KEY = VALUE} lines and a blank
     * line per section. Built-in {@code [PATHS]} values and inaccessible sections are skipped;
     * when {@code base} is given, options whose value equals the base's are skipped too, and
     * sections left empty are omitted.
     */
    public String serialize(TalerConfig base) {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections.values()) {
            if (inaccessible.contains(key(s.name))) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            for (ConfigEntry e : s.options.values()) {
                if (e.source().equals(Source.BUILTIN)) {
                    continue;
                }
                if (base != null && !base.isInaccessible(s.name)
                        && base.getString(s.name, e.name()).map(e.value()::equals).orElse(false)) {
                    continue;
                }
                body.append(e.name()).append(" = ").append(e.value().replace("\n", "\\n")).append('\n');
            }
            if (base != null && body.length() == 0) {
                continue;
            }
            sb.append('[').append(s.name).append("]\n").append(body).append('\n');
        }
        return sb.toString();
    }

    /** Like {@link #serialize(TalerConfig)} but with a {@code # file:line} comment per option. */
    public String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections.values()) {
            sb.append('[').append(s.name).append("]\n");
            if (inaccessible.contains(key(s.name))) {
                sb.append("# inaccessible: secret file could not be read\n\n");
                continue;
            }
            for (ConfigEntry e : s.options.values()) {
                sb.append("# ").append(e.source()).append('\n');
                sb.append(e.name()).append(" = ").append(e.value().replace("\n", "\\n")).append('\n');
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** A deep copy (used to keep the base configuration apart from the main file's edits). */
    public TalerConfig copy() {
        TalerConfig c = new TalerConfig(environment);
        for (Section s : sections.values()) {
            c.declareSection(s.name);
            for (ConfigEntry e : s.options.values()) {
                c.set(s.name, e.name(), e.value(), e.source());
            }
        }
        c.inaccessible.addAll(inaccessible);
        return c;
    }

    /** Names of the sections whose name starts with the prefix (case-insensitive). */
    public List<String> sectionsWithPrefix(String prefix) {
        String p = key(prefix);
        List<String> out = new ArrayList<>();
        for (Section s : sections.values()) {
            if (key(s.name).startsWith(p)) {
                out.add(s.name);
            }
        }
        return Collections.unmodifiableList(out);
    }

    static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }
}

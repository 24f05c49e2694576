package net.taler.common.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The settings a program runs with, logged once at INFO after its configuration was validated,
 * so an operator sees the effective values (defaults included) in the log. Secrets are masked
 * by rule, not by the caller: passwords, tokens, secrets and everything in an
 * {@code [exchange-accountcredentials-*]} section except the gateway URL and auth method; a
 * password inside a URI ({@code user:password@}) or a libpq {@code password=} is masked too.
 */
public final class EffectiveSettings {
    /** What a secret is replaced with. */
    public static final String MASK = "*****";

    private static final Pattern SECRET_OPTION = Pattern.compile(".*(PASSWORD|SECRET|TOKEN|CREDENTIAL).*");
    private static final Pattern URI_PASSWORD = Pattern.compile("(://[^/@:\\s]*:)[^/@\\s]*@");
    private static final Pattern LIBPQ_PASSWORD = Pattern.compile("(?i)(password\\s*=\\s*)('[^']*'|\\S+)");

    private final String program;
    private final List<String> lines = new ArrayList<>();

    public EffectiveSettings(String program) {
        this.program = program;
    }

    /** Adds {@code [section] option = value} (masked if it is a secret); null values are shown as unset. */
    public EffectiveSettings add(String section, String option, Object value) {
        String shown = value == null ? "(unset)" : mask(section, option, String.valueOf(value));
        lines.add("[" + section + "] " + option + " = " + shown);
        return this;
    }

    /** Adds every option of {@code section} as configured (for sections read as a whole). */
    public EffectiveSettings addSection(TalerConfig cfg, String section) {
        for (ConfigEntry e : cfg.entries(section)) {
            add(section, e.name(), e.value());
        }
        return this;
    }

    /** Adds a setting that is not a configuration option (a command-line option, a derived value). */
    public EffectiveSettings note(String name, Object value) {
        lines.add(name + " = " + value);
        return this;
    }

    /** The lines {@link #log} writes after its heading. */
    public List<String> lines() {
        return List.copyOf(lines);
    }

    /** Logs one INFO record: a heading and one line per setting. */
    public void log(Logger logger) {
        logger.info(() -> program + " effective settings:\n  " + String.join("\n  ", lines));
    }

    /** {@code value} as it may be shown for {@code [section] option}. */
    public static String mask(String section, String option, String value) {
        String s = section.toLowerCase(Locale.ROOT);
        String o = option.toUpperCase(Locale.ROOT);
        if (SECRET_OPTION.matcher(o).matches()) {
            return MASK;
        }
        if (s.startsWith("exchange-accountcredentials-")
                && !o.equals("WIRE_GATEWAY_URL") && !o.equals("WIRE_GATEWAY_AUTH_METHOD")) {
            return MASK;
        }
        String v = URI_PASSWORD.matcher(value).replaceAll("$1" + MASK + "@");
        return LIBPQ_PASSWORD.matcher(v).replaceAll("$1" + MASK);
    }
}

package net.taler.common.age;

import java.util.function.Function;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.config.TalerConfig;

/**
 * The age-restriction extension as configured in {@code [exchange-extension-age_restriction]}
 * (exchange-api.md 2.2): whether it is enabled, its age groups, the age mask of each coin
 * section and the extension manifests that the offline tool signs and {@code /keys} shows.
 * The httpd and the offline tool must derive the same bytes, so both use this class.
 */
public final class AgeRestrictionConfig {
    /** The configuration section of the extension. */
    public static final String SECTION = "exchange-extension-age_restriction";

    private AgeRestrictionConfig() {
    }

    /** {@code ENABLED = YES}. */
    public static boolean enabled(TalerConfig cfg) {
        return cfg.getYesNoOrFalse(SECTION, "ENABLED");
    }

    /**
     * The configured {@code AGE_GROUPS}, or the default groups if unset.
     *
     * @throws net.taler.common.config.ConfigException if the groups are malformed
     */
    public static AgeMask groups(TalerConfig cfg) {
        try {
            return cfg.getString(SECTION, "AGE_GROUPS").map(String::trim).filter(s -> !s.isEmpty())
                    .map(AgeMask::parse).orElse(AgeMask.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw cfg.invalid(SECTION, "AGE_GROUPS", "a list of age groups like 8:10:12:14:16:18:21", e);
        }
    }

    /** Age mask per coin section: only if the extension is enabled and the section says {@code AGE_RESTRICTED = YES}. */
    public static Function<String, AgeMask> masksBySection(TalerConfig cfg) {
        if (!enabled(cfg)) {
            return section -> AgeMask.NONE;
        }
        AgeMask mask = groups(cfg);
        return section -> cfg.getYesNoOrFalse(section, "AGE_RESTRICTED") ? mask : AgeMask.NONE;
    }

    /** The manifests of the enabled extensions (Dec 2022: only {@code age_restriction}); empty if none. */
    public static ObjectNode manifests(TalerConfig cfg) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        if (enabled(cfg)) {
            ObjectNode ar = m.putObject("age_restriction");
            ar.put("critical", false);
            ar.put("version", "1");
            ar.putObject("config").put("age_groups", groups(cfg).toGroupString());
        }
        return m;
    }
}

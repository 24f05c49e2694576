package net.taler.offline;

import java.util.function.Function;

import net.taler.common.age.AgeMask;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;

/** The age-restriction extension's configuration, needed to sign denominations and the manifest. */
final class AgeRestriction {
    static final String SECTION = "exchange-extension-age_restriction";

    private AgeRestriction() {
    }

    static boolean enabled(TalerConfig cfg) {
        return cfg.getYesNoOrFalse(SECTION, "ENABLED");
    }

    /** Age mask per coin section: only if the extension is enabled and the section is age-restricted. */
    static Function<String, AgeMask> masksBySection(TalerConfig cfg) {
        if (!enabled(cfg)) {
            return section -> AgeMask.NONE;
        }
        AgeMask mask = groups(cfg);
        return section -> cfg.getYesNoOrFalse(section, "AGE_RESTRICTED") ? mask : AgeMask.NONE;
    }

    /** The configured {@code AGE_GROUPS}, or the default groups if unset. */
    static AgeMask groups(TalerConfig cfg) {
        try {
            return cfg.getString(SECTION, "AGE_GROUPS").map(String::trim).filter(s -> !s.isEmpty())
                    .map(AgeMask::parse).orElse(AgeMask.DEFAULT);
        } catch (RuntimeException e) {
            throw new ProgramException(ExitCodes.NOT_CONFIGURED,
                    "[" + SECTION + "] AGE_GROUPS is invalid: " + e.getMessage());
        }
    }
}

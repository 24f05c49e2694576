package net.taler.secmod.eddsa;

import java.time.Clock;

import net.taler.common.cli.Programs;
import net.taler.common.config.TalerConfig;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.SecmodProgram;
import picocli.CommandLine.Command;

/** {@code taler-exchange-secmod-eddsa}: holds the exchange's online signing keys (secmod.md). */
@Command(name = "taler-exchange-secmod-eddsa", sortOptions = false,
        description = "Security module holding the exchange's online EdDSA signing keys.")
public final class SecmodEddsaMain extends SecmodProgram {
    public static void main(String[] args) {
        Programs.main(new SecmodEddsaMain(), args);
    }

    @Override
    protected String section() {
        return EddsaSecmod.SECTION;
    }

    @Override
    protected SecmodCore<?> createCore(TalerConfig config, SecmodConfig secmod, Clock clock) {
        return EddsaSecmod.create(config, secmod, clock);
    }
}

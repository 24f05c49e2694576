package net.taler.secmod.cs;

import java.time.Clock;

import net.taler.common.cli.Programs;
import net.taler.common.config.TalerConfig;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.SecmodProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taler-exchange-secmod-cs}: holds the exchange's Clause-Schnorr denomination keys (secmod.md). */
@Command(name = "taler-exchange-secmod-cs", sortOptions = false,
        description = "Security module holding the exchange's Clause-Schnorr denomination keys.")
public final class SecmodCsMain extends SecmodProgram {
    @Option(names = {"-w", "--workers"}, paramLabel = "COUNT", defaultValue = "16",
            description = "number of worker threads for batch operations (default 16; 0 = number of CPUs)")
    int workers;

    public static void main(String[] args) {
        Programs.main(new SecmodCsMain(), args);
    }

    @Override
    protected String section() {
        return CsSecmod.SECTION;
    }

    @Override
    protected SecmodCore<?> createCore(TalerConfig config, SecmodConfig secmod, Clock clock) {
        return CsSecmod.create(config, secmod, workerCount(workers), clock);
    }
}

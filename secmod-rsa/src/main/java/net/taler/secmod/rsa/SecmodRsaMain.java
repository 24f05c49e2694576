package net.taler.secmod.rsa;

import java.time.Clock;

import net.taler.common.cli.Programs;
import net.taler.common.config.TalerConfig;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.SecmodProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taler-exchange-secmod-rsa}: holds the exchange's RSA denomination keys (secmod.md). */
@Command(name = "taler-exchange-secmod-rsa", sortOptions = false,
        description = "Security module holding the exchange's RSA denomination keys.")
public final class SecmodRsaMain extends SecmodProgram {
    @Option(names = {"-w", "--workers"}, paramLabel = "COUNT", defaultValue = "16",
            description = "number of worker threads for batch signing (default 16; 0 = number of CPUs)")
    int workers;

    public static void main(String[] args) {
        Programs.main(new SecmodRsaMain(), args);
    }

    @Override
    protected String section() {
        return RsaSecmod.SECTION;
    }

    @Override
    protected SecmodCore<?> createCore(TalerConfig config, SecmodConfig secmod, Clock clock) {
        return RsaSecmod.create(config, secmod, workerCount(workers), clock);
    }
}

package net.taler.secmod.server;

import java.time.Clock;
import java.time.Duration;
import java.util.logging.Logger;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.Shutdown;
import net.taler.common.cli.TalerProgram;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.ValueParsers;
import net.taler.common.time.Timestamp;
import picocli.CommandLine.Option;

/**
 * Base of the three {@code taler-exchange-secmod-*} programs (operations.md 3.2): the common
 * options plus {@code -t/--time}, configuration, start-up of a {@link SecmodCore} and an
 * orderly stop with exit code 0 on SIGTERM/SIGINT.
 */
public abstract class SecmodProgram extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(SecmodProgram.class.getName());

    @Option(names = {"-t", "--time"}, paramLabel = "TIMESTAMP",
            description = "pretend it is TIMESTAMP for the initial key update (e.g. '2023-01-31 12:00:00')")
    String time;

    /** The helper's configuration section. */
    protected abstract String section();

    /** Builds (but does not start) the helper from the configuration. */
    protected abstract SecmodCore<?> createCore(TalerConfig config, SecmodConfig secmod, Clock clock);

    @Override
    protected final int run() {
        Timestamp initial;
        if (time == null) {
            initial = Timestamp.now(clock());
        } else {
            try {
                initial = ValueParsers.absoluteTime(time);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid --time value '" + time + "': " + e.getMessage());
            }
            if (initial.isNever()) {
                throw new UsageException("--time must be a finite time");
            }
        }
        SecmodConfig sc = SecmodConfig.load(config(), section());
        SecmodCore<?> core = createCore(config(), sc, clock());
        new EffectiveSettings(spec.name()).add(sc.section(), "KEY_DIR", sc.keyDir())
                .add(sc.section(), "UNIXPATH", sc.unixPath()).add(sc.section(), "SM_PRIV_KEY", sc.smPrivateKeyFile())
                .add(sc.section(), "LOOKAHEAD_SIGN", sc.lookahead()).add(sc.section(), "OVERLAP_DURATION", sc.overlap())
                .note("-t (initial time)", initial).log(LOG);
        Shutdown shutdown = Shutdown.install(Duration.ofSeconds(10));
        try {
            core.start(initial);
            shutdown.awaitRequest();
            LOG.info("shutting down");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            core.close();
            shutdown.finished();
        }
        return ExitCodes.OK;
    }

    /** {@code -w}: 0 means one per CPU; negative is a usage error. */
    protected static int workerCount(int option) {
        if (option < 0) {
            throw new UsageException("--workers must not be negative");
        }
        return option == 0 ? Runtime.getRuntime().availableProcessors() : option;
    }
}

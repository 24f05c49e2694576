package net.taler.fakebank;

import java.time.Duration;
import java.util.logging.Logger;

import net.taler.common.amount.Amount;
import net.taler.common.amount.AmountException;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.cli.Programs;
import net.taler.common.cli.Shutdown;
import net.taler.common.cli.TalerProgram;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.TalerSettings;
import net.taler.http.HttpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taler-fakebank-run}: the in-memory bank (operations.md 4, wire-gateway.md 3). */
@Command(name = "taler-fakebank-run", sortOptions = false,
        description = "In-memory bank for tests and local runs (Wire Gateway, bank integration and bank access APIs).")
public final class FakebankMain extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(FakebankMain.class.getName());
    static final String SECTION = "bank";

    @Option(names = {"-C", "--connection-close"}, description = "force HTTP connections to be closed after each request")
    boolean connectionClose;

    @Option(names = {"-n", "--num-threads"}, paramLabel = "N",
            description = "size of the thread pool (0: single-threaded)")
    int numThreads = 1;

    @Option(names = {"-s", "--signup-bonus"}, paramLabel = "AMOUNT",
            description = "balance of accounts created via /testing/register (in [taler] CURRENCY)")
    String signupBonus;

    /** Set by tests: stops the program without a signal. */
    private volatile Shutdown shutdown;

    public static void main(String[] args) {
        Programs.main(new FakebankMain(), args);
    }

    @Override
    protected int run() throws Exception {
        if (numThreads < 0 || numThreads > 1024) {
            throw new UsageException("--num-threads must be in [0,1024]");
        }
        TalerConfig cfg = config();
        String currency = TalerSettings.currency(cfg);
        Amount bonus = null;
        if (signupBonus != null) {
            try {
                bonus = Amount.parse(signupBonus);
            } catch (AmountException e) {
                throw new UsageException("invalid --signup-bonus: " + e.getMessage());
            }
            if (!bonus.isCurrency(currency)) {
                throw new UsageException("--signup-bonus must be in currency " + currency + ", got " + signupBonus);
            }
        }
        long port = cfg.getNumber(SECTION, "HTTP_PORT").orElse((long) FakebankSettings.DEFAULT_PORT);
        if (port < 0 || port > 65535) {
            throw cfg.invalid(SECTION, "HTTP_PORT", "a TCP port number (0-65535)", null);
        }
        long ram = cfg.getNumber(SECTION, "RAM_LIMIT").orElse((long) FakebankSettings.DEFAULT_RAM_LIMIT);
        if (ram < 1 || ram > FakebankSettings.MAX_RAM_LIMIT) {
            throw cfg.invalid(SECTION, "RAM_LIMIT", "a number in [1," + FakebankSettings.MAX_RAM_LIMIT + "]", null);
        }
        String hostname = cfg.getString(SECTION, "HOSTNAME").map(String::trim).filter(s -> !s.isEmpty())
                .orElse("localhost");
        String suggested = cfg.getString(SECTION, "SUGGESTED_EXCHANGE").map(String::trim)
                .filter(s -> !s.isEmpty()).orElse(null);
        String bindTo = cfg.getString(SECTION, "BIND_TO").map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        FakebankSettings settings = new FakebankSettings(currency, hostname, (int) port, (int) ram, bonus, suggested,
                bindTo);
        // Connection limits, request deadlines, LONG_POLL_MAX and IDLE_TIMEOUT of [bank].
        HttpServer.Options opts = HttpServer.Options.defaults().withConfig(cfg, SECTION)
                .withConnectionClose(connectionClose).withWorkerThreads(Math.max(1, numThreads));
        opts.limits().describe(new EffectiveSettings(spec.name()), SECTION)
                .add(SECTION, "IDLE_TIMEOUT", opts.idleTimeoutSeconds() == 0 ? "never" : opts.idleTimeoutSeconds() + " s")
                .add("taler", "CURRENCY", currency)
                .add(SECTION, "HTTP_PORT", port).add(SECTION, "RAM_LIMIT", ram).add(SECTION, "HOSTNAME", hostname)
                .add(SECTION, "SUGGESTED_EXCHANGE", suggested).add(SECTION, "BIND_TO", bindTo).note("-s (signup bonus)", bonus)
                .note("-n (threads)", opts.workerThreads()).note("-C (connection close)", connectionClose)
                .log(LOG);

        Shutdown stop = shutdown != null ? shutdown : Shutdown.install(Duration.ofSeconds(5));
        Fakebank bank;
        try {
            bank = Fakebank.start(settings, opts, clock());
        } catch (java.io.IOException e) {
            throw new ProgramException(ExitCodes.FAILURE, "cannot listen on port " + port + ": " + e.getMessage(), e);
        }
        LOG.info(() -> "fakebank for " + currency + " listening on port " + bank.port());
        try {
            stop.awaitRequest();
        } finally {
            bank.close();
            stop.finished();
        }
        return ExitCodes.OK;
    }

    /** For tests: run with a manual stop handle instead of signal handlers. */
    FakebankMain withShutdown(Shutdown s) {
        this.shutdown = s;
        return this;
    }
}

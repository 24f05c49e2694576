package net.taler.httpd;

import java.time.Duration;
import java.util.logging.Logger;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.Programs;
import net.taler.common.cli.Shutdown;
import net.taler.common.cli.TalerProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code taler-exchange-httpd}: the exchange's REST service (operations.md 3.3). Parses the
 * options, runs one {@link ExchangeServer} (the composition root) until SIGTERM/SIGINT or
 * {@code MAX_REQUESTS}.
 */
@Command(name = "taler-exchange-httpd", sortOptions = false,
        description = "The Taler exchange's HTTP service (wallet, merchant and management API).")
public final class ExchangeHttpdMain extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(ExchangeHttpdMain.class.getName());

    @Option(names = {"-a", "--allow-timetravel"}, description = "allow clients to ask /keys for other times (testing)")
    boolean allowTimetravel;

    @Option(names = {"-C", "--connection-close"}, description = "force HTTP connections to be closed after each request")
    boolean connectionClose;

    @Option(names = {"-I", "--check-invariants"},
            description = "verify every signature the security modules return before it is used (expensive)")
    boolean checkInvariants;

    @Option(names = {"-r", "--allow-reuse-address"},
            description = "set SO_REUSEPORT so that several httpd processes can share the port")
    boolean reusePort;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS",
            description = "close connections idle for SECONDS (0: never; default: [exchange] IDLE_TIMEOUT, 30 s)")
    Integer timeoutSeconds;

    public static void main(String[] args) {
        Programs.main(new ExchangeHttpdMain(), args);
    }

    @Override
    protected int run() throws Exception {
        if (timeoutSeconds != null && (timeoutSeconds < 0 || timeoutSeconds > 3600)) {
            throw new UsageException("--timeout must be in [0,3600]");
        }
        ExchangeServer exchange = ExchangeServer.create(config(), clock(),
                new ExchangeServer.Options(allowTimetravel, connectionClose, checkInvariants, reusePort,
                        timeoutSeconds));
        Shutdown shutdown = Shutdown.install(Duration.ofSeconds(10));
        try {
            exchange.start();
            Thread stopper = new Thread(() -> {
                try {
                    exchange.awaitStop();
                    LOG.info("MAX_REQUESTS reached, stopping");
                    shutdown.request();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "max-requests");
            stopper.setDaemon(true);
            stopper.start();
            shutdown.awaitRequest();
        } finally {
            exchange.close();
            shutdown.finished();
        }
        return ExitCodes.OK;
    }
}

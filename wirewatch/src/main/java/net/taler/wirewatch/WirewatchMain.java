package net.taler.wirewatch;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import net.taler.common.bank.ExchangeAccounts;
import net.taler.common.bank.ExchangeAccounts.ExchangeAccount;
import net.taler.common.bank.WireGatewayClient;
import net.taler.common.bank.WireGatewayCredentials;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.cli.Programs;
import net.taler.common.cli.Shutdown;
import net.taler.common.cli.TalerProgram;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.db.conn.DbConfig;
import net.taler.db.conn.DbException;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.shard.WorkShards;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code taler-exchange-wirewatch}: imports incoming bank transfers into reserves
 * (operations.md 3.4). Reads the configuration, picks the credit-enabled account, opens the
 * database and the Wire Gateway client and runs the {@link Wirewatch} loop until SIGTERM/SIGINT
 * (or, with {@code -t}, until a pass finds nothing new).
 */
@Command(name = "taler-exchange-wirewatch", sortOptions = false,
        description = "Import incoming wire transfers from the bank and credit reserves.")
public final class WirewatchMain extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(WirewatchMain.class.getName());
    /** Connections per process: the loop is single-threaded; one spare for the shard release on exit. */
    static final int DB_POOL = 2;
    static final long MAX_SHARD_SIZE = 1L << 40;
    /**
     * How long one attempt waits for a database connection: short, so that while the database
     * is down the loop's back-off (not the pool) paces the attempts.
     */
    static final Duration DB_CONNECTION_TIMEOUT = Duration.ofSeconds(3);

    @Option(names = {"-a", "--account"}, paramLabel = "SECTION",
            description = "watch the account of configuration section SECTION (required if several accounts have ENABLE_CREDIT)")
    String accountName;

    @Option(names = {"-e", "--exit-on-error"}, description = "exit if a request to the bank fails")
    boolean exitOnError;

    @Option(names = {"-I", "--ignore-not-found"}, description = "treat a 404 from the bank as 'no transactions'")
    boolean ignoreNotFound;

    @Option(names = {"-S", "--size"}, paramLabel = "SIZE", description = "shard size in bank row ids (default: 1024)")
    long shardSize = 1024;

    @Option(names = {"-t", "--test"}, description = "test mode: no long polling; exit once nothing new arrives")
    boolean testMode;

    @Option(names = {"-w", "--workers"}, paramLabel = "COUNT",
            description = "expected number of parallel wirewatch processes, sizes shard lock times (default: 16)")
    int workers = 16;

    private Shutdown shutdown;

    public static void main(String[] args) {
        Programs.main(new WirewatchMain(), args);
    }

    /** Uses {@code s} instead of SIGTERM/SIGINT handlers (tests, embedding). */
    WirewatchMain withShutdown(Shutdown s) {
        this.shutdown = s;
        return this;
    }

    @Override
    protected int run() throws Exception {
        if (shardSize < 1 || shardSize > MAX_SHARD_SIZE) {
            throw new UsageException("--size must be between 1 and " + MAX_SHARD_SIZE);
        }
        if (workers < 1 || workers > 1_000_000) {
            throw new UsageException("--workers must be between 1 and 1000000");
        }
        TalerConfig cfg = config();
        WirewatchSettings.FromConfig fc = WirewatchSettings.readConfig(cfg);
        ExchangeAccount account = selectAccount(cfg);
        WireGatewayCredentials credentials = account.credentials(cfg);
        WirewatchSettings settings = new WirewatchSettings(fc.currency(), account, fc.idleSleep(),
                fc.idleReserveExpiration(), fc.legalReserveExpiration(), shardSize, workers, testMode, exitOnError,
                ignoreNotFound, testMode ? Duration.ZERO : WirewatchSettings.LONG_POLL);
        settings.describe(new EffectiveSettings(spec.name()), cfg)
                .add(DbConfig.SECTION, DbConfig.OPTION, DbConfig.connectionString(cfg, cfg.environment()))
                .log(LOG);

        ExchangeDb db;
        try {
            // no retries inside the pool: the loop halves its batches on serialization failures instead
            // the pool connects lazily: a database that is not up yet is waited for by the loop
            db = ExchangeDb.open(DbConfig.target(cfg, cfg.environment()), DB_POOL, 0, DB_CONNECTION_TIMEOUT);
        } catch (IllegalArgumentException e) {
            throw new ProgramException(ExitCodes.NOT_CONFIGURED, e.getMessage());
        }
        Shutdown stop = shutdown != null ? shutdown : Shutdown.install(Duration.ofSeconds(10));
        try (db; WireGatewayClient bank = new WireGatewayClient(credentials, settings.currency())) {
            BatchSize batch = new BatchSize();
            CreditImporter importer = new CreditImporter(db, new ReserveRepository(db, settings.currency()),
                    settings, batch);
            Wirewatch loop = new Wirewatch(settings, bank, new WorkShards(db, clock()), importer, batch, stop, clock());
            LOG.info("watching " + account.section() + " at " + credentials.baseUrl()
                    + (testMode ? " (test mode)" : ""));
            try {
                return loop.run();
            } catch (DbException e) {
                throw new ProgramException(ExitCodes.FAILURE, "exchange database failure: " + e.getMessage(), e);
            }
        } finally {
            stop.finished();
        }
    }

    /** The account to watch: exit 2 if none is credit-enabled, or several are and {@code -a} is missing. */
    private ExchangeAccount selectAccount(TalerConfig cfg) {
        List<ExchangeAccount> credit = ExchangeAccounts.creditAccounts(cfg);
        if (credit.isEmpty()) {
            throw new ProgramException(ExitCodes.INVALID_ARGUMENT,
                    "no exchange-account-* section has ENABLE_CREDIT = YES: nothing to watch");
        }
        if (accountName != null) {
            return ExchangeAccounts.find(credit, accountName).orElseThrow(() -> new ProgramException(
                    ExitCodes.INVALID_ARGUMENT, "account '" + accountName + "' is not configured with ENABLE_CREDIT = YES"
                            + " (credit accounts: " + names(credit) + ")"));
        }
        if (credit.size() > 1) {
            throw new ProgramException(ExitCodes.INVALID_ARGUMENT,
                    "several accounts have ENABLE_CREDIT = YES (" + names(credit) + "): choose one with -a");
        }
        return credit.get(0);
    }

    private static String names(List<ExchangeAccount> accounts) {
        return accounts.stream().map(ExchangeAccount::section).collect(Collectors.joining(", "));
    }
}

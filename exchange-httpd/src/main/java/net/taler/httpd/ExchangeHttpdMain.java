package net.taler.httpd;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.age.AgeRestrictionConfig;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.cli.Programs;
import net.taler.common.cli.Shutdown;
import net.taler.common.cli.TalerProgram;
import net.taler.common.config.TalerConfig;
import net.taler.http.HttpServer;
import net.taler.http.ListenSettings;
import net.taler.http.Router;
import net.taler.http.Router.Execution;
import net.taler.db.auditor.AuditorRepository;
import net.taler.db.conn.DbConfig;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.drain.DrainRepository;
import net.taler.db.extensions.ExtensionRepository;
import net.taler.db.fees.FeeRepository;
import net.taler.db.history.HistoryRepository;
import net.taler.db.keys.DenominationRepository;
import net.taler.db.keys.KeyStateReader;
import net.taler.db.keys.KeyUploadRepository;
import net.taler.db.keys.RevocationRepository;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.wire.WireAccountRepository;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.denom.DenominationLookup;
import net.taler.httpd.reserve.ReserveHistoryJson;
import net.taler.httpd.reserve.ReserveStatusEndpoint;
import net.taler.httpd.reserve.ReserveWatcher;
import net.taler.httpd.sign.OnlineSigner;
import net.taler.httpd.sign.SecurityModules;
import net.taler.httpd.withdraw.BatchWithdrawEndpoint;
import net.taler.httpd.withdraw.CsrWithdrawEndpoint;
import net.taler.httpd.withdraw.WithdrawEndpoint;
import net.taler.httpd.withdraw.WithdrawService;
import net.taler.db.notify.NotificationHub;
import net.taler.httpd.keys.KeyStateBuilder;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.keys.KeysEndpoint;
import net.taler.httpd.keys.WireEndpoint;
import net.taler.httpd.management.Auditors;
import net.taler.httpd.management.Drain;
import net.taler.httpd.management.Extensions;
import net.taler.httpd.management.Fees;
import net.taler.httpd.management.KeysUpload;
import net.taler.httpd.management.ManagementContext;
import net.taler.httpd.management.Revocations;
import net.taler.httpd.management.WireAccounts;
import net.taler.httpd.misc.StaticEndpoints;
import net.taler.httpd.terms.LegalDocuments;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code taler-exchange-httpd}: the exchange's REST service (operations.md 3.3). Wires the
 * configuration, database, security-module clients, key state and routes together explicitly.
 */
@Command(name = "taler-exchange-httpd", sortOptions = false,
        description = "The Taler exchange's HTTP service (wallet, merchant and management API).")
public final class ExchangeHttpdMain extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(ExchangeHttpdMain.class.getName());
    /** Database connections of one httpd process (the worker pool is sized to match). */
    static final int DB_POOL = 16;

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
            description = "close connections idle for SECONDS (default: 30, 0: never)")
    int timeoutSeconds = 30;

    public static void main(String[] args) {
        Programs.main(new ExchangeHttpdMain(), args);
    }

    @Override
    protected int run() throws Exception {
        if (timeoutSeconds < 0) {
            throw new UsageException("--timeout must not be negative");
        }
        TalerConfig cfg = config();
        ExchangeSettings settings = ExchangeSettings.fromConfig(cfg);
        var sections = KeyStateBuilder.coinSections(cfg, settings.currency());
        ListenSettings listen = ListenSettings.fromConfig(cfg, ExchangeSettings.SECTION, cfg.environment(),
                ProcessHandle.current().pid(), reusePort);
        var terms = LegalDocuments.load(cfg, "TERMS_DIR", "TERMS_ETAG", clock());
        var privacy = LegalDocuments.load(cfg, "PRIVACY_DIR", "PRIVACY_ETAG", clock());
        String sourceUrl = cfg.getString(ExchangeSettings.SECTION, "SOURCE_URL").orElse(StaticEndpoints.DEFAULT_SOURCE_URL);

        SecurityModules modules = SecurityModules.fromConfig(cfg);
        OnlineSigner signer = new OnlineSigner(modules.eddsa(), checkInvariants);

        ExchangeDb db;
        try {
            db = DbConfig.open(cfg, DB_POOL);
        } catch (IllegalArgumentException e) {
            throw new ProgramException(ExitCodes.NOT_CONFIGURED, e.getMessage());
        } catch (RuntimeException e) {
            throw new ProgramException(ExitCodes.FAILURE, "cannot connect to the exchange database: " + e.getMessage(), e);
        }
        String currency = settings.currency();
        NotificationHub hub = new NotificationHub(DbConfig.target(cfg, cfg.environment()));
        KeyStateBuilder builder = new KeyStateBuilder(settings, sections, AgeRestrictionConfig.manifests(cfg),
                new KeyStateReader(db, currency), modules, signer);
        KeyStateService keys = new KeyStateService(builder, modules, hub, clock());
        ManagementContext mgmt = new ManagementContext(settings, new KeyUploadRepository(db, currency),
                new RevocationRepository(db), new AuditorRepository(db), new WireAccountRepository(db),
                new FeeRepository(db, currency), new DrainRepository(db, currency), new ExtensionRepository(db),
                new DenominationRepository(db, currency), keys, modules);
        OperationContext ops = new OperationContext(settings, keys, signer,
                new ReserveRepository(db, settings.currency()), new HistoryRepository(db, settings.currency()),
                clock());
        ReserveWatcher reserveWatcher = new ReserveWatcher(hub);
        ExecutorService recheck = boundedPool("long-poll-recheck", 4, 10_000);

        Router router = routes(settings, keys, mgmt, terms, privacy, new StaticEndpoints(settings, sourceUrl),
                allowTimetravel);
        walletRoutes(router, ops, reserveWatcher, recheck, new BlindSigner(modules, checkInvariants));
        HttpServer.Options opts = HttpServer.Options.defaults().withConnectionClose(connectionClose)
                .withIdleTimeoutSeconds(timeoutSeconds).withMaxRequests(settings.maxRequests())
                .withWorkerThreads(DB_POOL);
        Shutdown shutdown = Shutdown.install(Duration.ofSeconds(10));
        HttpServer server = new HttpServer("taler-exchange-httpd", router, opts);
        try {
            try {
                server.start(listen); // bind first: a taken port fails before any database work
            } catch (java.io.IOException e) {
                throw new ProgramException(ExitCodes.FAILURE, e.getMessage(), e);
            }
            keys.start();
            hub.start();
            Thread stopper = new Thread(() -> {
                try {
                    server.awaitStop();
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
            server.close();
            hub.close();
            reserveWatcher.close();
            recheck.shutdownNow();
            keys.close();
            modules.close();
            db.close();
            shutdown.finished();
        }
        return ExitCodes.OK;
    }

    /** The wallet-facing coin and reserve routes (exchange-api.md 3-6), all on the worker pool. */
    static void walletRoutes(Router r, OperationContext ops, ReserveWatcher watcher, Executor recheck,
            BlindSigner blindSigner) {
        DenominationLookup denominations = new DenominationLookup(ops.signer());
        WithdrawService withdraw = new WithdrawService(ops, denominations, blindSigner,
                new ReserveHistoryJson(ops.signer()));
        ReserveStatusEndpoint status = new ReserveStatusEndpoint(ops.reserves(), watcher, recheck);
        WithdrawEndpoint single = new WithdrawEndpoint(withdraw);
        BatchWithdrawEndpoint batch = new BatchWithdrawEndpoint(withdraw);
        CsrWithdrawEndpoint csr = new CsrWithdrawEndpoint(ops, denominations, blindSigner);
        r.add(HttpMethod.GET, "/reserves/{}", Execution.WORKER, status::handle);
        r.add(HttpMethod.POST, "/reserves/{}/withdraw", Execution.WORKER, single::handle);
        r.add(HttpMethod.POST, "/reserves/{}/batch-withdraw", Execution.WORKER, batch::handle);
        r.add(HttpMethod.POST, "/csr-withdraw", Execution.WORKER, csr::handle);
    }

    /** A fixed pool with a bounded queue (a full queue rejects: the request fails, the process lives). */
    static ExecutorService boundedPool(String name, int threads, int queue) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), run -> {
            Thread t = new Thread(run, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** All routes of the exchange (exchange-api.md 1.7, operations.md 3.3). */
    static Router routes(ExchangeSettings settings, KeyStateService keys, ManagementContext mgmt,
            LegalDocuments terms, LegalDocuments privacy, StaticEndpoints statics, boolean allowTimetravel) {
        KeysUpload keysUpload = new KeysUpload(mgmt);
        Revocations revocations = new Revocations(mgmt);
        Auditors auditors = new Auditors(mgmt);
        WireAccounts wire = new WireAccounts(mgmt);
        Fees fees = new Fees(mgmt);
        Drain drain = new Drain(mgmt);
        Extensions extensions = new Extensions(mgmt);
        KeysEndpoint keysEndpoint = new KeysEndpoint(keys, allowTimetravel);
        WireEndpoint wireEndpoint = new WireEndpoint(keys);
        Router r = new Router();
        HttpMethod get = HttpMethod.GET;
        HttpMethod post = HttpMethod.POST;
        // Cached replies are served on the event loop; everything touching the database or a
        // security module runs on the worker pool (docs/concurrency.md).
        r.add(get, "/", Execution.EVENT_LOOP, statics::root);
        r.add(get, "/robots.txt", Execution.EVENT_LOOP, statics::robots);
        r.add(get, "/agpl", Execution.EVENT_LOOP, statics::agpl);
        r.add(get, "/seed", Execution.EVENT_LOOP, statics::seed);
        r.add(get, "/config", Execution.EVENT_LOOP, statics::config);
        r.add(get, "/keys", allowTimetravel ? Execution.WORKER : Execution.EVENT_LOOP, keysEndpoint::handle);
        r.add(get, "/wire", Execution.EVENT_LOOP, wireEndpoint::handle);
        r.add(get, "/terms", Execution.EVENT_LOOP, terms::handle);
        r.add(get, "/privacy", Execution.EVENT_LOOP, privacy::handle);

        r.add(get, "/management/keys", Execution.WORKER, keysUpload::get);
        r.add(post, "/management/keys", Execution.WORKER, keysUpload::post);
        r.add(post, "/management/denominations/{}/revoke", Execution.WORKER, revocations::denomination);
        r.add(post, "/management/signkeys/{}/revoke", Execution.WORKER, revocations::signkey);
        r.add(post, "/management/auditors", Execution.WORKER, auditors::enable);
        r.add(post, "/management/auditors/{}/disable", Execution.WORKER, auditors::disable);
        r.add(post, "/management/wire", Execution.WORKER, wire::enable);
        r.add(post, "/management/wire/disable", Execution.WORKER, wire::disable);
        r.add(post, "/management/wire-fee", Execution.WORKER, fees::wireFee);
        r.add(post, "/management/global-fee", Execution.WORKER, fees::globalFee);
        r.add(post, "/management/drain", Execution.WORKER, drain::post);
        r.add(post, "/management/extensions", Execution.WORKER, extensions::post);
        r.add(post, "/auditors/{}/{}", Execution.WORKER, auditors::denominationSignature);
        return r;
    }
}

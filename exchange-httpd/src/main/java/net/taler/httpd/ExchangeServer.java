package net.taler.httpd;

import java.io.IOException;
import java.net.SocketAddress;
import java.time.Clock;
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
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.RsaSecmodClient;
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
import net.taler.db.notify.NotificationHub;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.wire.WireAccountRepository;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.denom.DenominationLookup;
import net.taler.httpd.keys.KeyStateBuilder;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.keys.KeysEndpoint;
import net.taler.httpd.keys.WireEndpoint;
import net.taler.httpd.management.Auditors;
import net.taler.httpd.management.Drain;
import net.taler.httpd.management.Extensions;
import net.taler.httpd.management.Fees;
import net.taler.httpd.management.KeysUpload;
import net.taler.httpd.management.Revocations;
import net.taler.httpd.management.WireAccounts;
import net.taler.httpd.misc.StaticEndpoints;
import net.taler.httpd.reserve.InsufficientFunds;
import net.taler.httpd.reserve.ReserveHistoryJson;
import net.taler.httpd.reserve.ReserveStatusEndpoint;
import net.taler.httpd.reserve.ReserveWatcher;
import net.taler.httpd.sign.OnlineSigner;
import net.taler.httpd.sign.SecurityModules;
import net.taler.httpd.terms.LegalDocuments;
import net.taler.httpd.withdraw.BatchWithdrawEndpoint;
import net.taler.httpd.withdraw.CsrWithdrawEndpoint;
import net.taler.httpd.withdraw.WithdrawEndpoint;
import net.taler.httpd.withdraw.WithdrawChecks;

/**
 * The exchange's composition root: builds configuration-derived settings, database pool,
 * security-module clients, key state, routes and HTTP server explicitly, from a
 * {@link TalerConfig} and a {@link Clock}. {@link ExchangeHttpdMain} runs one per process; tests
 * run one in-process. {@link #create} does no network work except opening the database pool;
 * {@link #start} binds first, so a taken port fails before the key state touches the database.
 */
public final class ExchangeServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ExchangeServer.class.getName());
    /** Database connections of one httpd process (the worker pool is sized to match). */
    static final int DB_POOL = 16;

    /**
     * The command-line flags of {@code taler-exchange-httpd} that shape the server.
     *
     * @param allowTimetravel {@code -a}: clients may ask {@code /keys} for other times
     * @param connectionClose {@code -C}: close HTTP connections after each request
     * @param checkInvariants {@code -I}: verify every signature of the security modules before use
     * @param reusePort {@code -r}: SO_REUSEPORT on the listen socket
     * @param idleTimeoutSeconds {@code -t}: close idle connections (0: never); null: {@code [exchange]
     *        IDLE_TIMEOUT}, default 30 s
     */
    public record Options(boolean allowTimetravel, boolean connectionClose, boolean checkInvariants,
            boolean reusePort, Integer idleTimeoutSeconds) {
        /** The defaults of the command line. */
        public static Options defaults() {
            return new Options(false, false, false, false, null);
        }
    }

    private final ExchangeSettings settings;
    private final ListenSettings listen;
    private final SecurityModules modules;
    private final ExchangeDb db;
    private final NotificationHub hub;
    private final KeyStateService keys;
    private final ReserveWatcher reserveWatcher;
    private final ExecutorService recheck;
    private final Router router;
    private final HttpServer.Options httpOptions;
    private HttpServer server;

    private ExchangeServer(ExchangeSettings settings, ListenSettings listen, SecurityModules modules, ExchangeDb db,
            NotificationHub hub, KeyStateService keys, ReserveWatcher reserveWatcher,
            ExecutorService recheck, Router router, HttpServer.Options httpOptions) {
        this.settings = settings;
        this.listen = listen;
        this.modules = modules;
        this.db = db;
        this.hub = hub;
        this.keys = keys;
        this.reserveWatcher = reserveWatcher;
        this.recheck = recheck;
        this.router = router;
        this.httpOptions = httpOptions;
    }

    /**
     * Builds the exchange (not yet serving). Configuration errors are {@code ConfigException}s
     * (exit 6), database problems {@link ProgramException}s (exit 6 or 1).
     */
    public static ExchangeServer create(TalerConfig cfg, Clock clock, Options options) {
        ExchangeSettings settings = ExchangeSettings.fromConfig(cfg);
        var sections = KeyStateBuilder.coinSections(cfg, settings.currency());
        ListenSettings listen = ListenSettings.fromConfig(cfg, ExchangeSettings.SECTION, cfg.environment(),
                ProcessHandle.current().pid(), options.reusePort());
        var terms = LegalDocuments.load(cfg, "TERMS_DIR", "TERMS_ETAG", clock);
        var privacy = LegalDocuments.load(cfg, "PRIVACY_DIR", "PRIVACY_ETAG", clock);
        String sourceUrl = cfg.getString(ExchangeSettings.SECTION, "SOURCE_URL").orElse(StaticEndpoints.DEFAULT_SOURCE_URL);

        // Connection limits, request deadlines, long-poll cap and IDLE_TIMEOUT of [exchange]; -t wins.
        HttpServer.Options http = HttpServer.Options.defaults().withConfig(cfg, ExchangeSettings.SECTION);
        if (options.idleTimeoutSeconds() != null) {
            http = http.withIdleTimeoutSeconds(options.idleTimeoutSeconds());
        }
        HttpServer.Options opts = http.withConnectionClose(options.connectionClose())
                .withMaxRequests(settings.maxRequests()).withWorkerThreads(DB_POOL);

        SecurityModules modules = SecurityModules.fromConfig(cfg);
        opts.limits().describe(settings.describe(new EffectiveSettings("taler-exchange-httpd")), ExchangeSettings.SECTION)
                .add(ExchangeSettings.SECTION, "IDLE_TIMEOUT", opts.idleTimeoutSeconds() == 0 ? "never"
                        : opts.idleTimeoutSeconds() + " s")
                .note("listen", listen)
                .note("coin sections", String.join(", ", sections.keySet()))
                .add(RsaSecmodClient.SECTION, "UNIXPATH", modules.rsa().socket())
                .add(CsSecmodClient.SECTION, "UNIXPATH", modules.cs().socket())
                .add(EddsaSecmodClient.SECTION, "UNIXPATH", modules.eddsa().socket())
                .add(DbConfig.SECTION, DbConfig.OPTION, DbConfig.connectionString(cfg, cfg.environment()))
                .note("options", options)
                .log(LOG);
        OnlineSigner signer = new OnlineSigner(modules.eddsa(), options.checkInvariants());

        ExchangeDb db;
        try {
            db = ExchangeDb.open(DbConfig.target(cfg, cfg.environment()), DB_POOL, ExchangeDb.DEFAULT_MAX_RETRIES,
                    settings.dbAcquireTimeout());
        } catch (IllegalArgumentException e) {
            modules.close();
            throw new ProgramException(ExitCodes.NOT_CONFIGURED, e.getMessage());
        } catch (RuntimeException e) {
            modules.close();
            throw new ProgramException(ExitCodes.FAILURE, "cannot connect to the exchange database: " + e.getMessage(), e);
        }
        String currency = settings.currency();
        NotificationHub hub = new NotificationHub(DbConfig.target(cfg, cfg.environment()));
        KeyStateBuilder builder = new KeyStateBuilder(settings, sections, AgeRestrictionConfig.manifests(cfg),
                new KeyStateReader(db, currency), modules, signer);
        KeyStateService keys = new KeyStateService(builder, modules, hub, clock);
        ReserveRepository reserves = new ReserveRepository(db, currency);
        InsufficientFunds insufficientFunds = new InsufficientFunds(new HistoryRepository(db, currency),
                new ReserveHistoryJson(signer));
        ReserveWatcher reserveWatcher = new ReserveWatcher(hub);
        ExecutorService recheck = boundedPool("long-poll-recheck", 4, 10_000);

        Router router = routes(keys, terms, privacy, new StaticEndpoints(settings, sourceUrl),
                options.allowTimetravel());
        managementRoutes(router, settings, db, keys, modules);
        router.failureReplies(DatabaseDown::replyFor);
        BlindSigner blindSigner = new BlindSigner(modules, options.checkInvariants());
        DenominationLookup denominations = new DenominationLookup(signer);
        WithdrawChecks withdrawChecks = new WithdrawChecks(denominations);
        // Each endpoint gets exactly what it uses (docs/adding-an-endpoint.md).
        router.add(HttpMethod.GET, "/reserves/{}", Execution.WORKER,
                new ReserveStatusEndpoint(reserves, reserveWatcher, recheck, opts.limits().longPollMax())::handle);
        router.add(HttpMethod.POST, "/reserves/{}/withdraw", Execution.WORKER, new WithdrawEndpoint(settings, clock,
                keys, withdrawChecks, blindSigner, reserves, insufficientFunds)::handle);
        router.add(HttpMethod.POST, "/reserves/{}/batch-withdraw", Execution.WORKER, new BatchWithdrawEndpoint(
                settings, clock, keys, withdrawChecks, blindSigner, reserves, insufficientFunds)::handle);
        router.add(HttpMethod.POST, "/csr-withdraw", Execution.WORKER,
                new CsrWithdrawEndpoint(settings, clock, keys, denominations, blindSigner)::handle);
        return new ExchangeServer(settings, listen, modules, db, hub, keys, reserveWatcher, recheck, router, opts);
    }

    /** Binds to the configured listen settings, then starts the key state and the database LISTEN. */
    public void start() {
        start(listen);
    }

    /**
     * Binds to {@code listenOn} (before any database work: a taken port fails first), then starts
     * the key state and the database LISTEN (key state and reserve long polls).
     *
     * @throws ProgramException (exit 1) if the socket cannot be opened
     */
    public void start(ListenSettings listenOn) {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        server = new HttpServer("taler-exchange-httpd", router, httpOptions);
        try {
            server.start(listenOn);
        } catch (IOException e) {
            throw new ProgramException(ExitCodes.FAILURE, e.getMessage(), e);
        }
        keys.start();
        hub.start();
    }

    /** The listen settings of the configuration ({@code SERVE}, {@code PORT}, …). */
    public ListenSettings listenSettings() {
        return listen;
    }

    /** The bound address (e.g. the port chosen for {@code PORT = 0}); only after {@link #start}. */
    public SocketAddress localAddress() {
        return requireServer().localAddress();
    }

    /** Blocks until the server stops by itself ({@code MAX_REQUESTS} reached). */
    public void awaitStop() throws InterruptedException {
        requireServer().awaitStop();
    }

    private HttpServer requireServer() {
        if (server == null) {
            throw new IllegalStateException("not started");
        }
        return server;
    }

    public ExchangeSettings settings() {
        return settings;
    }

    /** The key state (tests wait for or force a rebuild). */
    public KeyStateService keys() {
        return keys;
    }

    /** The LISTEN thread waking reserve long polls (tests wait until it listens). */
    public ReserveWatcher reserveWatcher() {
        return reserveWatcher;
    }

    /** The routes (tests enumerate the API with it). */
    public Router router() {
        return router;
    }

    /** The database pool. */
    public ExchangeDb database() {
        return db;
    }

    /** Stops serving, then the watchers, the helper connections and the database pool. */
    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        hub.close();
        reserveWatcher.close();
        recheck.shutdownNow();
        keys.close();
        modules.close();
        db.close();
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

    /** The public routes of the exchange that serve cached replies (exchange-api.md 1.7, 2). */
    static Router routes(KeyStateService keys, LegalDocuments terms, LegalDocuments privacy, StaticEndpoints statics,
            boolean allowTimetravel) {
        KeysEndpoint keysEndpoint = new KeysEndpoint(keys, allowTimetravel);
        WireEndpoint wireEndpoint = new WireEndpoint(keys);
        Router r = new Router();
        HttpMethod get = HttpMethod.GET;
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
        return r;
    }

    /**
     * The management API used by the offline tools (operations.md 3.3), all on the worker pool;
     * each endpoint gets exactly its repository, the key state it refreshes after an upload and,
     * for revocations, the security modules it tells.
     */
    static void managementRoutes(Router r, ExchangeSettings settings, ExchangeDb db, KeyStateService keys,
            SecurityModules modules) {
        String currency = settings.currency();
        KeysUpload keysUpload = new KeysUpload(settings, new KeyUploadRepository(db, currency), keys);
        Revocations revocations = new Revocations(settings, new RevocationRepository(db), keys, modules);
        Auditors auditors = new Auditors(settings, new AuditorRepository(db), new DenominationRepository(db, currency),
                keys);
        WireAccounts wire = new WireAccounts(settings, new WireAccountRepository(db), keys);
        Fees fees = new Fees(settings, new FeeRepository(db, currency), keys);
        Drain drain = new Drain(settings, new DrainRepository(db, currency));
        Extensions extensions = new Extensions(settings, new ExtensionRepository(db), keys);
        r.add(HttpMethod.GET, "/management/keys", Execution.WORKER, keysUpload::get);
        r.add(HttpMethod.POST, "/management/keys", Execution.WORKER, keysUpload::post);
        r.add(HttpMethod.POST, "/management/denominations/{}/revoke", Execution.WORKER, revocations::denomination);
        r.add(HttpMethod.POST, "/management/signkeys/{}/revoke", Execution.WORKER, revocations::signkey);
        r.add(HttpMethod.POST, "/management/auditors", Execution.WORKER, auditors::enable);
        r.add(HttpMethod.POST, "/management/auditors/{}/disable", Execution.WORKER, auditors::disable);
        r.add(HttpMethod.POST, "/management/wire", Execution.WORKER, wire::enable);
        r.add(HttpMethod.POST, "/management/wire/disable", Execution.WORKER, wire::disable);
        r.add(HttpMethod.POST, "/management/wire-fee", Execution.WORKER, fees::wireFee);
        r.add(HttpMethod.POST, "/management/global-fee", Execution.WORKER, fees::globalFee);
        r.add(HttpMethod.POST, "/management/drain", Execution.WORKER, drain::post);
        r.add(HttpMethod.POST, "/management/extensions", Execution.WORKER, extensions::post);
        r.add(HttpMethod.POST, "/auditors/{}/{}", Execution.WORKER, auditors::denominationSignature);
    }
}

package net.taler.httpd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import net.taler.common.amount.Amount;
import net.taler.common.cli.Programs;
import net.taler.common.config.ConfigLoader;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Hashes;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.testing.ManualClock;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.PgConnectionString;
import net.taler.db.dbinit.SchemaManager;
import net.taler.db.reserve.ReserveRepository;
import net.taler.httpd.ExchangeServer;
import net.taler.offline.OfflineMain;
import net.taler.secmod.cs.CsSecmod;
import net.taler.secmod.eddsa.EddsaSecmod;
import net.taler.secmod.rsa.RsaSecmod;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgServer;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.ExchangeKeys;
import net.taler.testsupport.wallet.JsonHttp;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawOptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Store.CloseableResource;
import picocli.CommandLine;

/**
 * A complete exchange in the test JVM. Test classes that neither change keys nor move the clock
 * share one, started on first use and stopped after the last test class of the JVM:
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ExchangeKit EXCHANGE = ExchangeKit.shared();
 * }</pre>
 *
 * <p>A class that revokes keys, moves the clock, runs the offline tool or needs another
 * configuration starts its own, once for the class ({@link #create()}, {@link #withConfig}), or
 * inside a test ({@link #withoutKeyup()} with {@link #startNow}, closed by the test).
 *
 * <p>What runs is what the install tree runs, minus the processes: a fresh database of the
 * PostgreSQL fixture with the schema of {@code taler-exchange-dbinit}, the three security
 * modules on UNIX sockets in a temporary directory, {@link ExchangeServer} (real router and HTTP
 * server on a loopback port chosen by the kernel), and the harness's key-up done by
 * {@link OfflineMain} itself ({@code download sign upload}, wire account, fees). All of it runs
 * on one {@link ManualClock}, frozen at the start: tests move time by hand
 * ({@link #advanceClock}), so validity periods need no sleeping. Once the JVM is warm a kit
 * starts in under a second: its database is a copy of a template made once per JVM
 * ({@link #schemaTemplate}), and it is stopped in the background ({@link #STOPPER}).
 *
 * <p>Reserves are credited with {@code exchange_do_reserve_credit} through
 * {@link ReserveRepository#credit}, the call wirewatch makes per bank transfer; its NOTIFY
 * wakes long polls as in production. Tests stay independent by using fresh reserves.
 */
public final class ExchangeKit implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
    public static final String CURRENCY = "TESTKUDOS";
    public static final String PAYTO = "payto://x-taler-bank/localhost/exchange?receiver-name=Exchange";
    /** The sender of every credit (what the fakebank's {@code admin/add-incoming} reports). */
    public static final String DEBTOR = "payto://x-taler-bank/localhost/testdebtor?receiver-name=Test";
    public static final String ACCOUNT_SECTION = "exchange-account-1";
    /** The coin sections of the standard exchange (as the dist testbed has them). */
    public static final List<Coin> COINS = List.of(new Coin("COIN_TESTKUDOS_U1", "TESTKUDOS:1", "RSA"),
            new Coin("COIN_TESTKUDOS_CT10", "TESTKUDOS:0.1", "RSA"), new Coin("COIN_TESTKUDOS_CS1", "TESTKUDOS:1", "CS"));
    /** The shipped defaults ({@code share/taler/config.d} of the install tree), from the source tree. */
    private static final Path DEFAULTS = Path.of("../common/src/main/config.d").toAbsolutePath().normalize();
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ExchangeKit.class);
    private static final ExchangeKit SHARED = new ExchangeKit("", true, true);
    private static PgDatabase schemaTemplate;
    /**
     * Stops the kits of single test classes off the test thread: the server's stop waits up to a
     * second for the poll of its LISTEN connection, which the next test class need not wait for.
     */
    private static final ExecutorService STOPPER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kit-stopper");
        t.setDaemon(true);
        return t;
    });

    /** One coin section: its name, {@code VALUE} and {@code CIPHER}. */
    public record Coin(String section, String value, String cipher) {
    }

    /** A credited reserve and the "bank row" of its credit ({@code wire_reference}). */
    public record Funded(Reserve reserve, long row) {
    }

    /** One run of {@code taler-exchange-offline}. */
    public record OfflineResult(int code, String out, String err) {
    }

    private final String extraConfig;
    private final boolean shared;
    private final boolean keyupAtStart;
    private final ManualClock clock = new ManualClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final AtomicLong bankRows = new AtomicLong();
    private final List<SecmodCore<?>> secmods = new ArrayList<>();
    private Path dir;
    private PgDatabase database;
    private ConfigLoader loader;
    private Path offlineConf;
    private TalerConfig config;
    private ExchangeServer server;
    private String baseUrl;
    private EddsaPrivateKey masterPriv;
    private TestWallet wallet;
    private ReserveRepository reserves;
    private Denomination rsa1;
    private Denomination rsa01;
    private Denomination cs1;

    private ExchangeKit(String extraConfig, boolean shared, boolean keyupAtStart) {
        this.extraConfig = extraConfig;
        this.shared = shared;
        this.keyupAtStart = keyupAtStart;
    }

    /**
     * The standard exchange of this JVM, shared by every test class that registers it. Such a
     * class must leave the exchange as it found it (no revocations, no clock changes, no
     * offline tool: those methods refuse) and use fresh reserves.
     */
    public static ExchangeKit shared() {
        return SHARED;
    }

    /** The standard exchange, for one test class: RSA coins of 1 and 0.1, CS coins of 1, fee 0.01 each. */
    public static ExchangeKit create() {
        return new ExchangeKit("", false, true);
    }

    /** The standard exchange plus {@code extra} appended to its configuration (e.g. more coins). */
    public static ExchangeKit withConfig(String extra) {
        return new ExchangeKit(extra, false, true);
    }

    /** The standard exchange before its first key-up: {@code /keys} has nothing to list until {@link #keyup()}. */
    public static ExchangeKit withoutKeyup() {
        return new ExchangeKit("", false, false);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(STOPPER, k -> ExchangeKit::awaitStopped,
                CloseableResource.class);
        if (shared) {
            // the root store closes its resources once all test classes of the run are done
            context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(ExchangeKit.class, k -> startShared(),
                    CloseableResource.class);
        } else {
            start(context.getRequiredTestClass().getSimpleName());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (!shared) {
            close();
        }
    }

    private CloseableResource startShared() {
        try {
            start("shared");
        } catch (Exception e) {
            throw new IllegalStateException("shared exchange kit did not start", e);
        }
        return this::close;
    }

    /** Starts this kit outside JUnit's life cycle, e.g. inside one test; the caller closes it. */
    public ExchangeKit startNow(String name) throws Exception {
        requireOwn("startNow");
        start(name);
        return this;
    }

    private void requireOwn(String what) {
        if (shared) {
            throw new IllegalStateException(what + " would change the exchange other test classes share;"
                    + " start an own kit with ExchangeKit.create()");
        }
    }

    /**
     * An empty database with the schema of {@code taler-exchange-dbinit}, made on first use;
     * kits copy it ({@code CREATE DATABASE … TEMPLATE}), which takes a tenth of the time the
     * migrations take. Nobody connects to it after the migrations, as PostgreSQL requires.
     */
    private static synchronized PgDatabase schemaTemplate() throws SQLException {
        if (schemaTemplate == null) {
            PgDatabase t = PgServer.shared().createDatabase("kit_template");
            try (ExchangeDb db = ExchangeDb.open(PgConnectionString.toJdbc(t.uri()), 2)) {
                new SchemaManager(db).create(0);
            } catch (SQLException | RuntimeException e) {
                t.close();
                throw e;
            }
            if (PgServer.shared().isExternal()) {
                // a throwaway cluster disappears with the JVM; an external server keeps what it is not told to drop
                Runtime.getRuntime().addShutdownHook(new Thread(t::close, "kit-template-drop"));
            }
            schemaTemplate = t;
        }
        return schemaTemplate;
    }

    private void start(String name) throws Exception {
        dir = Files.createTempDirectory("taler-kit-");
        // The database (on first use: the server and the schema, seconds) is made while the
        // master key and the security modules' keys are: neither needs the other.
        CompletableFuture<PgDatabase> db = new CompletableFuture<>();
        Thread maker = new Thread(() -> {
            try {
                db.complete(PgServer.shared().cloneDatabase(name, schemaTemplate()));
            } catch (Throwable t) {
                db.completeExceptionally(t);
            }
        }, "kit-database");
        maker.setDaemon(true);
        maker.start();
        boolean ok = false;
        try {
            loader = new ConfigLoader(Map.of("TALER_BASE_CONFIG", DEFAULTS.toString(), "HOME", dir.toString()), dir);
            Path conf = dir.resolve("exchange.conf");
            // the master key first: its public half is part of the exchange's configuration
            Files.writeString(conf, configText(null, "http://localhost/"));
            OfflineResult setup = offline(conf, "setup");
            EddsaPublicKey masterPub = EddsaPublicKey.fromBase32(setup.out().strip());
            // The port is known only after the bind, and BASE_URL is only echoed in /keys; the
            // offline tool gets the real URL in a configuration of its own below.
            Files.writeString(conf, configText(masterPub, "http://exchange.kit.invalid/"));
            // the security modules read no database section, so they start before the database exists
            TalerConfig withoutDatabase = loader.load(Optional.of(conf)).config();
            masterPriv = new EddsaPrivateKey(Files.readAllBytes(
                    withoutDatabase.requireFilename("exchange-offline", "MASTER_PRIV_FILE")));
            startSecmods(withoutDatabase);
            database = joinDatabase(db);
            Files.writeString(conf, configText(masterPub, "http://exchange.kit.invalid/"));
            config = loader.load(Optional.of(conf)).config();
            // -I: every signature a security module returns is verified before it is used
            ExchangeServer.Options d = ExchangeServer.Options.defaults();
            server = ExchangeServer.create(config, clock, new ExchangeServer.Options(d.allowTimetravel(),
                    d.connectionClose(), true, d.reusePort(), d.idleTimeoutSeconds()));
            server.start();
            int port = ((InetSocketAddress) server.localAddress()).getPort();
            baseUrl = "http://127.0.0.1:" + port + "/";
            offlineConf = dir.resolve("offline.conf");
            Files.writeString(offlineConf, configText(masterPub, baseUrl));
            wallet = new TestWallet(new ExchangeClient(new JsonHttp(), baseUrl), null, clock);
            reserves = new ReserveRepository(server.database(), CURRENCY);
            awaitReady();
            if (keyupAtStart) {
                firstKeyup();
            }
            ok = true;
        } finally {
            if (!ok) {
                if (database == null) {
                    // drop what the maker thread makes even though nobody will use it
                    db.thenAccept(PgDatabase::close);
                }
                close();
            }
        }
    }

    private static PgDatabase joinDatabase(CompletableFuture<PgDatabase> db) throws Exception {
        try {
            return db.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw e;
        }
    }

    /** {@code [exchange] LONG_POLL_MAX} of the kit's exchange. */
    public static final int LONG_POLL_MAX_SECONDS = 3;

    private String configText(EddsaPublicKey masterPub, String exchangeBaseUrl) {
        StringBuilder sb = new StringBuilder();
        sb.append("[taler]\nCURRENCY = ").append(CURRENCY).append("\nCURRENCY_ROUND_UNIT = TESTKUDOS:0.01\n\n");
        sb.append("[PATHS]\nTALER_HOME = ").append(dir).append('\n')
                .append("TALER_DATA_HOME = $TALER_HOME/data/\n")
                .append("TALER_CONFIG_HOME = $TALER_HOME/config/\n")
                .append("TALER_CACHE_HOME = $TALER_HOME/cache/\n")
                .append("TALER_RUNTIME_DIR = ").append(dir.resolve("rt")).append("/\n\n");
        sb.append("[exchange]\nMAX_KEYS_CACHING = forever\nDB = postgres\nSERVE = tcp\nPORT = 0\n")
                .append("BIND_TO = 127.0.0.1\nBASE_URL = ").append(exchangeBaseUrl).append('\n')
                // short, so that ReserveStatusEndpointTest sees an absurd timeout_ms clamped
                .append("LONG_POLL_MAX = ").append(LONG_POLL_MAX_SECONDS).append(" s\n");
        if (masterPub != null) {
            sb.append("MASTER_PUBLIC_KEY = ").append(masterPub.toBase32()).append('\n');
        }
        sb.append('\n');
        if (database != null) {
            sb.append("[exchangedb-postgres]\nCONFIG = ").append(database.uri()).append("\n\n");
        }
        sb.append("[").append(ACCOUNT_SECTION).append("]\nPAYTO_URI = ").append(PAYTO)
                .append("\nENABLE_DEBIT = YES\nENABLE_CREDIT = YES\n\n");
        for (String kind : new String[] {"eddsa", "rsa", "cs"}) {
            sb.append("[taler-exchange-secmod-").append(kind).append("]\nLOOKAHEAD_SIGN = 20 s\n")
                    .append("UNIXPATH = ").append(dir.resolve("rt/secmod-" + kind + ".sock")).append("\n\n");
        }
        for (Coin coin : COINS) {
            sb.append('[').append(coin.section()).append("]\nVALUE = ").append(coin.value()).append('\n')
                    .append("DURATION_WITHDRAW = 7 days\nDURATION_SPEND = 2 years\nDURATION_LEGAL = 3 years\n")
                    .append("FEE_DEPOSIT = TESTKUDOS:0\nFEE_WITHDRAW = TESTKUDOS:0.01\n")
                    .append("FEE_REFRESH = TESTKUDOS:0.01\nFEE_REFUND = TESTKUDOS:0\n")
                    .append("CIPHER = ").append(coin.cipher()).append('\n');
            if (coin.cipher().equals("RSA")) {
                sb.append("RSA_KEYSIZE = 1024\n");
            }
            sb.append('\n');
        }
        sb.append(extraConfig);
        return sb.toString();
    }

    private void startSecmods(TalerConfig config) throws IOException {
        Files.createDirectories(dir.resolve("rt"));
        Timestamp now = Timestamp.now(clock);
        SecmodCore<?> eddsa = EddsaSecmod.create(config, SecmodConfig.load(config, EddsaSecmod.SECTION), clock);
        secmods.add(eddsa);
        eddsa.start(now);
        SecmodCore<?> rsa = RsaSecmod.create(config, SecmodConfig.load(config, RsaSecmod.SECTION), 2, clock);
        secmods.add(rsa);
        rsa.start(now);
        SecmodCore<?> cs = CsSecmod.create(config, SecmodConfig.load(config, CsSecmod.SECTION), 2, clock);
        secmods.add(cs);
        cs.start(now);
    }

    /** As the harness: {@code GET /management/keys} answers 2xx once the helpers are synced. */
    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            ApiResponse r = exchange().get("management/keys");
            if (r.status() / 100 == 2 && server.reserveWatcher().listening()) {
                return;
            }
            last = r.summary();
            Thread.sleep(20);
        }
        throw new IllegalStateException("exchange not ready within " + READY_TIMEOUT + ", last: " + last);
    }

    /**
     * The key-up of wallet-core's harness: keys, account, wire fees for two years, global fees.
     * Kits do it at the start unless made {@link #withoutKeyup()}; doing it again changes nothing.
     */
    public void keyup() {
        requireOwn("keyup");
        harnessKeyup();
        if (rsa1 == null) {
            pickDenominations();
        }
    }

    private void firstKeyup() {
        harnessKeyup();
        pickDenominations();
    }

    private void pickDenominations() {
        wallet.exchange().keys(masterPub());
        wallet.refreshKeys();
        // picked now, before a test may revoke one of them
        rsa1 = denomination("RSA", "TESTKUDOS:1");
        rsa01 = denomination("RSA", "TESTKUDOS:0.1");
        cs1 = denomination("CS", "TESTKUDOS:1");
    }

    private void harnessKeyup() {
        int year = clock.instant().atZone(ZoneOffset.UTC).getYear();
        offlineOk("download", "sign", "upload");
        offlineOk("enable-account", PAYTO, "upload");
        for (int y = year; y < year + 2; y++) {
            offlineOk("wire-fee", Integer.toString(y), "x-taler-bank", "TESTKUDOS:0.01", "TESTKUDOS:0.01", "upload");
        }
        offlineOk("global-fee", Integer.toString(year), "TESTKUDOS:0", "TESTKUDOS:0", "TESTKUDOS:0", "1 h", "1 year",
                "5", "upload");
    }

    /** {@code taler-exchange-offline -c CONF args…} in this JVM against this exchange; asserts exit 0. */
    public OfflineResult offline(String... args) {
        requireOwn("taler-exchange-offline");
        return offlineOk(args);
    }

    private OfflineResult offlineOk(String... args) {
        OfflineResult r = offline(offlineConf, args);
        assertEquals(0, r.code(), () -> "taler-exchange-offline " + String.join(" ", args) + ": " + r);
        return r;
    }

    private OfflineResult offline(Path conf, String... args) {
        OfflineMain m = new OfflineMain().withStdin(new ByteArrayInputStream(new byte[0]));
        m.useLoader(loader);
        CommandLine cl = Programs.commandLine(m);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> full = new ArrayList<>(List.of("-c", conf.toString()));
        full.addAll(List.of(args));
        int code = cl.execute(full.toArray(String[]::new));
        cl.getOut().flush();
        cl.getErr().flush();
        OfflineResult r = new OfflineResult(code, out.toString(), err.toString());
        if (args.length > 0 && args[0].equals("setup") && code != 0) {
            throw new IllegalStateException("taler-exchange-offline setup: " + r);
        }
        return r;
    }

    // ------------------------------------------------------------------ what tests use

    /** The Java test wallet (no bank: fund reserves with {@link #fund}); its clock is {@link #clock()}. */
    public TestWallet wallet() {
        return wallet;
    }

    public ExchangeClient exchange() {
        return wallet.exchange();
    }

    public String baseUrl() {
        return baseUrl;
    }

    public EddsaPublicKey masterPub() {
        return masterPriv.publicKey();
    }

    /** The offline master key (tests sign management requests with it). */
    public EddsaPrivateKey masterPriv() {
        return masterPriv;
    }

    public ExchangeServer server() {
        return server;
    }

    public TalerConfig config() {
        return config;
    }

    public PgDatabase database() {
        return database;
    }

    /** The clock of the exchange, its security modules and the wallet. */
    public ManualClock clock() {
        return clock;
    }

    /**
     * Moves time forward for everything, then lets the security modules do their key
     * maintenance and rebuilds the key state, as the passing time would have done.
     */
    public void advanceClock(Duration d) throws Exception {
        requireOwn("advanceClock");
        clock.advance(d);
        for (SecmodCore<?> s : secmods) {
            s.maintainNow();
        }
        server.keys().rebuildNow();
    }

    /**
     * Credits {@code amount} to the reserve as wirewatch would for one incoming transfer from
     * {@link #DEBTOR}; returns the transfer's bank row ({@code wire_reference}).
     */
    public long fund(Reserve r, Amount amount) {
        long row = bankRows.incrementAndGet();
        Timestamp date = Timestamp.now(clock).roundedToSeconds();
        var s = server.settings();
        ReserveRepository.CreditResult res = reserves.credit(new ReserveRepository.Credit(r.pub(), amount, date,
                Hashes.hPayto(DEBTOR), DEBTOR, ACCOUNT_SECTION, row, date.plus(s.reserveClosingDelay()),
                date.plus(s.legalReserveExpiration())));
        if (res.status() != ReserveRepository.CreditStatus.CREDITED) {
            throw new IllegalStateException("credit of " + amount + " to " + r + " not booked: " + res);
        }
        return row;
    }

    /** A new reserve with {@code amount}, visible at the exchange. */
    public Funded fundNew(Amount amount) {
        Reserve r = wallet.createReserve();
        return new Funded(r, fund(r, amount));
    }

    /** The balance {@code GET /reserves/$R} reports. */
    public Amount balance(Reserve r) {
        return exchange().reserveBalance(r.pub(), null)
                .orElseThrow(() -> new AssertionError("reserve unknown: " + r));
    }

    /** The RSA denomination of {@code COIN_TESTKUDOS_U1} (value 1, fee 0.01) at the start. */
    public Denomination rsa1() {
        return rsa1;
    }

    /** The RSA denomination of {@code COIN_TESTKUDOS_CT10} (value 0.1, fee 0.01) at the start. */
    public Denomination rsa01() {
        return rsa01;
    }

    /** The CS denomination of {@code COIN_TESTKUDOS_CS1} (value 1, fee 0.01) at the start. */
    public Denomination cs1() {
        return cs1;
    }

    /** One coin of {@code d} from {@code r}, prepared by the wallet (request signed, not sent). */
    public PreparedCoin prepare(Reserve r, Denomination d) {
        return wallet.prepareWithdraw(r, List.of(d), WithdrawOptions.DEFAULT).get(0);
    }

    /** A withdrawable denomination of the current {@code /keys}. */
    public Denomination denomination(String cipher, String value) {
        Amount v = Amount.parse(value);
        ExchangeKeys keys = wallet.keys();
        return keys.withdrawable(wallet.now()).stream()
                .filter(d -> d.cipher().equals(cipher) && d.value().equals(v)).findFirst()
                .orElseThrow(() -> new AssertionError("no withdrawable " + cipher + " denomination of " + value
                        + " in " + keys.denominations()));
    }

    /**
     * Stops everything and drops the database; a kit of one test class does so in the
     * background ({@link #STOPPER}). Idempotent.
     */
    @Override
    public void close() {
        ExchangeServer s = server;
        List<SecmodCore<?>> m = List.copyOf(secmods);
        PgDatabase db = database;
        Path d = dir;
        server = null;
        secmods.clear();
        database = null;
        dir = null;
        Runnable stop = () -> stop(s, m, db, d);
        if (shared) {
            stop.run();
        } else {
            STOPPER.execute(stop);
        }
    }

    private static void stop(ExchangeServer s, List<SecmodCore<?>> secmods, PgDatabase db, Path d) {
        try {
            if (s != null) {
                s.close();
            }
            secmods.forEach(SecmodCore::close);
            if (db != null) {
                db.close();
            }
        } catch (RuntimeException e) {
            // nobody waits for the outcome: say it, a failed stop is no test failure
            System.err.println("ExchangeKit: stop failed: " + e);
        } finally {
            if (d != null) {
                deleteTree(d);
            }
        }
    }

    /** Returns once the kits closed so far are stopped (JUnit calls it after the last test class). */
    private static void awaitStopped() throws Exception {
        STOPPER.submit(() -> { }).get(60, TimeUnit.SECONDS);
    }

    private static void deleteTree(Path root) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a leftover temporary directory is no test failure
        }
    }

    @Override
    public String toString() {
        return "ExchangeKit(" + baseUrl + ", " + database + ")";
    }
}

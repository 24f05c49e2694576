package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.encoding.Crockford;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PrivatePgCluster;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.CipherJson;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.ExchangeKeys;
import net.taler.testsupport.wallet.JsonHttp;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.SignedPlanchet;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash campaign of issue 14: while bank transfers ({@code admin/add-incoming} at the
 * fakebank) and withdrawals (the Java test wallet, single and batch) stream in, the test plays
 * supervisor and {@code kill -9}s a random one of wirewatch, httpd, secmod-rsa, secmod-eddsa and
 * PostgreSQL (the whole server, on a cluster of its own) at random points, restarts it and
 * goes on. Afterwards:
 *
 * <ul>
 *   <li>every bank transfer was credited exactly once ({@code reserves_in} equals the bank's
 *       history row by row; each reserve's credit is what the bank accepted for it);
 *   <li>every withdrawal that got a 200 is in the database and replays with the identical
 *       signature; every one that got no answer or an error is either complete (in the
 *       database; its replay answers the same signature twice) or absent (the replay signs it
 *       now) — never half done;
 *   <li>every reserve's balance is exactly its credit minus the cost of the withdrawals the
 *       database holds for it, and those are exactly the planchets the wallet sent (no
 *       overdraft, nothing lost, nothing twice); the API shows the same balance;
 *   <li>no daemon died or hung on its own, and all stop with exit 0 on SIGTERM.
 * </ul>
 *
 * <p>Seeded: the seed is printed; {@code -Dtaler.crash.seed=N} repeats a run's choices (the
 * timing of the processes still differs). {@code -Dtaler.crash.kills=N} (default 10) makes
 * longer local runs. The result line starts with {@code crash campaign:}. The fakebank is
 * never killed (its state is in memory and is the reference). Ports are ephemeral.
 * The aggregator and transfer join the targets (and the checks: every deposit wired once)
 * once they run as daemons.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashCampaignIT {
    static final String SEED_PROPERTY = "taler.crash.seed";
    static final String KILLS_PROPERTY = "taler.crash.kills";
    static final int DEFAULT_KILLS = 10;
    static final String ACCOUNT = "exchange-account-1";
    /** Transactions the fakebank keeps (RAM_LIMIT): room for long runs. */
    static final int BANK_RAM_LIMIT = 65_536;
    /** Bound on transfers, well below what the fakebank keeps. */
    static final int MAX_TRANSFERS = BANK_RAM_LIMIT / 2;
    static final Duration SETTLE = Duration.ofSeconds(90);

    enum Target {
        WIREWATCH("taler-exchange-wirewatch"),
        HTTPD("taler-exchange-httpd"),
        SECMOD_RSA("taler-exchange-secmod-rsa"),
        SECMOD_EDDSA("taler-exchange-secmod-eddsa"),
        POSTGRES(null);

        final String program;

        Target(String program) {
            this.program = program;
        }
    }

    @TempDir
    static Path dir;

    long seed;
    int kills;
    PrivatePgCluster cluster;
    PgDatabase db;
    ExchangeTestbed bed;
    TestWallet wallet;
    ExchangeClient exchange;
    JsonHttp http;
    Denomination rsa1;
    Denomination rsa01;
    /** Current daemon name per supervised program (a restart gets a new name, so its own log). */
    final Map<Target, String> names = new EnumMap<>(Target.class);
    final Map<Target, Integer> generations = new EnumMap<>(Target.class);
    final List<String> unexpected = new CopyOnWriteArrayList<>();

    /** A bank transfer the fakebank accepted. */
    record Transfer(Reserve reserve, Amount amount, long row) {
    }

    /** What a withdraw request got back while the campaign ran. */
    enum Outcome {
        SIGNED, ERROR_STATUS, NO_ANSWER
    }

    /** One withdraw or batch-withdraw request and its first answer. */
    static final class Attempt {
        final Transfer transfer;
        final List<PreparedCoin> coins;
        final boolean batch;
        Outcome outcome;
        int status;
        /** The Taler error code of a failed first answer (0 if none). */
        int code;
        /** The {@code ev_sig} objects of the first 200, one per coin. */
        List<JsonNode> sigs;

        Attempt(Transfer transfer, List<PreparedCoin> coins, boolean batch) {
            this.transfer = transfer;
            this.coins = coins;
            this.batch = batch;
        }

        Amount cost() {
            Amount sum = null;
            for (PreparedCoin c : coins) {
                Amount a = c.denomination().withdrawCost();
                sum = sum == null ? a : sum.add(a);
            }
            return sum;
        }
    }

    @BeforeAll
    void start() throws Exception {
        String s = System.getProperty(SEED_PROPERTY);
        seed = s == null || s.isBlank() ? new Random().nextLong() : Long.parseLong(s.strip());
        String k = System.getProperty(KILLS_PROPERTY);
        kills = k == null || k.isBlank() ? DEFAULT_KILLS : Integer.parseInt(k.strip());
        System.out.println("crash campaign seed: " + seed + " (repeat with -D" + SEED_PROPERTY + "=" + seed + "), "
                + kills + " kills");
        cluster = PrivatePgCluster.create();
        db = cluster.createDatabase("crash");
        bed = ExchangeTestbed.withBank(dir, db.uri(), "", BANK_RAM_LIMIT);
        bed.setupMasterKey();
        bed.dbinit();
        bed.startFakebank();
        for (Target t : Target.values()) {
            if (t.program != null && t != Target.HTTPD && t != Target.WIREWATCH) {
                launch(t);
            }
        }
        bed.start("taler-exchange-secmod-cs", "taler-exchange-secmod-cs");
        launch(Target.HTTPD);
        launch(Target.WIREWATCH);
        bed.awaitReady(process(Target.HTTPD));
        bed.keyup(Year.now(ZoneOffset.UTC).getValue());
        http = new JsonHttp();
        wallet = TestWallet.connect(bed.baseUrl(), bed.wireGatewayUrl());
        exchange = wallet.exchange();
        ExchangeKeys keys = wallet.refreshKeys();
        rsa1 = denomination(keys, "TESTKUDOS:1");
        rsa01 = denomination(keys, "TESTKUDOS:0.1");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (bed != null) {
                String logs = bed.logs();
                Map<String, Integer> codes = bed.stopAll();
                bed.keepLogs();
                for (Map.Entry<String, Integer> e : codes.entrySet()) {
                    assertEquals(0, e.getValue(), () -> e.getKey() + " exit code after SIGTERM: " + codes + "\n" + logs);
                }
            }
        } finally {
            if (db != null && cluster != null && cluster.isRunning()) {
                db.close();
            }
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private Denomination denomination(ExchangeKeys keys, String value) {
        Amount v = Amount.parse(value);
        return keys.withdrawable(wallet.now()).stream().filter(d -> d.cipher().equals("RSA") && d.value().equals(v))
                .findFirst().orElseThrow(() -> new AssertionError("no RSA denomination of " + value));
    }

    // ------------------------------------------------------------------ supervisor

    private void launch(Target t) throws Exception {
        int gen = generations.merge(t, 1, Integer::sum);
        String name = gen == 1 ? t.program : t.program + "-" + gen;
        names.put(t, name);
        bed.start(name, t.program);
    }

    private Process process(Target t) {
        return bed.daemons().get(names.get(t));
    }

    private void kill(Target t) throws Exception {
        if (t == Target.POSTGRES) {
            cluster.kill();
        } else {
            bed.kill(names.get(t));
        }
    }

    private void restart(Target t) throws Exception {
        if (t == Target.POSTGRES) {
            cluster.restart();
            return;
        }
        launch(t);
        if (t == Target.HTTPD) {
            bed.awaitReady(process(t));
        }
    }

    /** Restarts any supervised daemon that died although nobody killed it, and remembers it. */
    private void checkAlive(String when) throws Exception {
        for (Target t : Target.values()) {
            if (t.program == null) {
                continue;
            }
            Process p = process(t);
            if (p != null && !p.isAlive()) {
                unexpected.add(names.get(t) + " exited on its own with " + p.exitValue() + " (" + when + ")");
                bed.daemons().remove(names.get(t));
                launch(t);
                if (t == Target.HTTPD) {
                    bed.awaitReady(process(t));
                }
            }
        }
        if (!cluster.isRunning()) {
            unexpected.add("PostgreSQL not running (" + when + ")");
            cluster.restart();
        }
    }

    /** The httpd answers {@code /keys} again within 30 s (it did not hang). */
    private void awaitHttpdAnswers(String when) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                ApiResponse r = exchange.keysRaw();
                if (r.status() == 200) {
                    return;
                }
                last = r.summary();
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        unexpected.add("httpd did not answer /keys within 30 s " + when + ": " + last);
    }

    // ------------------------------------------------------------------ workload

    @Test
    void killRandomPartsWhileTransfersAndWithdrawalsStreamIn() throws Exception {
        Random rnd = new Random(seed);
        List<Transfer> transfers = new CopyOnWriteArrayList<>();
        LinkedBlockingDeque<Transfer> funded = new LinkedBlockingDeque<>();
        ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        Map<Target, Integer> killed = new EnumMap<>(Target.class);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        long t0 = System.nanoTime();
        try {
            Future<?> funder = pool.submit(() -> {
                Random r = new Random(seed ^ 0x5DEECE66DL);
                while (running.get() && transfers.size() < MAX_TRANSFERS) {
                    Reserve reserve = Reserve.random();
                    Amount amount = Amount.parse("TESTKUDOS:2." + (50 + r.nextInt(50)));
                    long row = wallet.fund(reserve, amount);
                    Transfer t = new Transfer(reserve, amount, row);
                    transfers.add(t);
                    funded.add(t);
                    Thread.sleep(100 + r.nextInt(100));
                }
                return null;
            });
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                workers.add(pool.submit(() -> {
                    while (running.get()) {
                        Transfer t = funded.poll(200, TimeUnit.MILLISECONDS);
                        if (t == null) {
                            continue;
                        }
                        if (!known(t)) {
                            funded.addLast(t); // wirewatch, httpd or the database is away: later
                            Thread.sleep(50);
                            continue;
                        }
                        // a coin of 1 alone, two of 0.1 as a batch, four of 0.1 one by one: 1.67 of
                        // at least 2.50 (several requests per reserve keep requests in flight)
                        attempts.add(send(new Attempt(t, prepare(t, List.of(rsa1)), false)));
                        attempts.add(send(new Attempt(t, prepare(t, List.of(rsa01, rsa01)), true)));
                        for (int i = 0; i < 4; i++) {
                            attempts.add(send(new Attempt(t, prepare(t, List.of(rsa01)), false)));
                        }
                    }
                    return null;
                }));
            }

            Target[] targets = Target.values();
            for (int k = 0; k < kills; k++) {
                Thread.sleep(1500 + rnd.nextInt(2500));
                Target t = targets[rnd.nextInt(targets.length)];
                kill(t);
                killed.merge(t, 1, Integer::sum);
                Thread.sleep(200 + rnd.nextInt(1300));
                restart(t);
                checkAlive("after kill " + (k + 1) + " of " + t);
            }
            Thread.sleep(1000);
            running.set(false);
            funder.get(60, TimeUnit.SECONDS);
            for (Future<?> w : workers) {
                w.get(120, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        long campaignMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        checkAlive("after the campaign");
        awaitHttpdAnswers("after the campaign");

        // ---------------------------------------------------------------- credits: exactly once
        awaitAllImported(transfers.size());
        Map<Long, BankLedger.Credit> bankSide = BankLedger.bankCredits(http, bed.wireGatewayUrl());
        assertEquals(transfers.size(), bankSide.size(), "transfers the bank accepted");
        Map<Long, BankLedger.Credit> exchangeSide = BankLedger.exchangeCredits(db, ACCOUNT);
        assertEquals(bankSide, exchangeSide, "reserves_in differs from the bank's history (seed " + seed + ")");
        Map<String, Amount> creditedByReserve = creditedByReserve();
        for (Transfer t : transfers) {
            assertEquals(t.amount(), creditedByReserve.get(Crockford.encode(t.reserve().pub().bytes())),
                    "credited total of the reserve of bank row " + t.row());
        }

        // ---------------------------------------------------------------- withdrawals: all or nothing
        long checks0 = System.nanoTime();
        Set<String> storedBefore = new HashSet<>();
        blindEvsByReserve().values().forEach(storedBefore::addAll);
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> verdicts = new TreeMap<>();
        ExecutorService replayers = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (Attempt a : attempts) {
                if (a.outcome != Outcome.SIGNED) {
                    statuses.merge(a.outcome == Outcome.ERROR_STATUS ? a.status + "/" + a.code : "none", 1,
                            Integer::sum);
                }
                results.add(replayers.submit(() -> checkAttempt(a, storedBefore)));
            }
            for (Future<String> f : results) {
                try {
                    verdicts.merge(f.get(120, TimeUnit.SECONDS), 1, Integer::sum);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw e;
                }
            }
        } finally {
            replayers.shutdownNow();
        }
        int signed = verdicts.getOrDefault("signed", 0);
        int complete = verdicts.getOrDefault("complete", 0);
        int absent = verdicts.getOrDefault("absent", 0);

        // ---------------------------------------------------------------- balances: exactly accounted
        Map<String, List<Attempt>> byReserve = new HashMap<>();
        for (Attempt a : attempts) {
            byReserve.computeIfAbsent(a.transfer.reserve().pub().toBase32(), x -> new ArrayList<>()).add(a);
        }
        Map<String, Amount> balances = BankLedger.reserveBalances(db);
        Map<String, Set<String>> stored = blindEvsByReserve();
        int checkedReserves = 0;
        for (Transfer t : transfers) {
            String pub = t.reserve().pub().toBase32();
            Amount expected = t.amount();
            Set<String> sent = new HashSet<>();
            for (Attempt a : byReserve.getOrDefault(pub, List.of())) {
                expected = expected.subtract(a.cost());
                for (PreparedCoin c : a.coins) {
                    sent.add(Crockford.encode(c.request().envelopeHash().bytes()));
                }
            }
            assertEquals(expected, balances.get(Crockford.encode(t.reserve().pub().bytes())),
                    "balance of reserve " + pub + " (credit " + t.amount() + ") (seed " + seed + ")");
            assertEquals(sent, stored.getOrDefault(Crockford.encode(t.reserve().pub().bytes()), Set.of()),
                    "withdrawals stored for reserve " + pub);
            assertEquals(expected, exchange.reserveBalance(t.reserve().pub(), null).orElseThrow(),
                    "balance the API shows for " + pub);
            checkedReserves++;
        }

        long checksMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - checks0);
        assertTrue(unexpected.isEmpty(), "daemons that died or hung on their own: " + unexpected + "\n" + bed.logs());
        int totalKills = killed.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder perTarget = new StringBuilder();
        for (Target t : Target.values()) {
            perTarget.append(perTarget.length() == 0 ? "" : ", ").append(t.name().toLowerCase().replace('_', '-'))
                    .append(' ').append(killed.getOrDefault(t, 0));
        }
        System.out.println("crash campaign: seed " + seed + ", campaign " + campaignMs + " ms, checks " + checksMs
                + " ms, " + totalKills + " kills ("
                + perTarget + "); " + transfers.size() + " transfers credited exactly once; " + attempts.size()
                + " withdraw requests (" + signed + " signed, " + complete + " unanswered but complete, " + absent
                + " unanswered and absent, failed first answers by HTTP status/Taler code " + statuses + "), all replayed"
                + " with identical signatures; " + checkedReserves + " reserve balances exact, none overdrawn;"
                + " invariants: credits exactly once, 200 is durable, withdrawals all-or-nothing, replay"
                + " identical, balance = credit - withdrawals, daemons alive");
    }

    /**
     * Checks one request after the campaign against what the database held before any replay:
     * all of its planchets or none; a 200 must be stored and replay with its signature; a stored
     * unanswered one replays with one signature (twice the same); an absent one is signed now.
     * Returns the verdict: signed, complete or absent.
     */
    private String checkAttempt(Attempt a, Set<String> storedBefore) throws Exception {
        int stored = 0;
        for (PreparedCoin c : a.coins) {
            if (storedBefore.contains(Crockford.encode(c.request().envelopeHash().bytes()))) {
                stored++;
            }
        }
        int n = stored;
        assertTrue(n == 0 || n == a.coins.size(),
                () -> "batch half done: " + n + " of " + a.coins.size() + " planchets stored (seed " + seed + ")");
        boolean present = n > 0;
        if (present && a.batch) {
            ApiResponse again = post(a);
            assertTrue(again.is(409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET),
                    () -> "a stored batch sent again: " + again.summary());
        }
        List<JsonNode> replay = replay(a);
        verifyCoins(a, replay);
        if (a.outcome == Outcome.SIGNED) {
            assertTrue(present, () -> "a withdrawal answered 200 is not in the database (seed " + seed + ")");
            assertEquals(a.sigs, replay, "replay of a signed withdrawal changed the signature");
            return "signed";
        }
        if (present) {
            assertEquals(replay, replay(a), "a completed withdrawal replays with one signature");
            return "complete";
        }
        return "absent";
    }

    /** Whether the exchange shows the reserve with its full credit; false on any failure. */
    private boolean known(Transfer t) {
        try {
            return exchange.reserveBalance(t.reserve().pub(), null).map(b -> b.equals(t.amount())).orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<PreparedCoin> prepare(Transfer t, List<Denomination> denoms) {
        return wallet.prepareWithdraw(t.reserve(), denoms, WithdrawOptions.DEFAULT);
    }

    private ApiResponse post(Attempt a) {
        EddsaPublicKey pub = a.transfer.reserve().pub();
        if (!a.batch) {
            return exchange.withdrawRaw(pub, a.coins.get(0).request());
        }
        List<SignedPlanchet> ps = new ArrayList<>();
        for (PreparedCoin c : a.coins) {
            ps.add(c.request());
        }
        return exchange.batchWithdrawRaw(pub, ps);
    }

    private static List<JsonNode> sigs(Attempt a, ApiResponse r) {
        List<JsonNode> out = new ArrayList<>();
        if (!a.batch) {
            out.add(r.json().get("ev_sig"));
        } else {
            r.json().get("ev_sigs").forEach(s -> out.add(s.get("ev_sig")));
        }
        assertEquals(a.coins.size(), out.size(), r.summary());
        return out;
    }

    private Attempt send(Attempt a) {
        try {
            ApiResponse r = post(a);
            a.status = r.status();
            if (r.status() == 200) {
                a.outcome = Outcome.SIGNED;
                a.sigs = sigs(a, r);
            } else {
                a.outcome = Outcome.ERROR_STATUS;
                a.code = r.errorCode();
            }
        } catch (RuntimeException e) {
            a.outcome = Outcome.NO_ANSWER; // killed mid-flight, refused connection, timeout
        }
        return a;
    }

    /**
     * Sends the planchets again, each as a single withdraw (idempotent, exchange-api.md 3.2: a
     * stored envelope answers its stored signature; an absent one is signed now); must get 200
     * once everything is up (a few tries for restarts). A batch is not replayed as a batch:
     * that is 409 by design (3.3), checked separately.
     */
    private List<JsonNode> replay(Attempt a) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (PreparedCoin c : a.coins) {
            out.add(replay(a, c));
        }
        return out;
    }

    private JsonNode replay(Attempt a, PreparedCoin c) throws Exception {
        String last = "";
        for (int i = 0; i < 20; i++) {
            try {
                ApiResponse r = exchange.withdrawRaw(a.transfer.reserve().pub(), c.request());
                if (r.status() == 200) {
                    return r.json().get("ev_sig");
                }
                last = r.summary();
                if (r.status() < 500) {
                    break;
                }
            } catch (RuntimeException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new AssertionError("replay of a withdrawal (first answer " + a.outcome + " " + a.status + ") failed: "
                + last + " (seed " + seed + ")\n" + bed.logs());
    }

    private static void verifyCoins(Attempt a, List<JsonNode> sigs) {
        for (int i = 0; i < a.coins.size(); i++) {
            assertTrue(a.coins.get(i).toCoin(CipherJson.parseBlindSignature(sigs.get(i))).coin().verify());
        }
    }

    // ------------------------------------------------------------------ database views

    private void awaitAllImported(int expected) throws Exception {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        int n = 0;
        while (System.nanoTime() < deadline) {
            n = BankLedger.exchangeCredits(db, ACCOUNT).size();
            if (n >= expected) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("only " + n + " of " + expected + " transfers imported within " + SETTLE + " (seed "
                + seed + ")\n" + bed.logs());
    }

    /** Sum of {@code reserves_in} per reserve (base32). */
    private Map<String, Amount> creditedByReserve() throws Exception {
        Map<String, Amount> out = new HashMap<>();
        for (BankLedger.Credit c : BankLedger.exchangeCredits(db, ACCOUNT).values()) {
            out.merge(c.reservePub(), c.amount(), Amount::add);
        }
        return out;
    }

    /** Every stored withdrawal's h_blind_ev (base32) by reserve public key (base32). */
    private Map<String, Set<String>> blindEvsByReserve() throws Exception {
        Map<String, Set<String>> out = new HashMap<>();
        try (Connection c = db.open(); PreparedStatement ps = c.prepareStatement(
                "SELECT r.reserve_pub, o.h_blind_ev FROM exchange.reserves_out o"
                        + " JOIN exchange.reserves r ON r.reserve_uuid = o.reserve_uuid");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.computeIfAbsent(Crockford.encode(rs.getBytes(1)), x -> new HashSet<>())
                        .add(Crockford.encode(rs.getBytes(2)));
            }
        }
        return out;
    }
}

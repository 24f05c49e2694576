package net.taler.dist;

import static net.taler.dist.ReplyAssertions.assertCredit;
import static net.taler.dist.ReplyAssertions.assertStatus;
import static net.taler.dist.ReplyAssertions.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.wallet.WithdrawRequest;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.ExchangeKeys;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.SignedPlanchet;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawOptions;
import net.taler.testsupport.wallet.WithdrawnCoin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Withdrawal end to end with real processes from the install tree (exchange-api.md 3, 4.11, 8;
 * operations.md 3.4, 3.10): fakebank, dbinit, three security modules, httpd, offline key-up and
 * a continuous wirewatch. Money is wired through the fakebank's {@code admin/add-incoming}; the
 * Java test wallet withdraws RSA and CS coins, single and batch, and verifies every coin.
 * Idempotency, concurrent withdrawals from one reserve and every refusal of the withdraw
 * endpoints are checked against the exact status and error code.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithdrawIT {
    static final Amount TEN = Amount.parse("TESTKUDOS:10");
    static final Duration AWAIT = Duration.ofSeconds(30);
    static final String SHORT = "COIN_TESTKUDOS_SHORT2";
    static final Amount SHORT_VALUE = Amount.parse("TESTKUDOS:2");

    @TempDir
    static Path dir;

    PgDatabase db;
    ExchangeTestbed bed;
    Process httpd;
    Process wirewatch;
    TestWallet wallet;
    ExchangeClient exchange;
    EddsaPublicKey masterPub;
    final SecureRandom random = new SecureRandom();

    Denomination rsa1;
    Denomination rsa01;
    Denomination cs1;

    @BeforeAll
    void start(PgDatabase database) throws Exception {
        db = database;
        // A short-lived denomination for the expiry tests: a new key every 8 s, signed at key-up
        // for the next 20 s (LOOKAHEAD_SIGN), so there are a current, future and soon expired ones.
        bed = ExchangeTestbed.withBank(dir, db.uri(), "[" + SHORT + "]\nVALUE = TESTKUDOS:2\n"
                + "DURATION_WITHDRAW = 8 s\nDURATION_SPEND = 2 years\nDURATION_LEGAL = 3 years\n"
                + "FEE_DEPOSIT = TESTKUDOS:0\nFEE_WITHDRAW = TESTKUDOS:0.01\nFEE_REFRESH = TESTKUDOS:0.01\n"
                + "FEE_REFUND = TESTKUDOS:0\nCIPHER = RSA\nRSA_KEYSIZE = 1024\n\n"
                + "[taler-exchange-secmod-rsa]\nOVERLAP_DURATION = 1 s\n\n");
        bed.setupMasterKey();
        masterPub = EddsaPublicKey.fromBase32(bed.masterPub);
        bed.dbinit();
        bed.startFakebank();
        bed.startSecmods();
        httpd = bed.startHttpd("taler-exchange-httpd", "-I"); // every signature verified before it leaves
        wirewatch = bed.startWirewatch("taler-exchange-wirewatch");
        bed.awaitReady(httpd);
        bed.keyup(Year.now(ZoneOffset.UTC).getValue());
        wallet = TestWallet.connect(bed.baseUrl(), bed.wireGatewayUrl());
        exchange = wallet.exchange();
        ExchangeKeys keys = exchange.keys(masterPub);
        wallet.refreshKeys();
        rsa1 = denomination(keys, "RSA", "TESTKUDOS:1");
        rsa01 = denomination(keys, "RSA", "TESTKUDOS:0.1");
        cs1 = denomination(keys, "CS", "TESTKUDOS:1");
        // The continuous wirewatch is up and importing before any timing-sensitive test runs.
        wallet.createFundedReserve(Amount.parse("TESTKUDOS:1"), Duration.ofSeconds(60));
    }

    @AfterAll
    void stop() throws Exception {
        if (bed == null) {
            return;
        }
        String logs = bed.logs();
        Map<String, Integer> codes = bed.stopAll();
        bed.keepLogs();
        for (Map.Entry<String, Integer> e : codes.entrySet()) {
            assertEquals(0, e.getValue(), () -> e.getKey() + " exit code after SIGTERM: " + codes + "\n" + logs);
        }
    }

    private Denomination denomination(ExchangeKeys keys, String cipher, String value) {
        Amount v = Amount.parse(value);
        return keys.withdrawable(wallet.now()).stream()
                .filter(d -> d.cipher().equals(cipher) && d.value().equals(v)).findFirst()
                .orElseThrow(() -> new AssertionError("no withdrawable " + cipher + " denomination of " + value
                        + " in " + keys.denominations()));
    }

    private Amount balance(Reserve r) {
        return exchange.reserveBalance(r.pub(), null).orElseThrow(() -> new AssertionError("reserve unknown: " + r));
    }

    private static Amount cost(List<Denomination> ds) {
        Amount sum = Amount.zero(ExchangeTestbed.CURRENCY);
        for (Denomination d : ds) {
            sum = sum.add(d.withdrawCost());
        }
        return sum;
    }

    private static ObjectNode sigJson(BlindSignature s) {
        return CoinJson.blindSignature(s);
    }

    /** A reserve with {@code amount}, visible at the exchange; returns it and the bank row. */
    private record Funded(Reserve reserve, long row) {
    }

    private Funded fund(Amount amount) {
        Reserve r = wallet.createReserve();
        long row = wallet.fund(r, amount);
        wallet.awaitReserve(r, AWAIT);
        return new Funded(r, row);
    }

    // ------------------------------------------------------------------ 1. end to end

    Funded main;
    final List<WithdrawnCoin> mainCoins = new ArrayList<>();

    @Test
    @Order(1)
    void longPollStartedBeforeTheTransferReturnsOnceWirewatchImports() throws Exception {
        Reserve r = wallet.createReserve();
        Duration pollTimeout = Duration.ofSeconds(40);
        CompletableFuture<ApiResponse> poll = CompletableFuture.supplyAsync(
                () -> exchange.reserveStatusRaw(r.pub(), pollTimeout));
        Thread.sleep(1000);
        assertFalse(poll.isDone(), () -> "long poll answered before the transfer: " + poll.join().summary());
        long t0 = System.nanoTime();
        long row = wallet.fund(r, TEN);
        ApiResponse res = poll.get(60, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(200, res.status(), () -> res.summary() + "\n" + bed.logs());
        assertEquals("TESTKUDOS:10", res.json().path("balance").asText(), res.summary());
        assertTrue(ms < 5000, "long poll returned " + ms + " ms after the transfer (timeout "
                + pollTimeout.toMillis() + " ms)\n" + bed.logs());
        main = new Funded(r, row);
    }

    @Test
    @Order(2)
    void withdrawRsaAndCsSingleAndBatchAndEveryCoinVerifies() {
        List<Denomination> single = List.of(rsa1, rsa01, cs1);
        List<Denomination> batch = List.of(rsa1, rsa01, rsa01, cs1, cs1);
        mainCoins.addAll(wallet.withdraw(main.reserve(), single, false));
        mainCoins.addAll(wallet.withdraw(main.reserve(), batch, true));
        assertEquals(8, mainCoins.size());

        ExchangeKeys keys = exchange.keys(masterPub);
        List<Denomination> all = new ArrayList<>(single);
        all.addAll(batch);
        for (int i = 0; i < mainCoins.size(); i++) {
            WithdrawnCoin c = mainCoins.get(i);
            Denomination listed = keys.requireDenomination(c.denomination().hash());
            assertEquals(all.get(i).hash(), listed.hash(), "coin " + i + " has the requested denomination");
            assertTrue(listed.verify(masterPub), "denomination of coin " + i + " is master-signed");
            assertEquals(listed.key(), c.coin().denomination(), "coin " + i + " key as listed in /keys");
            assertTrue(c.coin().verify(), "coin " + i + " signature verifies");
        }
        assertEquals(mainCoins.size(), mainCoins.stream().map(WithdrawnCoin::coinPub).distinct().count());
        assertEquals(TEN.subtract(cost(all)), balance(main.reserve()), "10 - sum(value + fee)");
        assertEquals(Amount.parse("TESTKUDOS:4.62"), balance(main.reserve()));
    }

    @Test
    @Order(3)
    void walletSelectsDenominationsForAnAmountAndWithdrawsThem() {
        Funded f = fund(Amount.parse("TESTKUDOS:5"));
        wallet.refreshKeys();
        var sel = wallet.selectDenominations(Amount.parse("TESTKUDOS:5"));
        List<WithdrawnCoin> coins = wallet.withdrawAmount(f.reserve(), Amount.parse("TESTKUDOS:5"));
        assertEquals(sel.size(), coins.size());
        assertEquals(12, coins.size(), "4 coins of 1 and 8 of 0.1: " + sel);
        assertEquals(Amount.parse("TESTKUDOS:4.8"), sel.totalValue());
        assertTrue(coins.stream().allMatch(c -> c.coin().verify()));
        assertEquals(Amount.parse("TESTKUDOS:5").subtract(sel.totalCost()), balance(f.reserve()));
        assertEquals(Amount.parse("TESTKUDOS:0.08"), balance(f.reserve()));
    }

    @Test
    @Order(4)
    void expiredAndNotYetValidDenominationsAreRefusedButReplaysAnswer() throws Exception {
        Funded f = fund(TEN);
        // sign the short-lived keys the security module made since the key-up (as the harness would)
        bed.offline("download", "sign", "upload");
        // a key valid for at least one more second (else wait for the next), and one that starts later
        List<Denomination> shorts = List.of();
        Denomination current = null;
        for (int attempt = 0; attempt < 3 && current == null; attempt++) {
            if (attempt > 0) {
                Thread.sleep(1200);
            }
            shorts = wallet.refreshKeys().denominations().stream().filter(d -> d.value().equals(SHORT_VALUE))
                    .sorted((a, b) -> a.stampStart().compareTo(b.stampStart())).toList();
            Timestamp now = Timestamp.fromInstant(java.time.Instant.now());
            Timestamp soon = now.plus(RelativeTime.ofSeconds(1));
            current = shorts.stream().filter(d -> !now.isBefore(d.stampStart()) && soon.isBefore(d.stampExpireWithdraw()))
                    .findFirst().orElse(null);
        }
        assertNotNull(current, "no current short-lived key in " + shorts);
        Timestamp currentStart = current.stampStart();
        List<Denomination> listed = shorts;
        Denomination future = listed.stream().filter(d -> d.stampStart().isAfter(currentStart))
                .findFirst().orElseThrow(() -> new AssertionError("no future short key: " + listed));

        PreparedCoin early = wallet.prepareWithdraw(f.reserve(), List.of(future), WithdrawOptions.DEFAULT).get(0);
        assertSignedDenomReply(exchange.withdrawRaw(f.reserve().pub(), early.request()), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_VALIDITY_IN_FUTURE, future.hash(),
                DenominationExpired.OP_WITHDRAW);

        PreparedCoin withdrawn = wallet.prepareWithdraw(f.reserve(), List.of(current), WithdrawOptions.DEFAULT).get(0);
        BlindSignature sig = exchange.withdraw(f.reserve().pub(), withdrawn.request());
        assertTrue(withdrawn.toCoin(sig).coin().verify());
        PreparedCoin late = wallet.prepareWithdraw(f.reserve(), List.of(current), WithdrawOptions.DEFAULT).get(0);
        Amount before = balance(f.reserve());
        assertEquals(TEN.subtract(current.withdrawCost()), before);

        long waitMs = current.stampExpireWithdraw().toInstant().toEpochMilli() - System.currentTimeMillis() + 1200;
        Thread.sleep(Math.max(0, waitMs));
        assertSignedDenomReply(exchange.withdrawRaw(f.reserve().pub(), late.request()), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_EXPIRED, current.hash(), DenominationExpired.OP_WITHDRAW);
        assertSignedDenomReply(exchange.batchWithdrawRaw(f.reserve().pub(), List.of(late.request())), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_EXPIRED, current.hash(), DenominationExpired.OP_WITHDRAW);
        ApiResponse replay = exchange.withdrawRaw(f.reserve().pub(), withdrawn.request());
        assertEquals(200, replay.status(), replay.summary());
        assertEquals(sigJson(sig), replay.json().path("ev_sig"), "stored signature of the expired key");
        assertEquals(before, balance(f.reserve()));
    }

    @Test
    @Order(5)
    void manyLongPollsWakeTogetherAndUnfundedOnesTimeOut() throws Exception {
        Reserve x = wallet.createReserve();
        Reserve y = wallet.createReserve();
        Reserve never = wallet.createReserve();
        List<CompletableFuture<ApiResponse>> polls = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            for (Reserve r : List.of(x, x, x, y, y)) {
                polls.add(CompletableFuture.supplyAsync(() -> exchange.reserveStatusRaw(r.pub(), Duration.ofSeconds(40)),
                        pool));
            }
            long t0 = System.nanoTime();
            CompletableFuture<ApiResponse> timeout = CompletableFuture.supplyAsync(
                    () -> exchange.reserveStatusRaw(never.pub(), Duration.ofMillis(2500)), pool);
            Thread.sleep(1000);
            assertTrue(polls.stream().noneMatch(CompletableFuture::isDone), "polls answered before any transfer");
            long tFund = System.nanoTime();
            wallet.fund(x, Amount.parse("TESTKUDOS:2"));
            wallet.fund(y, Amount.parse("TESTKUDOS:3"));
            for (int i = 0; i < polls.size(); i++) {
                ApiResponse r = polls.get(i).get(60, TimeUnit.SECONDS);
                assertEquals(200, r.status(), r.summary());
                assertEquals(i < 3 ? "TESTKUDOS:2" : "TESTKUDOS:3", r.json().path("balance").asText(), r.summary());
            }
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - tFund);
            assertTrue(ms < 5000, "long polls answered " + ms + " ms after the transfers");
            ApiResponse t = timeout.get(60, TimeUnit.SECONDS);
            long tms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertStatus(t, 404, TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
            assertTrue(tms >= 2400 && tms < 10_000, "2.5 s long poll took " + tms + " ms");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Order(6)
    void runOnceWirewatchImportsAndWakesTheLongPollThenTheServiceContinues() throws Exception {
        // without the service, only the run-once import can answer the waiting long poll
        assertEquals(0, bed.stop("taler-exchange-wirewatch"), bed.logs());
        Reserve r = wallet.createReserve();
        CompletableFuture<ApiResponse> poll = CompletableFuture.supplyAsync(
                () -> exchange.reserveStatusRaw(r.pub(), Duration.ofSeconds(40)));
        wallet.fund(r, Amount.parse("TESTKUDOS:3"));
        Thread.sleep(500);
        assertFalse(poll.isDone(), () -> "imported without any wirewatch? " + poll.join().summary());
        ExchangeTestbed.Result once = bed.wirewatchOnce();
        long t0 = System.nanoTime();
        assertEquals(0, once.code(), once.toString());
        ApiResponse res = poll.get(60, TimeUnit.SECONDS);
        assertEquals(200, res.status(), res.summary());
        assertEquals("TESTKUDOS:3", res.json().path("balance").asText());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5000, "long poll woken by the -t run");

        // the service imports the next transfer, and a run-once beside it exits 0 too. The service
        // must own its shard before the run-once starts: otherwise the run-once may take the shard,
        // the service append one beyond the bank's head and wait there for its 60 s long poll
        // (work-shard liveness gap, reported to the lead).
        wirewatch = bed.startWirewatch("taler-exchange-wirewatch-2");
        Reserve r2 = wallet.createReserve();
        wallet.fund(r2, Amount.parse("TESTKUDOS:4"));
        assertEquals(Amount.parse("TESTKUDOS:4"), wallet.awaitReserve(r2, AWAIT));
        ExchangeTestbed.Result again = bed.wirewatchOnce();
        assertEquals(0, again.code(), again.toString());
        Reserve r3 = wallet.createReserve();
        wallet.fund(r3, Amount.parse("TESTKUDOS:5"));
        assertEquals(Amount.parse("TESTKUDOS:5"), wallet.awaitReserve(r3, Duration.ofSeconds(10)));
        assertTrue(wirewatch.isAlive(), bed.logs());
    }

    // ------------------------------------------------------------------ 2. idempotency

    @Test
    @Order(7)
    void repeatedWithdrawReturnsTheSameSignatureAndDebitsOnce() {
        Funded f = fund(TEN);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        List<Denomination> ds = List.of(rsa1, cs1, rsa01);
        WithdrawOptions opts = WithdrawOptions.DEFAULT.withSeed(seed);
        List<PreparedCoin> first = wallet.prepareWithdraw(f.reserve(), ds, opts);
        List<WithdrawnCoin> coins = wallet.complete(f.reserve(), first, false);
        Amount after = TEN.subtract(cost(ds));
        assertEquals(after, balance(f.reserve()));

        // the very same requests again
        List<WithdrawnCoin> again = wallet.complete(f.reserve(), first, false);
        // the same seed gives byte-identical requests (CS: same nonce, same R from /csr-withdraw)
        List<PreparedCoin> second = wallet.prepareWithdraw(f.reserve(), ds, opts);
        for (int i = 0; i < ds.size(); i++) {
            assertEquals(first.get(i).request(), second.get(i).request(), "seeded request " + i);
        }
        List<WithdrawnCoin> third = wallet.complete(f.reserve(), second, false);
        for (int i = 0; i < ds.size(); i++) {
            assertEquals(sigJson(coins.get(i).blindSignature()), sigJson(again.get(i).blindSignature()), "coin " + i);
            assertEquals(sigJson(coins.get(i).blindSignature()), sigJson(third.get(i).blindSignature()), "coin " + i);
            assertEquals(coins.get(i).coinPub(), third.get(i).coinPub());
        }
        assertEquals(after, balance(f.reserve()), "repeats must not debit again");
    }

    @Test
    @Order(8)
    void batchRepeatingAWithdrawnEnvelopeIsRefusedWithoutDebit() {
        Funded f = fund(TEN);
        List<PreparedCoin> batch = wallet.prepareWithdraw(f.reserve(), List.of(rsa1, cs1), WithdrawOptions.DEFAULT);
        List<SignedPlanchet> reqs = batch.stream().map(PreparedCoin::request).toList();
        List<BlindSignature> sigs = exchange.batchWithdraw(f.reserve().pub(), reqs);
        for (int i = 0; i < batch.size(); i++) {
            assertTrue(batch.get(i).toCoin(sigs.get(i)).coin().verify());
        }
        Amount after = TEN.subtract(Amount.parse("TESTKUDOS:2.02"));
        assertEquals(after, balance(f.reserve()));

        ApiResponse same = exchange.batchWithdrawRaw(f.reserve().pub(), reqs);
        assertStatus(same, 409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET);

        PreparedCoin fresh = wallet.prepareWithdraw(f.reserve(), List.of(rsa01), WithdrawOptions.DEFAULT).get(0);
        ApiResponse mixed = exchange.batchWithdrawRaw(f.reserve().pub(), List.of(fresh.request(), reqs.get(0)));
        assertStatus(mixed, 409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET);
        assertEquals(after, balance(f.reserve()), "refused batches debit nothing");

        // the fresh planchet of the refused batch was not recorded: withdrawing it now costs money
        assertTrue(fresh.toCoin(exchange.withdraw(f.reserve().pub(), fresh.request())).coin().verify());
        after = after.subtract(rsa01.withdrawCost());
        assertEquals(after, balance(f.reserve()));

        // one envelope twice within one batch (RSA and CS): refused like a repeat, nothing debited
        for (Denomination d : List.of(rsa01, cs1)) {
            PreparedCoin twice = wallet.prepareWithdraw(f.reserve(), List.of(d), WithdrawOptions.DEFAULT).get(0);
            ApiResponse dup = exchange.batchWithdrawRaw(f.reserve().pub(), List.of(twice.request(), twice.request()));
            assertStatus(dup, 409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET);
            assertEquals(after, balance(f.reserve()), "duplicate within a batch debits nothing");
            assertTrue(twice.toCoin(exchange.withdraw(f.reserve().pub(), twice.request())).coin().verify());
            after = after.subtract(d.withdrawCost());
            assertEquals(after, balance(f.reserve()));
        }
    }

    @Test
    @Order(9)
    void concurrentRepeatsOfOneRequestDebitOnce() throws Exception {
        Funded f = fund(TEN);
        for (Denomination d : List.of(rsa1, cs1)) {
            PreparedCoin p = wallet.prepareWithdraw(f.reserve(), List.of(d), WithdrawOptions.DEFAULT).get(0);
            Amount before = balance(f.reserve());
            int n = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<ApiResponse>> fs = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    fs.add(pool.submit(() -> {
                        go.await();
                        return exchange.withdrawRaw(f.reserve().pub(), p.request());
                    }));
                }
                go.countDown();
                JsonNode first = null;
                for (Future<ApiResponse> fu : fs) {
                    ApiResponse r = fu.get(60, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), () -> r.summary() + "\n" + bed.logs());
                    JsonNode sig = r.json().path("ev_sig");
                    if (first == null) {
                        first = sig;
                        assertTrue(p.toCoin(CoinJson.blindSignature(sig)).coin().verify());
                    }
                    assertEquals(first, sig, d + ": every repeat gets the same signature");
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before.subtract(d.withdrawCost()), balance(f.reserve()), d + " debited once");
        }
    }

    // ------------------------------------------------------------------ 3. concurrency

    @Test
    @Order(10)
    void concurrentWithdrawalsNeverOverdraw() throws Exception {
        Funded f = fund(TEN);
        int threads = 8;
        int perThread = 3;
        // threads 0..5: single withdrawals of 1 (1.01 each); threads 6, 7: batches of two (2.02)
        List<List<List<PreparedCoin>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<List<PreparedCoin>> requests = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                int n = t < 6 ? 1 : 2;
                requests.add(wallet.prepareWithdraw(f.reserve(), Collections.nCopies(n, rsa1), WithdrawOptions.DEFAULT));
            }
            work.add(requests);
        }
        record Outcome(List<PreparedCoin> coins, ApiResponse response) {
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (List<List<PreparedCoin>> requests : work) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (List<PreparedCoin> req : requests) {
                        ApiResponse r = req.size() == 1 ? exchange.withdrawRaw(f.reserve().pub(), req.get(0).request())
                                : exchange.batchWithdrawRaw(f.reserve().pub(),
                                        req.stream().map(PreparedCoin::request).toList());
                        outcomes.add(new Outcome(req, r));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> fu : fs) {
                fu.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Amount withdrawn = Amount.zero(ExchangeTestbed.CURRENCY);
        int coins = 0;
        List<String> problems = new ArrayList<>();
        List<ApiResponse> refusals = new ArrayList<>();
        for (Outcome o : outcomes) {
            ApiResponse r = o.response();
            if (r.status() == 200) {
                JsonNode sigs = o.coins().size() == 1 ? null : r.json().path("ev_sigs");
                for (int i = 0; i < o.coins().size(); i++) {
                    JsonNode holder = sigs == null ? r.json() : sigs.get(i);
                    BlindSignature s = CoinJson.blindSignature(holder.path("ev_sig"));
                    if (!o.coins().get(i).toCoin(s).coin().verify()) {
                        problems.add("coin does not verify: " + r.summary());
                    }
                    withdrawn = withdrawn.add(rsa1.withdrawCost());
                    coins++;
                }
            } else if (r.is(409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS)) {
                refusals.add(r);
                Amount requested = Amount.parse(r.json().path("requested_amount").asText());
                Amount reported = Amount.parse(r.json().path("balance").asText());
                if (!requested.equals(rsa1.withdrawCost().multiply(o.coins().size()))) {
                    problems.add("requested_amount: " + r.summary());
                }
                if (reported.compare(requested) >= 0) {
                    problems.add("refused although the balance sufficed: " + r.summary());
                }
            } else {
                problems.add("unexpected reply: " + r.summary());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems) + "\n" + bed.logs());
        assertEquals(threads * perThread, outcomes.size());
        Amount finalBalance = balance(f.reserve());
        assertTrue(withdrawn.compare(TEN) <= 0, "overdrawn: " + withdrawn);
        assertEquals(TEN, withdrawn.add(finalBalance), "withdrawn + balance = credit");
        // 18 single attempts alone cost more than 10, so some single failed: less than 1.01 is left
        assertTrue(finalBalance.compare(rsa1.withdrawCost()) < 0, "balance left: " + finalBalance);
        assertEquals(9, coins, "coins of 1.01 that fit into 10");
        assertFalse(refusals.isEmpty());

        // Refusals after the balance ran out show the final history: the credit and every withdrawal.
        for (ApiResponse r : refusals) {
            Amount reported = Amount.parse(r.json().path("balance").asText());
            JsonNode history = r.json().path("history");
            assertTrue(history.isArray(), r.summary());
            assertCredit(history, f.row(), TEN, r);
            if (reported.compare(rsa1.withdrawCost()) < 0) {
                assertEquals(finalBalance, reported, r.summary());
                assertEquals(coins, count(history, "WITHDRAW"), r.summary());
                Amount sum = Amount.zero(ExchangeTestbed.CURRENCY);
                for (JsonNode e : history) {
                    if (e.path("type").asText().equals("WITHDRAW")) {
                        assertEquals(rsa1.hash().toBase32(), e.path("h_denom_pub").asText());
                        assertEquals("TESTKUDOS:1.01", e.path("amount").asText());
                        assertEquals("TESTKUDOS:0.01", e.path("withdraw_fee").asText());
                        assertEquals(64, Crockford.decodeVariable(e.path("h_coin_envelope").asText()).length);
                        assertEquals(64, Crockford.decodeVariable(e.path("reserve_sig").asText()).length);
                        sum = sum.add(Amount.parse(e.path("amount").asText()));
                    }
                }
                assertEquals(TEN, sum.add(reported), "history adds up: " + r.summary());
            }
        }
    }

    // ------------------------------------------------------------------ 4. refusals

    private void assertSignedDenomReply(ApiResponse r, int status, TalerErrorCode code, HashCode h, String oper) {
        ReplyAssertions.assertSignedDenomReply(r, status, code, h, oper, wallet.refreshKeys());
    }

    private final List<String> failures = new ArrayList<>();

    private void check(String what, Executable e) {
        try {
            e.execute();
        } catch (Throwable t) {
            failures.add(what + ": " + t);
        }
    }

    private static HashCode randomHash(SecureRandom rnd) {
        byte[] b = new byte[HashCode.SIZE];
        rnd.nextBytes(b);
        return HashCode.fromBase32(Crockford.encode(b));
    }

    @Test
    @Order(11)
    void refusalsHaveExactStatusAndCode() throws Exception {
        failures.clear();
        Funded f = fund(TEN);
        EddsaPublicKey pub = f.reserve().pub();
        PreparedCoin p = wallet.prepareWithdraw(f.reserve(), List.of(rsa1), WithdrawOptions.DEFAULT).get(0);
        SignedPlanchet req = p.request();

        check("withdraw beyond the balance", () -> {
            Funded small = fund(Amount.parse("TESTKUDOS:1"));
            PreparedCoin big = wallet.prepareWithdraw(small.reserve(), List.of(rsa1), WithdrawOptions.DEFAULT).get(0);
            ApiResponse r = exchange.withdrawRaw(small.reserve().pub(), big.request());
            assertStatus(r, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
            assertEquals("TESTKUDOS:1", r.json().path("balance").asText(), r.summary());
            assertEquals("TESTKUDOS:1.01", r.json().path("requested_amount").asText(), r.summary());
            assertCredit(r.json().path("history"), small.row(), Amount.parse("TESTKUDOS:1"), r);
            assertEquals(0, count(r.json().path("history"), "WITHDRAW"), r.summary());
            // after a small withdrawal the history lists it
            PreparedCoin ct = wallet.prepareWithdraw(small.reserve(), List.of(rsa01), WithdrawOptions.DEFAULT).get(0);
            exchange.withdraw(small.reserve().pub(), ct.request());
            ApiResponse r2 = exchange.withdrawRaw(small.reserve().pub(), big.request());
            assertStatus(r2, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
            assertEquals("TESTKUDOS:0.89", r2.json().path("balance").asText(), r2.summary());
            JsonNode h = r2.json().path("history");
            assertEquals(1, count(h, "WITHDRAW"), r2.summary());
            for (JsonNode e : h) {
                if (e.path("type").asText().equals("WITHDRAW")) {
                    assertEquals(ct.request().envelopeHash().toBase32(), e.path("h_coin_envelope").asText());
                    assertEquals(rsa01.hash().toBase32(), e.path("h_denom_pub").asText());
                    assertEquals(ct.request().reserveSig().toBase32(), e.path("reserve_sig").asText());
                    assertEquals("TESTKUDOS:0.11", e.path("amount").asText());
                    assertEquals("TESTKUDOS:0.01", e.path("withdraw_fee").asText());
                }
            }
            ApiResponse batch = exchange.batchWithdrawRaw(small.reserve().pub(), List.of(big.request()));
            assertStatus(batch, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
            assertEquals(Amount.parse("TESTKUDOS:0.89"), balance(small.reserve()));
        });
        check("batch beyond the balance although each planchet fits", () -> {
            Funded small = fund(Amount.parse("TESTKUDOS:1.5"));
            List<PreparedCoin> cs = wallet.prepareWithdraw(small.reserve(), List.of(rsa1, rsa01, rsa01, cs1),
                    WithdrawOptions.DEFAULT);
            ApiResponse r = exchange.batchWithdrawRaw(small.reserve().pub(),
                    cs.stream().map(PreparedCoin::request).toList());
            assertStatus(r, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
            assertEquals("TESTKUDOS:2.24", r.json().path("requested_amount").asText(), r.summary());
            assertEquals("TESTKUDOS:1.5", r.json().path("balance").asText(), r.summary());
            assertEquals(Amount.parse("TESTKUDOS:1.5"), balance(small.reserve()));
        });
        check("a reserve withdrawn to exactly zero", () -> {
            Funded exact = fund(rsa1.withdrawCost());
            wallet.withdraw(exact.reserve(), List.of(rsa1), false);
            assertEquals(Amount.zero(ExchangeTestbed.CURRENCY), balance(exact.reserve()));
            ApiResponse st = exchange.reserveStatusRaw(exact.reserve().pub(), Duration.ofSeconds(20));
            assertEquals(200, st.status(), st.summary());
            assertEquals("TESTKUDOS:0", st.json().path("balance").asText(), st.summary());
            PreparedCoin more = wallet.prepareWithdraw(exact.reserve(), List.of(rsa01), WithdrawOptions.DEFAULT).get(0);
            ApiResponse r = exchange.withdrawRaw(exact.reserve().pub(), more.request());
            assertStatus(r, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
            assertEquals("TESTKUDOS:0", r.json().path("balance").asText(), r.summary());
        });
        check("unknown denomination", () -> {
            HashCode h = randomHash(random);
            assertSignedDenomReply(exchange.withdrawRaw(pub, req.withDenomPubHash(h)), 404,
                    TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, null);
            assertSignedDenomReply(exchange.batchWithdrawRaw(pub, List.of(req.withDenomPubHash(h))), 404,
                    TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, null);
            assertSignedDenomReply(exchange.csrWithdrawRaw(CsNonce.random(), h), 404,
                    TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, null);
        });
        check("bad reserve signature", () -> {
            EddsaSignature other = p.request().signedBlock(rsa1.withdrawCost()).sign(EddsaPrivateKey.generate());
            assertStatus(exchange.withdrawRaw(pub, req.withReserveSig(other)), 403,
                    TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID);
            assertStatus(exchange.batchWithdrawRaw(pub, List.of(req.withReserveSig(other))), 403,
                    TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID);
        });
        check("signature over another amount", () -> {
            for (String amount : new String[] {"TESTKUDOS:1", "TESTKUDOS:0.11", "TESTKUDOS:1.02"}) {
                SignedPlanchet tampered = SignedPlanchet.sign(p.planchet(), Amount.parse(amount), f.reserve().priv());
                assertStatus(exchange.withdrawRaw(pub, tampered), 403,
                        TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID);
            }
        });
        check("unknown reserve", () -> {
            Reserve nobody = wallet.createReserve();
            PreparedCoin c = wallet.prepareWithdraw(nobody, List.of(rsa1), WithdrawOptions.DEFAULT).get(0);
            assertStatus(exchange.withdrawRaw(nobody.pub(), c.request()), 404,
                    TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);
            assertStatus(exchange.batchWithdrawRaw(nobody.pub(), List.of(c.request())), 404,
                    TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);
        });
        check("malformed planchet", () -> {
            ObjectNode noEv = req.toJson();
            noEv.remove("coin_ev");
            assertStatus(exchange.withdrawRaw(pub, noEv), 400, TalerErrorCode.GENERIC_JSON_INVALID);
            ObjectNode badEv = req.toJson();
            ((ObjectNode) badEv.path("coin_ev")).put("rsa_blinded_planchet", "not*base32!");
            assertStatus(exchange.withdrawRaw(pub, badEv), 400, TalerErrorCode.GENERIC_JSON_INVALID);
            ObjectNode badSig = req.toJson();
            badSig.put("reserve_sig", "ABC");
            assertStatus(exchange.withdrawRaw(pub, badSig), 400, TalerErrorCode.GENERIC_JSON_INVALID);
            assertStatus(exchange.postBytes("reserves/" + pub.toBase32() + "/withdraw",
                    "{\"denom_pub_hash\":".getBytes(StandardCharsets.UTF_8)), 400, TalerErrorCode.GENERIC_JSON_INVALID);
            ObjectNode batchNoEv = SignedPlanchet.batchJson(List.of(req));
            ((ObjectNode) batchNoEv.path("planchets").get(0)).remove("coin_ev");
            assertStatus(exchange.batchWithdrawRaw(pub, batchNoEv), 400, TalerErrorCode.GENERIC_JSON_INVALID);
            assertStatus(exchange.batchWithdrawRaw(pub, List.of()), 400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
            assertStatus(exchange.batchWithdrawRaw(pub, Collections.nCopies(ExchangeClient.MAX_BATCH + 1, req)), 400,
                    TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
            ObjectNode notArray = JsonNodeFactory.instance.objectNode();
            notArray.put("planchets", "x");
            assertStatus(exchange.batchWithdrawRaw(pub, notArray), 400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        });
        check("malformed reserve pub", () -> {
            assertStatus(exchange.post("reserves/NOT-A-KEY/withdraw", req.toJson()), 400,
                    TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED);
            assertStatus(exchange.post("reserves/NOT-A-KEY/batch-withdraw", SignedPlanchet.batchJson(List.of(req))),
                    400, TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED);
            assertStatus(exchange.get("reserves/NOT-A-KEY"), 400, TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED);
        });
        check("cipher mismatch", () -> {
            assertStatus(exchange.withdrawRaw(pub, req.withDenomPubHash(cs1.hash())), 400,
                    TalerErrorCode.EXCHANGE_GENERIC_CIPHER_MISMATCH);
        });
        check("csr-withdraw for an RSA denomination", () -> {
            assertSignedDenomReply(exchange.csrWithdrawRaw(CsNonce.random(), rsa1.hash()), 404,
                    TalerErrorCode.EXCHANGE_GENERIC_INVALID_DENOMINATION_CIPHER_FOR_OPERATION, rsa1.hash(), null);
        });
        check("csr-withdraw is a pure function", () -> {
            CsNonce n = CsNonce.random();
            ApiResponse a = exchange.csrWithdrawRaw(n, cs1.hash());
            ApiResponse b = exchange.csrWithdrawRaw(n, cs1.hash());
            assertEquals(200, a.status(), a.summary());
            assertEquals(a.json(), b.json());
            assertNotEquals(a.json(), exchange.csrWithdrawRaw(CsNonce.random(), cs1.hash()).json());
        });
        check("CS nonce reused for another envelope", () -> {
            PreparedCoin c = wallet.prepareWithdraw(f.reserve(), List.of(cs1), WithdrawOptions.DEFAULT).get(0);
            assertTrue(c.toCoin(exchange.withdraw(pub, c.request())).coin().verify());
            Amount before = balance(f.reserve());
            CsBlindedMessage m = ((BlindedPlanchet.Cs) c.request().coinEv()).message();
            byte[] c0 = m.c0();
            c0[0] ^= 1;
            BlindedPlanchet other = new BlindedPlanchet.Cs(new CsBlindedMessage(c0, m.c1(), m.nonce()));
            EddsaSignature sig = new WithdrawRequest(cs1.withdrawCost(), cs1.hash(), other.envelopeHash(cs1.hash()))
                    .sign(f.reserve().priv());
            SignedPlanchet reuse = new SignedPlanchet(cs1.hash(), sig, other);
            assertStatus(exchange.withdrawRaw(pub, reuse), 409, TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE);
            ApiResponse batch = exchange.batchWithdrawRaw(pub, List.of(reuse));
            assertStatus(batch, 400, TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE); // 400 in batches (3.3)
            assertEquals(before, balance(f.reserve()), "nonce reuse debits nothing");
            // the original envelope is still a plain replay
            assertEquals(200, exchange.withdrawRaw(pub, c.request()).status());
            // two envelopes with one fresh nonce within one batch: refused, and the nonce stays free
            PreparedCoin c2 = wallet.prepareWithdraw(f.reserve(), List.of(cs1), WithdrawOptions.DEFAULT).get(0);
            CsBlindedMessage m2 = ((BlindedPlanchet.Cs) c2.request().coinEv()).message();
            byte[] c02 = m2.c0();
            c02[0] ^= 1;
            BlindedPlanchet other2 = new BlindedPlanchet.Cs(new CsBlindedMessage(c02, m2.c1(), m2.nonce()));
            SignedPlanchet twin = new SignedPlanchet(cs1.hash(), new WithdrawRequest(cs1.withdrawCost(), cs1.hash(),
                    other2.envelopeHash(cs1.hash())).sign(f.reserve().priv()), other2);
            assertStatus(exchange.batchWithdrawRaw(pub, List.of(c2.request(), twin)), 400,
                    TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE);
            assertEquals(before, balance(f.reserve()), "refused batch debits nothing");
            assertTrue(c2.toCoin(exchange.withdraw(pub, c2.request())).coin().verify());
        });
        check("reserve status", () -> {
            Reserve nobody = wallet.createReserve();
            assertStatus(exchange.reserveStatusRaw(nobody.pub(), null), 404,
                    TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
            long t0 = System.nanoTime();
            assertStatus(exchange.reserveStatusRaw(nobody.pub(), Duration.ofMillis(700)), 404,
                    TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms >= 600 && ms < 10_000, "long poll of 700 ms took " + ms + " ms");
            for (String bad : new String[] {"abc", "-5", "1.5", ""}) {
                assertStatus(exchange.get("reserves/" + nobody.pub().toBase32() + "?timeout_ms=" + bad), 400,
                        TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
            }
            // a known reserve answers at once even with a timeout, also an absurdly long one
            for (String t : new String[] {"20000", Long.toString(Long.MAX_VALUE)}) {
                long t1 = System.nanoTime();
                ApiResponse known = exchange.get("reserves/" + pub.toBase32() + "?timeout_ms=" + t);
                assertEquals(200, known.status(), known.summary());
                assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t1) < 5000);
            }
            // an unknown one with an absurdly long timeout is held, not refused
            CompletableFuture<ApiResponse> held = CompletableFuture.supplyAsync(() -> exchange.get(
                    "reserves/" + nobody.pub().toBase32() + "?timeout_ms=" + Long.MAX_VALUE));
            Thread.sleep(1500);
            assertFalse(held.isDone(), () -> "answered at once: " + held.join().summary());
            held.cancel(true);
            assertStatus(exchange.get("reserves/" + nobody.pub().toBase32() + "?timeout_ms=99999999999999999999"),
                    400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        });
        // none of the refused requests debited the reserve (only the two CS coins did)
        check("balance after the refusals",
                () -> assertEquals(TEN.subtract(cs1.withdrawCost().multiply(2)), balance(f.reserve())));
        assertTrue(failures.isEmpty(), String.join("\n", failures) + "\n" + bed.logs());
    }

    // ------------------------------------------------------------------ revocation (changes /keys: last)

    @Test
    @Order(12)
    void revokedDenominationRefusesNewEnvelopesButReplaysOldOnes() throws Exception {
        Funded f = fund(Amount.parse("TESTKUDOS:5"));
        PreparedCoin old = wallet.prepareWithdraw(f.reserve(), List.of(rsa01), WithdrawOptions.DEFAULT).get(0);
        BlindSignature oldSig = exchange.withdraw(f.reserve().pub(), old.request());
        assertTrue(old.toCoin(oldSig).coin().verify());
        PreparedCoin fresh = wallet.prepareWithdraw(f.reserve(), List.of(rsa01), WithdrawOptions.DEFAULT).get(0);
        Amount before = balance(f.reserve());

        bed.offline("revoke-denomination", rsa01.hash().toBase32(), "upload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!wallet.refreshKeys().recoup().contains(rsa01.hash())) {
            assertTrue(System.nanoTime() < deadline, "revocation not in /keys after 30 s\n" + bed.logs());
            Thread.sleep(200);
        }

        assertSignedDenomReply(exchange.withdrawRaw(f.reserve().pub(), fresh.request()), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_REVOKED, rsa01.hash(), DenominationExpired.OP_WITHDRAW);
        assertSignedDenomReply(exchange.batchWithdrawRaw(f.reserve().pub(), List.of(fresh.request())), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_REVOKED, rsa01.hash(), DenominationExpired.OP_WITHDRAW);

        ApiResponse replay = exchange.withdrawRaw(f.reserve().pub(), old.request());
        assertEquals(200, replay.status(), replay.summary());
        assertEquals(sigJson(oldSig), replay.json().path("ev_sig"), "the stored signature comes back");
        assertEquals(before, balance(f.reserve()), "neither the refusal nor the replay debits");

        // the other denominations still work
        List<WithdrawnCoin> more = wallet.withdraw(f.reserve(), List.of(rsa1, cs1), true);
        assertTrue(more.stream().allMatch(c -> c.coin().verify()));
        assertEquals(before.subtract(Amount.parse("TESTKUDOS:2.02")), balance(f.reserve()));
        assertTrue(httpd.isAlive() && wirewatch.isAlive(), bed.logs());
        revoked = new Revoked(f, old, oldSig);
    }

    /** The revocation test's reserve, its coin of the revoked denomination and that coin's signature. */
    private record Revoked(Funded funded, PreparedCoin old, BlindSignature sig) {
    }

    Revoked revoked;

    @Test
    @Order(13)
    void afterAnHttpdRestartEverythingIsStillThere() throws Exception {
        assertEquals(0, bed.stop("taler-exchange-httpd"), bed.logs());
        httpd = bed.startHttpd("taler-exchange-httpd-2");
        bed.awaitReady(httpd);
        ExchangeKeys keys = exchange.keys(masterPub);
        assertTrue(keys.recoup().contains(rsa01.hash()), "revocation survives the restart");
        assertEquals(Amount.parse("TESTKUDOS:4.62"), balance(main.reserve()));
        // replays of the first withdrawals, and of the revoked denomination's coin
        Funded f = revoked.funded();
        PreparedCoin old = revoked.old();
        Amount before = balance(f.reserve());
        ApiResponse replay = exchange.withdrawRaw(f.reserve().pub(), old.request());
        assertEquals(200, replay.status(), replay.summary());
        assertEquals(sigJson(revoked.sig()), replay.json().path("ev_sig"));
        // new withdrawals (the httpd reconnected to the running security modules)
        List<WithdrawnCoin> coins = wallet.withdraw(f.reserve(), List.of(rsa1, cs1), false);
        assertTrue(coins.stream().allMatch(c -> c.coin().verify()));
        assertEquals(before.subtract(Amount.parse("TESTKUDOS:2.02")), balance(f.reserve()));
        // and the long poll still works with the new process
        Reserve r = wallet.createReserve();
        CompletableFuture<ApiResponse> poll = CompletableFuture.supplyAsync(
                () -> exchange.reserveStatusRaw(r.pub(), Duration.ofSeconds(40)));
        Thread.sleep(500);
        long t0 = System.nanoTime();
        wallet.fund(r, Amount.parse("TESTKUDOS:1"));
        assertEquals(200, poll.get(60, TimeUnit.SECONDS).status());
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) < 5000);
    }
}

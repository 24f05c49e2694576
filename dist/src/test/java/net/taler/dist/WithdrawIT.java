package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.ExchangeKeys;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * Withdrawal with real processes from the install tree (operations.md 3.4, 3.10): fakebank,
 * dbinit, three security modules, httpd, offline key-up and wirewatch, money wired through the
 * fakebank's {@code admin/add-incoming}. Only what needs processes is here: wirewatch (service
 * and run-once) waking reserve long polls, and an httpd restart. The endpoints themselves are
 * tested in-process in exchange-httpd ({@code net.taler.httpd.withdraw}, {@code .reserve},
 * {@code .denom}, with the kit in {@code net.taler.httpd.testkit}).
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithdrawIT {
    static final Amount TEN = Amount.parse("TESTKUDOS:10");
    static final Duration AWAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    PgDatabase db;
    ExchangeTestbed bed;
    Process httpd;
    Process wirewatch;
    TestWallet wallet;
    ExchangeClient exchange;
    EddsaPublicKey masterPub;

    Denomination rsa1;
    Denomination rsa01;
    Denomination cs1;

    @BeforeAll
    void start(PgDatabase database) throws Exception {
        db = database;
        bed = ExchangeTestbed.withBank(dir, db.uri(), "");
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

    // ------------------------------------------------------------------ wirewatch wakes long polls


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
        wallet.fund(r, TEN);
        ApiResponse res = poll.get(60, TimeUnit.SECONDS);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(200, res.status(), () -> res.summary() + "\n" + bed.logs());
        assertEquals("TESTKUDOS:10", res.json().path("balance").asText(), res.summary());
        assertTrue(ms < 5000, "long poll returned " + ms + " ms after the transfer (timeout "
                + pollTimeout.toMillis() + " ms)\n" + bed.logs());
    }

    @Test
    @Order(2)
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

    // ------------------------------------------------------------------ restart (changes /keys: last)

    @Test
    @Order(3)
    void afterAnHttpdRestartEverythingIsStillThere() throws Exception {
        // What the new process must find: withdrawals, and a revoked denomination with a coin.
        Funded main = fund(TEN);
        wallet.withdraw(main.reserve(), List.of(rsa1, rsa01, cs1), false);
        wallet.withdraw(main.reserve(), List.of(rsa1, rsa01, rsa01, cs1, cs1), true);
        assertEquals(Amount.parse("TESTKUDOS:4.62"), balance(main.reserve()));
        Funded f = fund(Amount.parse("TESTKUDOS:5"));
        PreparedCoin old = wallet.prepareWithdraw(f.reserve(), List.of(rsa01), WithdrawOptions.DEFAULT).get(0);
        BlindSignature oldSig = exchange.withdraw(f.reserve().pub(), old.request());
        assertTrue(old.toCoin(oldSig).coin().verify());
        bed.offline("revoke-denomination", rsa01.hash().toBase32(), "upload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!wallet.refreshKeys().recoup().contains(rsa01.hash())) {
            assertTrue(System.nanoTime() < deadline, "revocation not in /keys after 30 s\n" + bed.logs());
            Thread.sleep(200);
        }

        assertEquals(0, bed.stop("taler-exchange-httpd"), bed.logs());
        httpd = bed.startHttpd("taler-exchange-httpd-2");
        bed.awaitReady(httpd);
        ExchangeKeys keys = exchange.keys(masterPub);
        assertTrue(keys.recoup().contains(rsa01.hash()), "revocation survives the restart");
        assertEquals(Amount.parse("TESTKUDOS:4.62"), balance(main.reserve()));
        // replay of the revoked denomination's coin
        Amount before = balance(f.reserve());
        ApiResponse replay = exchange.withdrawRaw(f.reserve().pub(), old.request());
        assertEquals(200, replay.status(), replay.summary());
        assertEquals(sigJson(oldSig), replay.json().path("ev_sig"));
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
        assertTrue(httpd.isAlive() && wirewatch.isAlive(), bed.logs());
    }
}

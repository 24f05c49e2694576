package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import net.taler.testsupport.wallet.BankClient;
import net.taler.testsupport.wallet.JsonHttp;
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
 * taler-exchange-wirewatch from the install tree against taler-fakebank-run (operations.md 3.4,
 * wire-gateway.md 2.2): run-once mode ({@code -t}) imports and exits 0; two continuous processes
 * with small shards import each of ~100 transfers exactly once. The database rows are compared
 * with the bank's history row by row.
 *
 * <p>Two credit accounts at the bank keep the scenarios apart: account 2 is only ever watched in
 * run-once mode, account 1 by the continuous processes (each account has its own shard job).
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WirewatchIT {
    static final String ACCOUNT_1 = "exchange-account-1";
    static final String ACCOUNT_2 = "exchange-account-2";
    static final String ACCOUNT_3 = "exchange-account-3";
    static final int TRANSFERS = 100;

    @TempDir
    static Path dir;

    PgDatabase db;
    ExchangeTestbed bed;
    JsonHttp http;
    BankClient bank1;
    BankClient bank2;
    String gateway2;

    @BeforeAll
    void start(PgDatabase database) throws Exception {
        db = database;
        bed = ExchangeTestbed.withBank(dir, db.uri(), "");
        gateway2 = "http://localhost:" + bed.bankPort + "/taler-wire-gateway/exchange2/";
        Files.writeString(bed.conf, "\n[" + ACCOUNT_2 + "]\nPAYTO_URI = payto://x-taler-bank/localhost/exchange2"
                + "?receiver-name=Exchange2\nENABLE_CREDIT = YES\nENABLE_DEBIT = NO\n\n[exchange-accountcredentials-2]\n"
                + "WIRE_GATEWAY_URL = " + gateway2 + "\nWIRE_GATEWAY_AUTH_METHOD = none\n\n"
                // an account the bank has never heard of (no transfer to it yet): history answers 404
                + "[" + ACCOUNT_3 + "]\nPAYTO_URI = payto://x-taler-bank/localhost/nobody?receiver-name=Nobody\n"
                + "ENABLE_CREDIT = YES\n\n[exchange-accountcredentials-3]\nWIRE_GATEWAY_URL = http://localhost:"
                + bed.bankPort + "/taler-wire-gateway/nobody/\nWIRE_GATEWAY_AUTH_METHOD = none\n",
                StandardOpenOption.APPEND);
        bed.dbinit();
        bed.startFakebank();
        http = new JsonHttp();
        bank1 = new BankClient(http, bed.wireGatewayUrl());
        bank2 = new BankClient(http, gateway2);
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

    /** Wires {@code n} transfers of distinct amounts; returns their bank row ids. */
    private static List<Long> wire(BankClient bank, int n, int amountBase) {
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EddsaPublicKey pub = EddsaPrivateKey.generate().publicKey();
            rows.add(bank.addIncoming(Amount.parse("TESTKUDOS:" + (amountBase + i) + ".25"), pub));
        }
        return rows;
    }

    /** The bank's and the exchange's view of one account agree, and each reserve got its credit once. */
    private void assertImportedExactlyOnce(String gateway, String section, int expected) throws Exception {
        Map<Long, BankLedger.Credit> bankSide = BankLedger.bankCredits(http, gateway);
        Map<Long, BankLedger.Credit> exchangeSide = BankLedger.exchangeCredits(db, section);
        assertEquals(expected, bankSide.size(), "bank transfers");
        assertEquals(bankSide, exchangeSide, "reserves_in of " + section + " differs from the bank\n" + bed.logs());
        Map<String, Amount> balances = BankLedger.reserveBalances(db);
        for (BankLedger.Credit c : bankSide.values()) {
            assertEquals(c.amount(), balances.get(c.reservePub()), "balance of reserve " + c.reservePub());
        }
    }

    private void awaitImported(String section, int expected, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int n = 0;
        while (System.nanoTime() < deadline) {
            n = BankLedger.exchangeCredits(db, section).size();
            if (n >= expected) {
                return;
            }
            Thread.sleep(100);
        }
        Map<Long, BankLedger.Credit> missing = new TreeMap<>(BankLedger.bankCredits(http,
                section.equals(ACCOUNT_1) ? bed.wireGatewayUrl() : gateway2));
        missing.keySet().removeAll(BankLedger.exchangeCredits(db, section).keySet());
        throw new AssertionError("only " + n + " of " + expected + " transfers imported into " + section
                + " within " + timeout + "; missing bank rows " + missing.keySet() + "\nshards: "
                + shards("wirewatch-" + section) + "\n" + bed.logs());
    }

    @Test
    @Order(1)
    void runOnceImportsAndExitsZero() throws Exception {
        wire(bank2, 5, 1);
        long t0 = System.nanoTime();
        ExchangeTestbed.Result r = bed.wirewatchOnce("-a", ACCOUNT_2);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, r.code(), r.toString());
        assertTrue(ms < 30_000, "wirewatch -t took " + ms + " ms");
        assertImportedExactlyOnce(gateway2, ACCOUNT_2, 5);

        // nothing new: exits 0 again and changes nothing
        ExchangeTestbed.Result again = bed.wirewatchOnce("-a", ACCOUNT_2);
        assertEquals(0, again.code(), again.toString());
        assertImportedExactlyOnce(gateway2, ACCOUNT_2, 5);

        // later transfers are picked up by the next run (the shard continues where it stopped)
        wire(bank2, 3, 100);
        ExchangeTestbed.Result third = bed.wirewatchOnce("-a", ACCOUNT_2);
        assertEquals(0, third.code(), third.toString());
        assertImportedExactlyOnce(gateway2, ACCOUNT_2, 8);
    }

    @Test
    @Order(2)
    void severalCreditAccountsWithoutChoiceExitTwo() throws Exception {
        ExchangeTestbed.Result r = bed.wirewatchOnce();
        assertEquals(2, r.code(), r.toString());
        assertEquals(0, BankLedger.exchangeCredits(db, ACCOUNT_1).size());
    }

    @Test
    @Order(3)
    void unknownBankAccountWithIgnoreExitsZeroAndWithExitOnErrorOne() throws Exception {
        ExchangeTestbed.Result ignore = bed.wirewatchOnce("-a", ACCOUNT_3, "-I");
        assertEquals(0, ignore.code(), ignore.toString());
        ExchangeTestbed.Result fail = bed.wirewatchOnce("-a", ACCOUNT_3, "-e");
        assertEquals(1, fail.code(), fail.toString());
        assertEquals(0, BankLedger.exchangeCredits(db, ACCOUNT_3).size());
    }

    @Test
    @Order(4)
    void twoContinuousWatchersImportEachTransferOnce() throws Exception {
        Process a = bed.startWirewatch("wirewatch-a", "-a", ACCOUNT_1, "-S", "8", "-w", "2");
        Process b = bed.startWirewatch("wirewatch-b", "-a", ACCOUNT_1, "-S", "8", "-w", "2");
        // a few transfers before the watchers are up, the rest while they run, from 4 threads
        wire(bank1, 12, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Long>>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = 2000 + t * 100;
                fs.add(pool.submit(() -> wire(bank1, (TRANSFERS - 12) / 4, base)));
            }
            for (Future<List<Long>> f : fs) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        int total = TRANSFERS;
        awaitImported(ACCOUNT_1, total, Duration.ofSeconds(60));
        // give a wrongly re-importing watcher the chance to show itself
        Thread.sleep(1500);
        assertImportedExactlyOnce(bed.wireGatewayUrl(), ACCOUNT_1, total);
        assertImportedExactlyOnce(gateway2, ACCOUNT_2, 8);
        assertTrue(a.isAlive() && b.isAlive(), "a watcher died\n" + bed.logs());
        assertEquals(total + 8, BankLedger.exchangeCreditCount(db));
        Map<String, Integer> shards = shardsByState("wirewatch-" + ACCOUNT_1);
        assertTrue(shards.getOrDefault("completed", 0) >= total / 8 - 1,
                "small shards were used and completed: " + shards);
    }

    @Test
    @Order(5)
    void runOnceBesideContinuousWatchersExitsZero() throws Exception {
        wire(bank1, 2, 5000);
        ExchangeTestbed.Result r = bed.wirewatchOnce("-a", ACCOUNT_1, "-S", "8");
        assertEquals(0, r.code(), r.toString());
        int total = TRANSFERS + 2;
        awaitImported(ACCOUNT_1, total, Duration.ofSeconds(30));
        assertImportedExactlyOnce(bed.wireGatewayUrl(), ACCOUNT_1, total);
    }

    @Test
    @Order(6)
    void aCrashedWatchersShardIsTakenOverWhileTransfersKeepComing() throws Exception {
        int before = TRANSFERS + 2;
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<List<Long>> load = pool.submit(() -> wire(bank1, 40, 6000));
            Thread.sleep(150);
            // SIGKILL mid-stream: its shard stays locked until the lock expires; a live watcher takes
            // it over when it next looks for work, i.e. when it finishes a shard of newer transfers
            bed.kill("wirewatch-a");
            load.get(60, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        bed.startWirewatch("wirewatch-c", "-a", ACCOUNT_1, "-S", "8", "-w", "2");
        int sent = before + 40;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (BankLedger.exchangeCredits(db, ACCOUNT_1).size() < sent) {
            if (System.nanoTime() > deadline) {
                awaitImported(ACCOUNT_1, sent, Duration.ZERO); // fails with the missing rows and shards
            }
            wire(bank1, 2, 7000 + sent);
            sent += 2;
            Thread.sleep(200);
        }
        awaitImported(ACCOUNT_1, sent, Duration.ofSeconds(30));
        Thread.sleep(1000);
        assertImportedExactlyOnce(bed.wireGatewayUrl(), ACCOUNT_1, sent);
    }

    /** The shard table of a job, one line per shard, for failure messages. */
    private String shards(String job) throws Exception {
        StringBuilder sb = new StringBuilder();
        try (var c = db.open(); var ps = c.prepareStatement("SELECT start_row, end_row, completed, last_attempt"
                + " FROM exchange.work_shards WHERE job_name = ? ORDER BY start_row")) {
            ps.setString(1, job);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    sb.append('(').append(rs.getLong(1)).append(',').append(rs.getLong(2)).append(']')
                            .append(rs.getBoolean(3) ? " done" : " open").append(" last_attempt=")
                            .append(rs.getLong(4)).append("; ");
                }
            }
        }
        return sb.toString();
    }

    private Map<String, Integer> shardsByState(String job) throws Exception {
        Map<String, Integer> out = new TreeMap<>();
        try (var c = db.open(); var ps = c.prepareStatement(
                "SELECT completed, count(*) FROM exchange.work_shards WHERE job_name = ? GROUP BY completed")) {
            ps.setString(1, job);
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getBoolean(1) ? "completed" : "open", rs.getInt(2));
                }
            }
        }
        return out;
    }
}

package net.taler.db.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.time.Timestamp;
import net.taler.db.TestKeys;
import net.taler.db.coin.CoinRepository;
import net.taler.db.conn.DbException;
import net.taler.db.deposit.DepositRepository;
import net.taler.db.deposit.DepositRepository.DepositStatus;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.reserve.ReserveRepository.CreditStatus;
import net.taler.db.reserve.ReserveRepository.WithdrawStatus;
import org.junit.jupiter.api.Test;

/** Reserve credit, withdraw, deposit, refund: idempotency and concurrency; run on both layouts. */
abstract class MoneyOpsTestBase extends DbOpsTestBase {
    ReserveRepository reserves;
    DepositRepository deposits;

    MoneyOpsTestBase() {
        super(42);
    }

    @Override
    void repositories() {
        reserves = new ReserveRepository(db, CUR);
        deposits = new DepositRepository(db, CUR);
    }

    EddsaPublicKey credit(String amount) {
        EddsaPublicKey rp = new EddsaPublicKey(bytes(32));
        var r = reserves.credit(creditOf(rp, amount, rnd.nextInt(1 << 30)));
        assertEquals(CreditStatus.CREDITED, r.status());
        return rp;
    }

    ReserveRepository.Credit creditOf(EddsaPublicKey rp, String amount, long ref) {
        return new ReserveRepository.Credit(rp, amt(amount), Timestamp.ofSeconds(1_700_000_000),
                new ShortHash(new byte[32]), "payto://x-taler-bank/localhost/alice", "exchange-account-1", ref,
                Timestamp.ofSeconds(1_800_000_000), Timestamp.ofSeconds(1_900_000_000));
    }

    /** A denomination with 0.01 fees; returns its serial. */
    long denominationSerial(String value) {
        return denoms.insert(TestKeys.denomination(TestKeys.rsaKey(bytes(64)),
                new EddsaSignature(bytes(64)), Timestamp.ofSeconds(1), Timestamp.ofSeconds(2_000_000_000),
                Timestamp.ofSeconds(2_000_000_000), Timestamp.ofSeconds(2_100_000_000), amt(value), amt("0.01"),
                amt("0.01"), amt("0.01"), amt("0.01")));
    }

    ReserveRepository.Withdraw withdrawOf(EddsaPublicKey rp, HashCode h, long denom, String amount) {
        return new ReserveRepository.Withdraw(rp, h, denom, new byte[] {1, 2, 3}, new EddsaSignature(new byte[64]),
                amt(amount), Timestamp.ofSeconds(1_700_000_001), Timestamp.ofSeconds(1_950_000_000));
    }

    DepositRepository.Deposit depositOf(EddsaPublicKey coin, EddsaPublicKey merchant, HashCode h, String amount) {
        return new DepositRepository.Deposit(coin, merchant, h, amt(amount), Timestamp.ofSeconds(1_700_000_000),
                Timestamp.ofSeconds(1_700_000_005), Timestamp.ofSeconds(1_700_001_000),
                Timestamp.ofSeconds(1_700_002_000), new EddsaSignature(bytes(64)), new WireSalt(new byte[16]),
                new ShortHash(new byte[32]), "payto://x-taler-bank/localhost/shop",
                DepositRepository.merchantShard(merchant));
    }

    @Test
    void creditIsIdempotentPerReserve() {
        EddsaPublicKey rp = new EddsaPublicKey(bytes(32));
        assertEquals(CreditStatus.CREDITED, reserves.credit(creditOf(rp, "10.5", 7)).status());
        assertEquals(CreditStatus.REPLAY, reserves.credit(creditOf(rp, "10.5", 7)).status());
        assertEquals(CreditStatus.CONFLICT, reserves.credit(creditOf(rp, "3", 8)).status());
        assertEquals(amt("10.5"), reserves.get(rp).orElseThrow().balance());
    }

    @Test
    void creditBatch() {
        EddsaPublicKey a = new EddsaPublicKey(bytes(32));
        EddsaPublicKey b = new EddsaPublicKey(bytes(32));
        var rs = reserves.creditBatch(List.of(creditOf(a, "1", 100), creditOf(b, "2", 101), creditOf(a, "1", 100)));
        assertEquals(List.of(CreditStatus.CREDITED, CreditStatus.CREDITED, CreditStatus.REPLAY),
                rs.stream().map(ReserveRepository.CreditResult::status).toList());
        assertEquals(amt("1"), reserves.get(a).orElseThrow().balance());
        assertEquals(amt("2"), reserves.get(b).orElseThrow().balance());
    }

    @Test
    void csNonceIsUsableForOneEnvelopeOnly() {
        EddsaPublicKey rp = credit("5");
        long denom = denominationSerial("1");
        byte[] nonce = bytes(32);
        HashCode h1 = new HashCode(bytes(64));
        var w1 = withdrawOf(rp, h1, denom, "1.01");
        var cs1 = new ReserveRepository.Withdraw(rp, h1, denom, w1.denomSig(), w1.reserveSig(), w1.amountWithFee(),
                w1.now(), w1.minReserveGc(), nonce);
        assertEquals(WithdrawStatus.DONE, reserves.withdraw(cs1).status());
        assertEquals(WithdrawStatus.REPLAY, reserves.withdraw(cs1).status());
        HashCode h2 = new HashCode(bytes(64));
        var cs2 = new ReserveRepository.Withdraw(rp, h2, denom, w1.denomSig(), w1.reserveSig(), w1.amountWithFee(),
                w1.now(), w1.minReserveGc(), nonce);
        assertEquals(WithdrawStatus.NONCE_REUSE, reserves.withdraw(cs2).status());
        assertEquals(amt("3.99"), reserves.get(rp).orElseThrow().balance(), "debited once");
    }

    ReserveRepository.BatchPlanchet planchet(long denom, String amount, byte[] nonce) {
        return new ReserveRepository.BatchPlanchet(new HashCode(bytes(64)), denom, bytes(10),
                new EddsaSignature(bytes(64)), amt(amount), nonce);
    }

    @Test
    void batchWithdrawIsAllOrNothing() {
        EddsaPublicKey rp = credit("5");
        long denom = denominationSerial("1");
        Timestamp now = Timestamp.ofSeconds(1_700_000_001);
        Timestamp gc = Timestamp.ofSeconds(1_950_000_000);
        var p1 = planchet(denom, "1.01", null);
        var p2 = planchet(denom, "1.01", bytes(32));
        var done = reserves.batchWithdraw(rp, List.of(p1, p2), now, gc);
        assertEquals(ReserveRepository.BatchStatus.DONE, done.status());
        assertEquals(amt("2.98"), done.balance());
        assertEquals(2, reserves.countWithdrawals(reserves.get(rp).orElseThrow().reserveUuid()));

        var p3 = planchet(denom, "1.01", null);
        var replay = reserves.batchWithdraw(rp, List.of(p3, p1), now, gc);
        assertEquals(ReserveRepository.BatchStatus.PLANCHET_REPLAY, replay.status());
        assertEquals(1, replay.index());
        assertTrue(reserves.getWithdrawal(p3.hBlindEv()).isEmpty(), "nothing of a refused batch is stored");

        var tooMuch = reserves.batchWithdraw(rp, List.of(planchet(denom, "2", null), planchet(denom, "1", null)),
                now, gc);
        assertEquals(ReserveRepository.BatchStatus.INSUFFICIENT_BALANCE, tooMuch.status());
        assertEquals(amt("2.98"), tooMuch.balance());

        var reuse = new ReserveRepository.BatchPlanchet(new HashCode(bytes(64)), denom, bytes(10),
                new EddsaSignature(bytes(64)), amt("0.5"), p2.csNonce());
        var nonce = reserves.batchWithdraw(rp, List.of(planchet(denom, "0.5", null), reuse), now, gc);
        assertEquals(ReserveRepository.BatchStatus.NONCE_REUSE, nonce.status());
        assertEquals(1, nonce.index());
        byte[] shared = bytes(32);
        var inBatch = reserves.batchWithdraw(rp, List.of(planchet(denom, "0.5", shared),
                planchet(denom, "0.5", shared)), now, gc);
        assertEquals(ReserveRepository.BatchStatus.NONCE_REUSE, inBatch.status());

        var unknown = reserves.batchWithdraw(new EddsaPublicKey(bytes(32)), List.of(planchet(denom, "1", null)),
                now, gc);
        assertEquals(ReserveRepository.BatchStatus.RESERVE_UNKNOWN, unknown.status());
        assertEquals(amt("2.98"), reserves.get(rp).orElseThrow().balance());
    }

    @Test
    void withdrawBasics() {
        EddsaPublicKey rp = credit("1.5");
        long denom = denominationSerial("1");
        HashCode h = new HashCode(bytes(64));
        var r1 = reserves.withdraw(withdrawOf(rp, h, denom, "1.01"));
        assertEquals(WithdrawStatus.DONE, r1.status());
        assertEquals(amt("0.49"), r1.balance());
        var again = reserves.withdraw(withdrawOf(rp, h, denom, "1.01"));
        assertEquals(WithdrawStatus.REPLAY, again.status());
        assertEquals(r1.reserveOutSerialId(), again.reserveOutSerialId());
        assertEquals(WithdrawStatus.INSUFFICIENT_BALANCE,
                reserves.withdraw(withdrawOf(rp, new HashCode(bytes(64)), denom, "1.01")).status());
        assertEquals(WithdrawStatus.RESERVE_UNKNOWN, reserves.withdraw(
                withdrawOf(new EddsaPublicKey(bytes(32)), new HashCode(bytes(64)), denom, "1")).status());
        assertEquals(amt("0.49"), reserves.get(rp).orElseThrow().balance());
        var w = reserves.getWithdrawal(h).orElseThrow();
        assertEquals(amt("1.01"), w.amountWithFee());
        assertEquals(1, reserves.countWithdrawals(w.reserveUuid()));
    }

    @Test
    void sixteenThreadsNeverOverdrawOneReserve() throws Exception {
        EddsaPublicKey rp = credit("10");
        long denom = denominationSerial("0.25");
        int perThread = 4;
        AtomicInteger done = new AtomicInteger();
        AtomicInteger insufficient = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            fs.add(ex.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    HashCode h = new HashCode(bytes(64));
                    try {
                        var r = reserves.withdraw(withdrawOf(rp, h, denom, "0.26"));
                        if (r.status() == WithdrawStatus.DONE) {
                            done.incrementAndGet();
                            var rep = reserves.withdraw(withdrawOf(rp, h, denom, "0.26"));
                            assertEquals(WithdrawStatus.REPLAY, rep.status());
                            assertEquals(r.reserveOutSerialId(), rep.reserveOutSerialId());
                        } else {
                            assertEquals(WithdrawStatus.INSUFFICIENT_BALANCE, r.status());
                            insufficient.incrementAndGet();
                        }
                    } catch (DbException.RetriesExhausted e) {
                        exhausted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        ex.shutdown();
        int n = done.get();
        System.out.printf("withdraw race (P=%d): done=%d insufficient=%d exhausted=%d, retries so far=%d%n",
                partitions(), n, insufficient.get(), exhausted.get(), db.retryCount());
        assertTrue(n <= 38, "10 / 0.26 allows at most 38 withdrawals, got " + n);
        assertEquals(THREADS * perThread, n + insufficient.get() + exhausted.get());
        Amount expected = amt("10").subtract(amt("0.26").multiply(n));
        assertEquals(expected, reserves.get(rp).orElseThrow().balance());
        long uuid = reserves.get(rp).orElseThrow().reserveUuid();
        assertEquals(n, query("SELECT count(*) FROM exchange.reserves_out WHERE reserve_uuid = " + uuid));
        assertTrue(exhausted.get() <= THREADS * perThread / 4, "too many exhausted retries: " + exhausted.get());
        if (insufficient.get() > 0) {
            assertTrue(n >= 38 - exhausted.get(), "stopped early: " + n); // balance used up
        }
    }

    @Test
    void sixteenMerchantsNeverOverspendOneCoin() throws Exception {
        long denomSerial = denominationSerial("5");
        HashCode denomHash;
        try (Connection c = pg.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT denom_pub_hash FROM exchange.denominations WHERE denominations_serial = "
                     + denomSerial)) {
            rs.next();
            denomHash = new HashCode(rs.getBytes(1));
        }
        EddsaPublicKey coin = new EddsaPublicKey(bytes(32));
        assertEquals(CoinRepository.EnsureStatus.INSERTED, coins.ensure(coin, denomHash, new byte[] {9}, null).status());
        assertEquals(CoinRepository.EnsureStatus.KNOWN, coins.ensure(coin, denomHash, new byte[] {9}, null).status());
        AtomicInteger done = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger exhausted = new AtomicInteger();
        ExecutorService ex = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            fs.add(ex.submit(() -> {
                EddsaPublicKey merchant = new EddsaPublicKey(bytes(32));
                HashCode contract = new HashCode(bytes(64));
                var d = depositOf(coin, merchant, contract, "1.5");
                try {
                    var r = deposits.deposit(d);
                    if (r.status() == DepositStatus.DONE) {
                        done.incrementAndGet();
                        var rep = deposits.deposit(d);
                        assertEquals(DepositStatus.REPLAY, rep.status());
                        assertEquals(r.depositSerialId(), rep.depositSerialId());
                        assertEquals(r.exchangeTimestamp(), rep.exchangeTimestamp());
                    } else {
                        assertEquals(DepositStatus.INSUFFICIENT_FUNDS, r.status());
                        refused.incrementAndGet();
                    }
                } catch (DbException.RetriesExhausted e) {
                    exhausted.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get(60, TimeUnit.SECONDS);
        }
        ex.shutdown();
        System.out.printf("deposit race (P=%d): done=%d refused=%d exhausted=%d%n", partitions(), done.get(),
                refused.get(), exhausted.get());
        assertTrue(done.get() <= 3, "coin of 5 allows three deposits of 1.5, got " + done.get());
        assertEquals(THREADS, done.get() + refused.get() + exhausted.get());
        assertEquals(amt("5").subtract(amt("1.5").multiply(done.get())), coins.get(coin).orElseThrow().remaining());
        assertEquals(done.get(), query("SELECT count(*) FROM exchange.deposits WHERE coin_pub = decode('"
                + java.util.HexFormat.of().formatHex(coin.bytes()) + "', 'hex')"));
    }

    @Test
    void depositConflictAndRefund() {
        long denomSerial = denominationSerial("2");
        DenominationKey denomKey = TestKeys.rsaKey(bytes(64));
        HashCode denomHash = denomKey.hash();
        denoms.insert(TestKeys.denomination(denomKey, new EddsaSignature(bytes(64)),
                Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3), Timestamp.ofSeconds(4),
                amt("2"), amt("0"), amt("0"), amt("0"), amt("0")));
        assertTrue(denomSerial > 0);
        EddsaPublicKey coin = new EddsaPublicKey(bytes(32));
        coins.ensure(coin, denomHash, new byte[] {1}, null);
        EddsaPublicKey merchant = new EddsaPublicKey(bytes(32));
        HashCode contract = new HashCode(bytes(64));
        assertEquals(DepositStatus.DONE, deposits.deposit(depositOf(coin, merchant, contract, "1")).status());
        assertEquals(DepositStatus.CONFLICT, deposits.deposit(depositOf(coin, merchant, contract, "0.5")).status());
        assertEquals(DepositStatus.COIN_UNKNOWN, deposits.deposit(
                depositOf(new EddsaPublicKey(bytes(32)), merchant, contract, "1")).status());
        var sig = new EddsaSignature(bytes(64));
        assertEquals(DepositRepository.RefundStatus.DONE,
                deposits.refund(coin, merchant, contract, 1, sig, amt("0.4")).status());
        assertEquals(DepositRepository.RefundStatus.REPLAY,
                deposits.refund(coin, merchant, contract, 1, sig, amt("0.4")).status());
        assertEquals(DepositRepository.RefundStatus.CONFLICT,
                deposits.refund(coin, merchant, contract, 1, sig, amt("0.3")).status());
        assertEquals(DepositRepository.RefundStatus.EXCEEDS_DEPOSIT,
                deposits.refund(coin, merchant, contract, 2, sig, amt("0.7")).status());
        assertEquals(amt("1.4"), coins.get(coin).orElseThrow().remaining());
    }

    @Test
    void meltAndRecoup() throws Exception {
        DenominationKey denomKey = TestKeys.rsaKey(bytes(64));
        HashCode denomHash = denomKey.hash();
        denoms.insert(TestKeys.denomination(denomKey, new EddsaSignature(bytes(64)),
                Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3), Timestamp.ofSeconds(4),
                amt("4"), amt("0"), amt("0"), amt("0"), amt("0")));
        var refresh = new net.taler.db.refresh.RefreshRepository(db, CUR);
        EddsaPublicKey coin = new EddsaPublicKey(bytes(32));
        coins.ensure(coin, denomHash, new byte[] {1}, null);
        HashCode rc = new HashCode(bytes(64));
        var m = refresh.melt(rc, coin, new EddsaSignature(bytes(64)), amt("3"), 2);
        assertEquals(net.taler.db.refresh.RefreshRepository.MeltStatus.DONE, m.status());
        var again = refresh.melt(rc, coin, new EddsaSignature(bytes(64)), amt("3"), 1);
        assertEquals(net.taler.db.refresh.RefreshRepository.MeltStatus.REPLAY, again.status());
        assertEquals(2, again.noreveal());
        assertEquals(m.meltSerialId(), again.meltSerialId());
        assertEquals(net.taler.db.refresh.RefreshRepository.MeltStatus.INSUFFICIENT_FUNDS,
                refresh.melt(new HashCode(bytes(64)), coin, new EddsaSignature(bytes(64)), amt("1.5"), 0).status());
        assertEquals(amt("1"), coins.get(coin).orElseThrow().remaining());
        assertEquals(amt("3"), refresh.get(rc).orElseThrow().amountWithFee());

        // recoup: the remaining 1 goes back to a reserve
        EddsaPublicKey rp = credit("3");
        long denomSerial = denoms.serialOf(denomHash).orElseThrow();
        long outSerial = reserves.withdraw(withdrawOf(rp, new HashCode(bytes(64)), denomSerial, "1")).reserveOutSerialId();
        var recoups = new net.taler.db.reserve.RecoupRepository(db, CUR);
        var sig = new EddsaSignature(bytes(64));
        var r = recoups.recoupToReserve(rp, outSerial, coin, sig, bytes(32), Timestamp.ofSeconds(5), Timestamp.ofSeconds(6));
        assertEquals(net.taler.db.reserve.RecoupRepository.RecoupStatus.DONE, r.status());
        assertEquals(amt("1"), r.amount());
        assertEquals(net.taler.db.reserve.RecoupRepository.RecoupStatus.REPLAY,
                recoups.recoupToReserve(rp, outSerial, coin, sig, bytes(32), Timestamp.ofSeconds(5), Timestamp.ofSeconds(6)).status());
        assertEquals(amt("3"), reserves.get(rp).orElseThrow().balance());
        assertEquals(amt("0"), coins.get(coin).orElseThrow().remaining());
    }

    @Test
    void wireTargetsAccountsFees() {
        var wire = new net.taler.db.wire.WireRepository(db, CUR);
        ShortHash h = new ShortHash(bytes(32));
        long s1 = wire.internTarget(h, "payto://iban/DE89370400440532013000");
        assertEquals(s1, wire.internTarget(h, "payto://iban/DE89370400440532013000"));
        assertEquals("payto://iban/DE89370400440532013000", wire.paytoOf(h).orElseThrow());
        var sig = new EddsaSignature(bytes(64));
        wire.upsertAccount(new net.taler.common.keys.WireAccount("payto://x-taler-bank/h/ex", sig, true,
                Timestamp.ofSeconds(10)));
        wire.upsertAccount(new net.taler.common.keys.WireAccount("payto://x-taler-bank/h/ex", sig, false,
                Timestamp.ofSeconds(5))); // older: ignored
        assertEquals(1, wire.activeAccounts().size());
        var fee = new net.taler.common.keys.WireFee("iban", Timestamp.ofSeconds(100), Timestamp.ofSeconds(200),
                amt("0.1"), amt("0.2"), sig);
        assertTrue(wire.insertFee(fee));
        assertTrue(wire.insertFee(fee));
        assertTrue(!wire.insertFee(new net.taler.common.keys.WireFee("iban", Timestamp.ofSeconds(100),
                Timestamp.ofSeconds(200), amt("0.3"), amt("0.2"), sig)));
        assertEquals(amt("0.1"), wire.feeAt("iban", Timestamp.ofSeconds(150)).orElseThrow().wireFee());
        assertTrue(wire.feeAt("iban", Timestamp.ofSeconds(250)).isEmpty());
    }

    @Test
    void signingKeysAndRevocations() {
        var keys = new net.taler.db.keys.SigningKeyRepository(db);
        EddsaPublicKey pub = new EddsaPublicKey(bytes(32));
        var k = new net.taler.common.keys.SigningKey(pub, new EddsaSignature(bytes(64)),
                Timestamp.ofSeconds(10), Timestamp.ofSeconds(20), Timestamp.ofSeconds(3_000_000_000L), false);
        long serial = keys.insert(k);
        assertEquals(serial, keys.insert(k));
        assertTrue(keys.current(Timestamp.ofSeconds(15)).stream().anyMatch(x -> x.exchangePub().equals(pub) && !x.revoked()));
        assertTrue(keys.revoke(pub, new EddsaSignature(bytes(64))));
        assertTrue(keys.revoke(pub, new EddsaSignature(bytes(64))));
        assertTrue(!keys.revoke(new EddsaPublicKey(bytes(32)), new EddsaSignature(bytes(64))));
        assertTrue(keys.current(Timestamp.ofSeconds(15)).stream().anyMatch(x -> x.exchangePub().equals(pub) && x.revoked()));
        HashCode dh = new HashCode(bytes(64));
        assertTrue(!keys.revokeDenomination(dh, new EddsaSignature(bytes(64))));
    }

    @Test
    void aggregationRecordsTransferAtomically() throws Exception {
        DenominationKey denomKey = TestKeys.rsaKey(bytes(64));
        HashCode denomHash = denomKey.hash();
        denoms.insert(TestKeys.denomination(denomKey, new EddsaSignature(bytes(64)),
                Timestamp.ofSeconds(1), Timestamp.ofSeconds(2), Timestamp.ofSeconds(3), Timestamp.ofSeconds(4),
                amt("4"), amt("0"), amt("0"), amt("0"), amt("0")));
        EddsaPublicKey merchant = new EddsaPublicKey(bytes(32));
        long shard = DepositRepository.merchantShard(merchant);
        var agg = new net.taler.db.aggregation.AggregationRepository(db, CUR);
        var prewire = new net.taler.db.wire.PrewireRepository(db);
        List<net.taler.db.aggregation.AggregationRepository.Included> inc = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            EddsaPublicKey coin = new EddsaPublicKey(bytes(32));
            coins.ensure(coin, denomHash, new byte[] {1}, null);
            var r = deposits.deposit(depositOf(coin, merchant, new HashCode(bytes(64)), "1"));
            assertEquals(DepositStatus.DONE, r.status());
            inc.add(new net.taler.db.aggregation.AggregationRepository.Included(r.depositSerialId(), coin.bytes()));
        }
        var ready = agg.ready(Timestamp.ofSeconds(1_800_000_000), shard, shard + 1, 100);
        assertEquals(2, ready.size());
        var wtid = new net.taler.common.crypto.WireTransferId(bytes(32));
        long uuid = agg.recordTransfer(wtid, Timestamp.ofSeconds(1_800_000_000), new ShortHash(new byte[32]), "acc",
                amt("2"), inc, "x-taler-bank", new byte[] {42});
        assertEquals(0, agg.ready(Timestamp.ofSeconds(1_800_000_000), shard, shard + 1, 100).size());
        assertEquals(2, query("SELECT count(*) FROM exchange.aggregation_tracking WHERE wtid_raw = decode('"
                + java.util.HexFormat.of().formatHex(wtid.bytes()) + "','hex')"));
        // a second transfer of the same deposits is rejected and changes nothing
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> agg.recordTransfer(
                new net.taler.common.crypto.WireTransferId(bytes(32)), Timestamp.ofSeconds(1_800_000_000),
                new ShortHash(new byte[32]), "acc", amt("2"), inc, "x-taler-bank", new byte[] {43}));
        var pend = prewire.pending(uuid, uuid + 1, 10);
        assertEquals(1, pend.size());
        prewire.markFinished(uuid);
        assertEquals(0, prewire.pending(uuid, uuid + 1, 10).size());
    }

    @Test
    void closeExpiredReserve() throws Exception {
        var close = new net.taler.db.reserve.CloseRepository(db, CUR);
        EddsaPublicKey rp = new EddsaPublicKey(bytes(32));
        ShortHash sender = new ShortHash(bytes(32));
        reserves.credit(new ReserveRepository.Credit(rp, amt("3"), Timestamp.ofSeconds(10), sender,
                "payto://x-taler-bank/localhost/bob", "acc", 99, Timestamp.ofSeconds(100), Timestamp.ofSeconds(200)));
        var exp = close.expired(Timestamp.ofSeconds(150), 1000);
        var mine = exp.stream().filter(e -> e.reservePub().equals(rp)).findFirst().orElseThrow();
        assertEquals(amt("3"), mine.balance());
        assertEquals("payto://x-taler-bank/localhost/bob", mine.senderPaytoUri());
        var wtid = new net.taler.common.crypto.WireTransferId(bytes(32));
        assertEquals(amt("3"), close.close(rp, Timestamp.ofSeconds(150), wtid, sender, amt("0.1"), "x-taler-bank",
                new byte[] {1}).orElseThrow());
        assertTrue(close.close(rp, Timestamp.ofSeconds(151), wtid, sender, amt("0.1"), "x-taler-bank",
                new byte[] {1}).isEmpty());
        assertEquals(amt("0"), reserves.get(rp).orElseThrow().balance());
        assertTrue(close.expired(Timestamp.ofSeconds(150), 1000).stream().noneMatch(e -> e.reservePub().equals(rp)));
        assertEquals(1, query("SELECT count(*) FROM exchange.reserves_close WHERE reserve_pub = decode('"
                + java.util.HexFormat.of().formatHex(rp.bytes()) + "','hex')"));
    }
}

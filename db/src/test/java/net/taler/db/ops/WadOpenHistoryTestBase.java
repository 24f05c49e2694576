package net.taler.db.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.DbException;
import net.taler.db.deposit.DepositRepository;
import net.taler.db.history.HistoryRepository;
import net.taler.db.history.HistoryRepository.CoinEvent;
import net.taler.db.history.HistoryRepository.ReserveEvent;
import net.taler.db.purse.PurseRepository;
import net.taler.db.refresh.RefreshRepository;
import net.taler.db.reserve.RecoupRepository;
import net.taler.db.reserve.ReserveOpenRepository;
import net.taler.db.reserve.ReserveOpenRepository.CoinPayment;
import net.taler.db.reserve.ReserveOpenRepository.OpenRequest;
import net.taler.db.reserve.ReserveOpenRepository.OpenStatus;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.wad.WadRepository;
import net.taler.db.wad.WadRepository.WadEntry;
import net.taler.db.wad.WadRepository.WadId;
import net.taler.db.wad.WadRepository.WadStatus;
import org.junit.jupiter.api.Test;

/** Wads and partners, reserve open, coin and reserve histories; run on both layouts. */
abstract class WadOpenHistoryTestBase extends DbOpsTestBase {
    static final Timestamp OPEN_UNTIL = Timestamp.ofSeconds(1_900_000_000);
    RefreshRepository refresh;
    RecoupRepository recoups;
    PurseRepository purses;
    ReserveRepository reserves;
    ReserveOpenRepository opens;
    WadRepository wads;
    HistoryRepository history;

    WadOpenHistoryTestBase() {
        super(815);
    }

    @Override
    void repositories() {
        refresh = new RefreshRepository(db, CUR);
        recoups = new RecoupRepository(db, CUR);
        purses = new PurseRepository(db, CUR);
        reserves = new ReserveRepository(db, CUR);
        opens = new ReserveOpenRepository(db, CUR);
        wads = new WadRepository(db, CUR);
        history = new HistoryRepository(db, CUR);
    }

    Amount balanceOf(EddsaPublicKey reserve) {
        return reserves.get(reserve).orElseThrow().balance();
    }

    EddsaPublicKey fundedReserve(String amount) {
        EddsaPublicKey rp = pub();
        assertEquals(ReserveRepository.CreditStatus.CREDITED, reserves.credit(new ReserveRepository.Credit(rp,
                amt(amount), NOW, new ShortHash(bytes(32)), "payto://x-taler-bank/localhost/alice",
                "exchange-account-1", rnd.nextInt(1 << 30), RESERVE_EXP, RESERVE_EXP)).status());
        return rp;
    }

    static String hex(EddsaPublicKey k) {
        return "decode('" + HexFormat.of().formatHex(k.bytes()) + "', 'hex')";
    }

    <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> task, AtomicInteger exhausted)
            throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> t = task.apply(i);
                fs.add(ex.submit(() -> {
                    try {
                        return t.call();
                    } catch (DbException.RetriesExhausted e) {
                        exhausted.incrementAndGet();
                        return null;
                    }
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                T r = f.get(60, TimeUnit.SECONDS);
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        } finally {
            ex.shutdown();
        }
    }

    // ------------------------------------------------------------------ wads

    WadRepository.Partner partnerOf(EddsaPublicKey master, long start, long end, String url) {
        return new WadRepository.Partner(master, Timestamp.ofSeconds(start), Timestamp.ofSeconds(end),
                RelativeTime.ofSeconds(3600), amt("0.01"), sig(), url);
    }

    @Test
    void partnersInsertAndLookUp() {
        EddsaPublicKey master = pub();
        String url = "https://partner-" + partitions() + ".example/";
        var p1 = partnerOf(master, 1_600_000_000, 1_700_000_000, url);
        var p2 = partnerOf(master, 1_700_000_000, 1_800_000_000, url);
        var r1 = wads.insertPartner(p1);
        assertEquals(WadRepository.PartnerStatus.INSERTED, r1.status());
        assertEquals(WadRepository.PartnerStatus.REPLAY, wads.insertPartner(p1).status());
        assertEquals(r1.partnerSerialId(), wads.insertPartner(p1).partnerSerialId());
        var other = partnerOf(master, 1_600_000_000, 1_650_000_000, url);
        assertEquals(WadRepository.PartnerStatus.CONFLICT, wads.insertPartner(other).status());
        var r2 = wads.insertPartner(p2);
        assertEquals(WadRepository.PartnerStatus.INSERTED, r2.status());
        assertEquals(p1, wads.partner(master, Timestamp.ofSeconds(1_650_000_000)).orElseThrow().partner());
        assertEquals(r2.partnerSerialId(), wads.partner(master, NOW).orElseThrow().partnerSerialId());
        assertTrue(wads.partner(master, Timestamp.ofSeconds(1_900_000_000)).isEmpty());
        assertTrue(wads.partner(pub(), NOW).isEmpty());
        assertEquals(p2, wads.partnerBySerial(r2.partnerSerialId()).orElseThrow().partner());
        assertEquals(2, wads.partnersByUrl(url).size());
        assertTrue(wads.setNextWad(r2.partnerSerialId(), EXPIRES));
        assertEquals(EXPIRES, wads.partnerBySerial(r2.partnerSerialId()).orElseThrow().nextWad());
    }

    WadEntry entry(EddsaPublicKey purse, String amount) {
        return new WadEntry(pub(), purse, new HashCode(bytes(64)), EXPIRES, NOW, amt(amount), amt("0.01"),
                amt("0.02"), sig(), sig());
    }

    @Test
    void outgoingWadRecordedOnceWithEntries() {
        long partner = wads.insertPartner(partnerOf(pub(), 1_600_000_000, 1_800_000_000, "https://p.example/"))
                .partnerSerialId();
        WadId id = new WadId(bytes(24));
        var w = new WadRepository.WadOut(id, partner, amt("3"), NOW, List.of(entry(pub(), "1"), entry(pub(), "2")));
        var r = wads.recordWadOut(w);
        assertEquals(WadStatus.INSERTED, r.status());
        assertEquals(WadStatus.REPLAY, wads.recordWadOut(w).status());
        assertEquals(r.wadSerialId(), wads.recordWadOut(w).wadSerialId());
        var changed = new WadRepository.WadOut(id, partner, amt("4"), NOW, w.entries());
        assertEquals(WadStatus.CONFLICT, wads.recordWadOut(changed).status());
        var stored = wads.wadOut(id).orElseThrow();
        assertEquals(r.wadSerialId(), stored.wadOutSerialId());
        assertEquals(w.amount(), stored.wad().amount());
        assertEquals(w.entries(), stored.wad().entries());
        assertEquals(id, wads.wadOutOfPurse(w.entries().get(1).pursePub()).orElseThrow());
        // a purse cannot leave in two wads: all or nothing
        WadId id2 = new WadId(bytes(24));
        var w2 = new WadRepository.WadOut(id2, partner, amt("3"), NOW, List.of(entry(pub(), "1"),
                entry(w.entries().get(0).pursePub(), "2")));
        var r2 = wads.recordWadOut(w2);
        assertEquals(WadStatus.CONFLICT, r2.status());
        assertEquals(List.of(w.entries().get(0).pursePub()), r2.conflictingPurses());
        assertTrue(wads.wadOut(id2).isEmpty());
        assertTrue(wads.wadOutOfPurse(w2.entries().get(0).pursePub()).isEmpty());
        assertTrue(wads.wadOut(new WadId(bytes(24))).isEmpty());
    }

    @Test
    void incomingWadIsIdempotent() throws Exception {
        WadId id = new WadId(bytes(24));
        String origin = "https://origin.example/";
        var w = new WadRepository.WadIn(id, origin, amt("3"), NOW, List.of(entry(pub(), "1"), entry(pub(), "2")));
        var r = wads.recordWadIn(w);
        assertEquals(WadStatus.INSERTED, r.status());
        var again = wads.recordWadIn(w);
        assertEquals(WadStatus.REPLAY, again.status());
        assertEquals(r.wadSerialId(), again.wadSerialId());
        assertEquals(WadStatus.CONFLICT,
                wads.recordWadIn(new WadRepository.WadIn(id, "https://evil.example/", amt("3"), NOW, w.entries())).status());
        var stored = wads.wadIn(id).orElseThrow();
        assertEquals(origin, stored.wad().originExchangeUrl());
        assertEquals(w.entries(), stored.wad().entries());
        assertEquals(w.entries().get(0), wads.wadInEntry(w.entries().get(0).pursePub()).orElseThrow());
        // a purse arriving in another wad is refused, nothing of that wad recorded
        WadId id2 = new WadId(bytes(24));
        var w2 = new WadRepository.WadIn(id2, origin, amt("1"), NOW, List.of(entry(w.entries().get(1).pursePub(), "1")));
        var r2 = wads.recordWadIn(w2);
        assertEquals(WadStatus.CONFLICT, r2.status());
        assertTrue(wads.wadIn(id2).isEmpty());
        // concurrent deliveries of one wad: recorded once
        WadId id3 = new WadId(bytes(24));
        var w3 = new WadRepository.WadIn(id3, origin, amt("5"), NOW, List.of(entry(pub(), "2"), entry(pub(), "3")));
        AtomicInteger exhausted = new AtomicInteger();
        var rs = race(THREADS, i -> () -> wads.recordWadIn(w3), exhausted);
        assertEquals(1, rs.stream().filter(x -> x.status() == WadStatus.INSERTED).count());
        assertTrue(rs.stream().allMatch(x -> x.status() != WadStatus.CONFLICT));
        long serial = wads.wadIn(id3).orElseThrow().wadInSerialId();
        assertEquals(2, query("SELECT count(*) FROM exchange.wad_in_entries WHERE wad_in_serial_id = " + serial));
    }

    // ------------------------------------------------------------------ reserve open

    OpenRequest openOf(EddsaPublicKey reserve, Timestamp ts, String fromReserve, String fee, List<CoinPayment> cs) {
        return new OpenRequest(reserve, sig(), ts, OPEN_UNTIL, OPEN_UNTIL, 5, amt(fromReserve), amt(fee), cs);
    }

    @Test
    void reserveOpenChargesReserveAndCoinsAtomically() throws Exception {
        HashCode d = denomination("2");
        EddsaPublicKey rp = fundedReserve("1");
        EddsaPublicKey c1 = coin(d);
        EddsaPublicKey c2 = coin(d);
        var req = openOf(rp, NOW, "0.3", "1", List.of(new CoinPayment(c1, sig(), amt("0.5")),
                new CoinPayment(c2, sig(), amt("0.2"))));
        var r = opens.open(req);
        assertEquals(OpenStatus.OPENED, r.status());
        assertEquals(OPEN_UNTIL, r.expiration());
        assertEquals(amt("0.7"), r.balance());
        assertEquals(amt("0.7"), balanceOf(rp));
        assertEquals(amt("1.5"), remaining(c1));
        assertEquals(amt("1.8"), remaining(c2));
        assertEquals(OPEN_UNTIL, reserves.get(rp).orElseThrow().expirationDate());
        assertEquals(5, query("SELECT purses_allowed FROM exchange.reserves WHERE reserve_pub = " + hex(rp)));
        // replay: nothing charged again
        var rr = opens.open(req);
        assertEquals(OpenStatus.REPLAY, rr.status());
        assertEquals(amt("0.7"), balanceOf(rp));
        assertEquals(amt("1.5"), remaining(c1));
        assertEquals(1, opens.requests(rp).size());
        assertEquals(2, opens.deposits(rp).size());
        // second coin short: nothing charged at all (reserve nor first coin)
        Timestamp t2 = Timestamp.ofSeconds(1_700_000_001);
        var bad = opens.open(openOf(rp, t2, "0.1", "0.1", List.of(new CoinPayment(c1, sig(), amt("1")),
                new CoinPayment(c2, sig(), amt("1.9")))));
        assertEquals(OpenStatus.COIN_INSUFFICIENT_FUNDS, bad.status());
        assertEquals(c2, bad.failedCoin());
        assertEquals(amt("0.7"), balanceOf(rp));
        assertEquals(amt("1.5"), remaining(c1));
        assertEquals(1, opens.requests(rp).size());
        assertEquals(OpenStatus.COIN_UNKNOWN, opens.open(openOf(rp, t2, "0", "0",
                List.of(new CoinPayment(pub(), sig(), amt("0.1"))))).status());
        assertEquals(OpenStatus.RESERVE_INSUFFICIENT_BALANCE, opens.open(openOf(rp, t2, "0.8", "0", List.of())).status());
        assertEquals(OpenStatus.PAYMENT_INSUFFICIENT, opens.open(openOf(rp, t2, "0.1", "0.5",
                List.of(new CoinPayment(c1, sig(), amt("0.3"))))).status());
        assertEquals(OpenStatus.RESERVE_UNKNOWN, opens.open(openOf(pub(), t2, "0", "0", List.of())).status());
        // a coin signature used by another request
        EddsaSignature used = opens.deposits(rp).get(0).coinSig();
        var dup = opens.open(openOf(rp, t2, "0", "0.1", List.of(new CoinPayment(c1, used, amt("0.1")))));
        assertEquals(OpenStatus.COIN_CONFLICT, dup.status());
        assertEquals(amt("1.5"), remaining(c1));
        // reserve-only payment, earlier expiration keeps the later one
        var later = opens.open(new OpenRequest(rp, sig(), t2, EXPIRES, EXPIRES, 2, amt("0.1"), amt("0.1"), List.of()));
        assertEquals(OpenStatus.OPENED, later.status());
        assertEquals(OPEN_UNTIL, later.expiration());
        assertEquals(5, query("SELECT purses_allowed FROM exchange.reserves WHERE reserve_pub = " + hex(rp)));
        assertEquals(amt("0.6"), balanceOf(rp));
    }

    @Test
    void sixteenOpensNeverOverdraw() throws Exception {
        HashCode d = denomination("2");
        EddsaPublicKey rp = fundedReserve("1");
        EddsaPublicKey c = coin(d);
        AtomicInteger exhausted = new AtomicInteger();
        var rs = race(THREADS, i -> {
            // even threads: reserve 0.15 + coin 0.3; odd threads: coin 0.3 only (both needed for fee 0.3)
            boolean both = i % 2 == 0;
            OpenRequest req = openOf(rp, Timestamp.ofSeconds(1_700_000_000 + i), both ? "0.15" : "0", "0.3",
                    List.of(new CoinPayment(c, sig(), amt("0.3"))));
            return () -> {
                var r = opens.open(req);
                if (r.status() == OpenStatus.OPENED) {
                    assertEquals(OpenStatus.REPLAY, opens.open(req).status());
                } else {
                    assertTrue(r.status() == OpenStatus.COIN_INSUFFICIENT_FUNDS
                            || r.status() == OpenStatus.RESERVE_INSUFFICIENT_BALANCE, r.status().toString());
                }
                return new Object[] {req, r};
            };
        }, exhausted);
        long opened = 0;
        Amount fromReserve = amt("0");
        for (Object[] o : rs) {
            var r = (ReserveOpenRepository.OpenResult) o[1];
            if (r.status() == OpenStatus.OPENED) {
                opened++;
                fromReserve = fromReserve.add(((OpenRequest) o[0]).reservePayment());
            }
        }
        System.out.printf("open race (P=%d): opened=%d exhausted=%d%n", partitions(), opened, exhausted.get());
        assertTrue(opened <= 6, "2 / 0.3 allows six coin payments, got " + opened);
        assertTrue(opened >= 6 - exhausted.get(), "stopped early: " + opened);
        assertEquals(amt("2").subtract(amt("0.3").multiply(opened)), remaining(c));
        assertEquals(amt("1").subtract(fromReserve), balanceOf(rp));
        assertEquals(opened, query("SELECT count(*) FROM exchange.reserves_open_requests WHERE reserve_pub = " + hex(rp)));
        assertEquals(opened, query("SELECT count(*) FROM exchange.reserves_open_deposits WHERE coin_pub = " + hex(c)));
    }

    // ------------------------------------------------------------------ histories

    static Amount net(List<? extends Object> events, Amount start) {
        Amount a = start;
        for (Object o : events) {
            if (o instanceof CoinEvent e) {
                a = e.credit() ? a.add(e.amount()) : a.subtract(e.amount());
            } else if (o instanceof ReserveEvent e && e.affectsBalance()) {
                a = e.credit() ? a.add(e.amount()) : a.subtract(e.amount());
            }
        }
        return a;
    }

    PurseRepository.PurseCreate purseOf(EddsaPublicKey purse, String amount) {
        return new PurseRepository.PurseCreate(purse, pub(), NOW, EXPIRES, new HashCode(bytes(64)), 0, 0,
                amt(amount), amt("0"), sig(), new PurseRepository.Contract(new EcdhePublicKey(bytes(32)), sig(),
                bytes(80)));
    }

    @Test
    void coinHistoryExplainsRemainingValue() {
        HashCode d = denomination("10");
        EddsaPublicKey c = coin(d);
        assertTrue(history.coinHistory(c).isEmpty());
        assertTrue(history.coinHistory(pub()).isEmpty());
        EddsaPublicKey p1 = pub();
        purses.create(purseOf(p1, "50"));
        purses.deposit(p1, c, sig(), amt("2"), amt("1.9"), null, NOW, RESERVE_EXP);
        purses.expire(AFTER, 1000); // p1 refunded to the coin
        EddsaPublicKey p2 = pub();
        purses.create(purseOf(p2, "50"));
        purses.deposit(p2, c, sig(), amt("1.5"), amt("1.4"), null, NOW, RESERVE_EXP);
        refresh.melt(new HashCode(bytes(64)), c, sig(), amt("3"), 1);
        DepositRepository deposits = new DepositRepository(db, CUR);
        EddsaPublicKey merchant = pub();
        HashCode contract = new HashCode(bytes(64));
        assertEquals(DepositRepository.DepositStatus.DONE, deposits.deposit(new DepositRepository.Deposit(c, merchant,
                contract, amt("1"), NOW, NOW, EXPIRES, AFTER, sig(), new WireSalt(new byte[16]),
                new ShortHash(new byte[32]), "payto://x-taler-bank/localhost/shop",
                DepositRepository.merchantShard(merchant))).status());
        assertEquals(DepositRepository.RefundStatus.DONE,
                deposits.refund(c, merchant, contract, 7, sig(), amt("0.5")).status());
        EddsaPublicKey rp = fundedReserve("1");
        assertEquals(OpenStatus.OPENED, opens.open(openOf(rp, NOW, "0", "0.25",
                List.of(new CoinPayment(c, sig(), amt("0.25"))))).status());
        List<CoinEvent> h = history.coinHistory(c);
        assertEquals(remaining(c), net(h, amt("10")));
        assertEquals(amt("4.75"), remaining(c));
        var dep = (HistoryRepository.Deposit) h.get(0);
        assertEquals(merchant, dep.merchantPub());
        assertEquals(amt("1"), dep.amount());
        var ref = (HistoryRepository.Refund) h.stream().filter(e -> e instanceof HistoryRepository.Refund)
                .findFirst().orElseThrow();
        assertEquals(contract, ref.hContractTerms());
        assertEquals(7, ref.rtransactionId());
        assertEquals(2, h.stream().filter(e -> e instanceof HistoryRepository.PurseDeposit).count());
        var refund = (HistoryRepository.PurseRefund) h.stream().filter(e -> e instanceof HistoryRepository.PurseRefund)
                .findFirst().orElseThrow();
        assertEquals(p1, refund.pursePub());
        assertEquals(amt("2"), refund.amount());
        assertEquals(1, h.stream().filter(e -> e instanceof HistoryRepository.Melt).count());
        var open = (HistoryRepository.ReserveOpenDeposit) h.get(h.size() - 1);
        assertEquals(rp, open.reservePub());
        // serial order within a kind
        long last = -1;
        for (CoinEvent e : h) {
            if (e instanceof HistoryRepository.PurseDeposit) {
                assertTrue(e.serial() > last);
                last = e.serial();
            }
        }
    }

    @Test
    void recoupsAppearInCoinAndReserveHistories() {
        // recoup-refresh: debit on the fresh coin, credit on the old coin
        HashCode d = denomination("4");
        HashCode fd = denomination("2");
        EddsaPublicKey old = coin(d);
        HashCode rc = new HashCode(bytes(64));
        refresh.melt(rc, old, sig(), amt("3"), 0);
        var cs = List.of(new RefreshRepository.RevealedCoin(0, denoms.serialOf(fd).orElseThrow(), sig(), bytes(50),
                new HashCode(bytes(64)), bytes(30), new byte[0]));
        refresh.reveal(rc, new EcdhePublicKey(bytes(32)), bytes(64), cs);
        long rrc = refresh.originOf(cs.get(0).hCoinEv()).orElseThrow().rrcSerial();
        EddsaPublicKey fresh = coin(fd);
        assertEquals(RecoupRepository.RecoupStatus.DONE,
                recoups.recoupToCoin(old, rrc, fresh, sig(), bytes(32), NOW).status());
        List<CoinEvent> ho = history.coinHistory(old);
        assertEquals(remaining(old), net(ho, amt("4")));
        var credit = (HistoryRepository.RecoupRefreshCredit) ho.stream()
                .filter(e -> e instanceof HistoryRepository.RecoupRefreshCredit).findFirst().orElseThrow();
        assertEquals(fresh, credit.freshCoinPub());
        List<CoinEvent> hf = history.coinHistory(fresh);
        assertEquals(1, hf.size());
        assertEquals(old, ((HistoryRepository.RecoupRefreshDebit) hf.get(0)).oldCoinPub());
        assertEquals(remaining(fresh), net(hf, amt("2")));

        // recoup to reserve: debit on the coin, credit on the reserve
        EddsaPublicKey rp = fundedReserve("5");
        HashCode wd = denomination("3");
        var w = reserves.withdraw(new ReserveRepository.Withdraw(rp, new HashCode(bytes(64)),
                denoms.serialOf(wd).orElseThrow(), bytes(40), sig(), amt("3"), NOW, RESERVE_EXP));
        assertEquals(ReserveRepository.WithdrawStatus.DONE, w.status());
        EddsaPublicKey c = coin(wd);
        assertEquals(RecoupRepository.RecoupStatus.DONE, recoups.recoupToReserve(rp, w.reserveOutSerialId(), c, sig(),
                bytes(32), NOW, RESERVE_EXP).status());
        List<CoinEvent> hc = history.coinHistory(c);
        assertEquals(rp, ((HistoryRepository.RecoupToReserve) hc.get(0)).reservePub());
        assertEquals(remaining(c), net(hc, amt("3")));
        List<ReserveEvent> hr = history.reserveHistory(rp);
        assertEquals(1, hr.stream().filter(e -> e instanceof HistoryRepository.Recoup).count());
        assertEquals(balanceOf(rp), net(hr, amt("0")));
        assertEquals(amt("5"), balanceOf(rp));
    }

    @Test
    void reserveHistoryExplainsBalance() {
        EddsaPublicKey rp = fundedReserve("5");
        assertEquals(ReserveRepository.HistoryStatus.CHARGED,
                reserves.historyRequest(rp, sig(), NOW, amt("0.1")).status());
        assertEquals(OpenStatus.OPENED, opens.open(openOf(rp, NOW, "0.2", "0.2", List.of())).status());
        HashCode d = denomination("3");
        long denomSerial = denoms.serialOf(d).orElseThrow();
        assertEquals(ReserveRepository.WithdrawStatus.DONE, reserves.withdraw(new ReserveRepository.Withdraw(rp,
                new HashCode(bytes(64)), denomSerial, bytes(40), sig(), amt("3"), NOW, RESERVE_EXP)).status());
        // a full purse merged into the reserve: credited
        EddsaPublicKey p = pub();
        purses.create(purseOf(p, "1"));
        purses.deposit(p, coin(d), sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP);
        var merge = new PurseRepository.Merge(p, sig(), NOW, sig(), rp, new ShortHash(bytes(32)), RESERVE_EXP);
        assertTrue(purses.merge(merge, NOW, true).finished());
        // a pending (not full) merge does not count
        EddsaPublicKey q = pub();
        purses.create(purseOf(q, "7"));
        purses.merge(new PurseRepository.Merge(q, sig(), NOW, sig(), rp, new ShortHash(bytes(32)), RESERVE_EXP),
                NOW, false);
        var cr = reserves.closeRequest(rp, NOW, sig(), null, amt("0.01"));
        assertNotNull(cr);
        List<ReserveEvent> h = history.reserveHistory(rp);
        assertEquals(amt("2.7"), balanceOf(rp));
        assertEquals(balanceOf(rp), net(h, amt("0")));
        assertEquals(1, h.stream().filter(e -> e instanceof HistoryRepository.BankCredit).count());
        assertEquals(1, h.stream().filter(e -> e instanceof HistoryRepository.Withdrawal).count());
        assertEquals(1, h.stream().filter(e -> e instanceof HistoryRepository.HistoryRequest).count());
        assertEquals(1, h.stream().filter(e -> e instanceof HistoryRepository.OpenRequest).count());
        assertEquals(1, h.stream().filter(e -> e instanceof HistoryRepository.CloseRequest).count());
        var merges = h.stream().filter(e -> e instanceof HistoryRepository.PurseMerge)
                .map(e -> (HistoryRepository.PurseMerge) e).toList();
        assertEquals(2, merges.size());
        assertTrue(merges.get(0).credited());
        assertFalse(merges.get(1).credited());
        assertTrue(history.reserveHistory(pub()).isEmpty());
    }
}

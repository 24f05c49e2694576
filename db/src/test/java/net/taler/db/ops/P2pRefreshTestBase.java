package net.taler.db.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
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
import net.taler.common.time.Timestamp;
import net.taler.db.TestKeys;
import net.taler.db.conn.DbException;
import net.taler.db.kyc.KycRepository;
import net.taler.db.purse.PurseRepository;
import net.taler.db.purse.PurseRepository.CreateStatus;
import net.taler.db.purse.PurseRepository.DepositStatus;
import net.taler.db.purse.PurseRepository.MergeStatus;
import net.taler.db.refresh.RefreshRepository;
import net.taler.db.refresh.RefreshRepository.RevealStatus;
import net.taler.db.refresh.RefreshRepository.RevealedCoin;
import net.taler.db.reserve.RecoupRepository;
import net.taler.db.reserve.RecoupRepository.RecoupStatus;
import net.taler.db.reserve.ReserveRepository;
import org.junit.jupiter.api.Test;

/** Refresh reveal/link, recoup-refresh, P2P purses, reserve history/close requests, KYC; run on both layouts. */
abstract class P2pRefreshTestBase extends DbOpsTestBase {
    RefreshRepository refresh;
    RecoupRepository recoups;
    PurseRepository purses;
    ReserveRepository reserves;

    P2pRefreshTestBase() {
        super(4711);
    }

    @Override
    void repositories() {
        refresh = new RefreshRepository(db, CUR);
        recoups = new RecoupRepository(db, CUR);
        purses = new PurseRepository(db, CUR);
        reserves = new ReserveRepository(db, CUR);
    }

    static String hex(EddsaPublicKey k) {
        return "decode('" + HexFormat.of().formatHex(k.bytes()) + "', 'hex')";
    }

    List<RevealedCoin> freshCoins(long denomSerial, int n) {
        List<RevealedCoin> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new RevealedCoin(i, denomSerial, sig(), bytes(50), new HashCode(bytes(64)), bytes(30), new byte[0]));
        }
        return l;
    }

    /** Runs {@code n} tasks on THREADS threads; counts RetriesExhausted instead of failing. */
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

    // ------------------------------------------------------------------ refresh

    @Test
    void revealIsIdempotentAndLinkListsAllMelts() {
        HashCode d = denomination("4");
        long fresh = denoms.serialOf(denomination("1")).orElseThrow();
        EddsaPublicKey old = coin(d);
        HashCode rc1 = new HashCode(bytes(64));
        HashCode rc2 = new HashCode(bytes(64));
        assertEquals(RefreshRepository.MeltStatus.DONE, refresh.melt(rc1, old, sig(), amt("2"), 1).status());
        assertEquals(RefreshRepository.MeltStatus.DONE, refresh.melt(rc2, old, sig(), amt("1"), 2).status());
        assertTrue(refresh.getReveal(rc1).isEmpty());

        EcdhePublicKey tp1 = new EcdhePublicKey(bytes(32));
        List<RevealedCoin> coins1 = freshCoins(fresh, 2);
        var r1 = refresh.reveal(rc1, tp1, bytes(64), coins1);
        assertEquals(RevealStatus.DONE, r1.status());
        var again = refresh.reveal(rc1, new EcdhePublicKey(bytes(32)), bytes(64), freshCoins(fresh, 3));
        assertEquals(RevealStatus.REPLAY, again.status());
        assertEquals(tp1, again.transferPub());
        assertEquals(coins1, again.coins());
        assertEquals(r1.meltSerialId(), again.meltSerialId());
        assertEquals(coins1, refresh.getReveal(rc1).orElseThrow().coins());
        assertEquals(RevealStatus.MELT_UNKNOWN,
                refresh.reveal(new HashCode(bytes(64)), tp1, bytes(64), coins1).status());

        EcdhePublicKey tp2 = new EcdhePublicKey(bytes(32));
        refresh.reveal(rc2, tp2, bytes(64), freshCoins(fresh, 1));
        var link = refresh.linkData(old);
        assertEquals(2, link.size());
        assertEquals(tp1, link.get(0).transferPub());
        assertEquals(tp2, link.get(1).transferPub());
        assertEquals(2, link.get(0).coins().size());
        assertEquals(1, link.get(1).coins().size());
        assertEquals(coins1.get(1).linkSig(), link.get(0).coins().get(1).linkSig());
        assertArrayEquals(coins1.get(1).evSig(), link.get(0).coins().get(1).evSig());
        assertEquals(TestKeys.RSA_KEY_BYTES, link.get(0).coins().get(0).denomPub().length);
        assertTrue(refresh.linkData(pub()).isEmpty());

        var origin = refresh.originOf(coins1.get(1).hCoinEv()).orElseThrow();
        assertEquals(old, origin.oldCoinPub());
        assertEquals(r1.meltSerialId(), origin.meltSerialId());
        assertTrue(refresh.originOf(new HashCode(bytes(64))).isEmpty());
    }

    @Test
    void concurrentRevealsStoreOnce() throws Exception {
        HashCode d = denomination("4");
        long fresh = denoms.serialOf(denomination("1")).orElseThrow();
        EddsaPublicKey old = coin(d);
        HashCode rc = new HashCode(bytes(64));
        refresh.melt(rc, old, sig(), amt("3"), 0);
        AtomicInteger exhausted = new AtomicInteger();
        var results = race(THREADS, i -> {
            EcdhePublicKey tp = new EcdhePublicKey(bytes(32));
            List<RevealedCoin> cs = freshCoins(fresh, 3);
            return () -> refresh.reveal(rc, tp, bytes(64), cs);
        }, exhausted);
        long done = results.stream().filter(r -> r.status() == RevealStatus.DONE).count();
        assertEquals(1, done, "exactly one reveal stores");
        var stored = refresh.getReveal(rc).orElseThrow();
        for (var r : results) {
            assertEquals(stored.transferPub(), r.transferPub());
            assertEquals(stored.coins(), r.coins());
        }
        assertEquals(3, query("SELECT count(*) FROM exchange.refresh_revealed_coins WHERE melt_serial_id = "
                + stored.meltSerialId()));
        assertTrue(exhausted.get() <= THREADS / 4, "exhausted " + exhausted.get());
    }

    // ------------------------------------------------------------------ recoup-refresh

    /** Melts a fresh coin of 4 for 3, reveals one coin of value 2; returns {old, fresh, rrc}. */
    Object[] refreshedCoin() {
        HashCode d = denomination("4");
        HashCode fd = denomination("2");
        EddsaPublicKey old = coin(d);
        HashCode rc = new HashCode(bytes(64));
        refresh.melt(rc, old, sig(), amt("3"), 0);
        List<RevealedCoin> cs = freshCoins(denoms.serialOf(fd).orElseThrow(), 1);
        refresh.reveal(rc, new EcdhePublicKey(bytes(32)), bytes(64), cs);
        long rrc = refresh.originOf(cs.get(0).hCoinEv()).orElseThrow().rrcSerial();
        EddsaPublicKey fresh = coin(fd);
        return new Object[] {old, fresh, rrc};
    }

    @Test
    void recoupRefreshCreditsOldCoinOnce() {
        Object[] o = refreshedCoin();
        EddsaPublicKey old = (EddsaPublicKey) o[0];
        EddsaPublicKey fresh = (EddsaPublicKey) o[1];
        long rrc = (Long) o[2];
        assertEquals(amt("1"), remaining(old));
        EddsaSignature s = sig();
        byte[] blind = bytes(32);
        var r = recoups.recoupToCoin(old, rrc, fresh, s, blind, NOW);
        assertEquals(RecoupStatus.DONE, r.status());
        assertEquals(amt("2"), r.amount());
        var rep = recoups.recoupToCoin(old, rrc, fresh, s, blind, NOW);
        assertEquals(RecoupStatus.REPLAY, rep.status());
        assertEquals(r.recoupRefreshUuid(), rep.recoupRefreshUuid());
        assertEquals(amt("2"), rep.amount());
        assertEquals(RecoupStatus.NOTHING_LEFT, recoups.recoupToCoin(old, rrc, fresh, sig(), blind, NOW).status());
        assertEquals(RecoupStatus.UNKNOWN, recoups.recoupToCoin(old, rrc, pub(), sig(), blind, NOW).status());
        Object[] other = refreshedCoin();
        assertEquals(RecoupStatus.UNKNOWN, // rrc of another melt
                recoups.recoupToCoin(old, (Long) other[2], (EddsaPublicKey) other[1], sig(), blind, NOW).status());
        assertEquals(amt("2"), remaining((EddsaPublicKey) other[1]));
        assertEquals(amt("3"), remaining(old));
        assertEquals(amt("0"), remaining(fresh));
    }

    @Test
    void concurrentRecoupRefreshNeverCreditsTwice() throws Exception {
        Object[] o = refreshedCoin();
        EddsaPublicKey old = (EddsaPublicKey) o[0];
        EddsaPublicKey fresh = (EddsaPublicKey) o[1];
        long rrc = (Long) o[2];
        AtomicInteger exhausted = new AtomicInteger();
        var rs = race(THREADS, i -> {
            EddsaSignature s = sig();
            byte[] blind = bytes(32);
            return () -> recoups.recoupToCoin(old, rrc, fresh, s, blind, NOW);
        }, exhausted);
        long done = rs.stream().filter(r -> r.status() == RecoupStatus.DONE).count();
        assertTrue(done <= 1, "credited " + done + " times");
        rs.stream().filter(r -> r.status() != RecoupStatus.DONE)
                .forEach(r -> assertEquals(RecoupStatus.NOTHING_LEFT, r.status()));
        assertEquals(done == 1 ? amt("3") : amt("1"), remaining(old));
        assertEquals(done, query("SELECT count(*) FROM exchange.recoup_refresh WHERE coin_pub = " + hex(fresh)));
        assertTrue(exhausted.get() <= THREADS / 4, "exhausted " + exhausted.get());
    }

    // ------------------------------------------------------------------ purses

    PurseRepository.PurseCreate purseOf(EddsaPublicKey purse, String amount) {
        return new PurseRepository.PurseCreate(purse, pub(), NOW, EXPIRES, new HashCode(bytes(64)), 0, 0,
                amt(amount), amt("0"), sig(), new PurseRepository.Contract(new EcdhePublicKey(bytes(32)), sig(),
                bytes(80)));
    }

    EddsaPublicKey purse(String amount) {
        EddsaPublicKey p = pub();
        assertEquals(CreateStatus.CREATED, purses.create(purseOf(p, amount)).status());
        return p;
    }

    PurseRepository.Merge mergeOf(EddsaPublicKey purse, EddsaPublicKey reserve, EddsaSignature mergeSig) {
        return new PurseRepository.Merge(purse, mergeSig, NOW, sig(), reserve, new ShortHash(bytes(32)),
                Timestamp.ofSeconds(1_800_000_000));
    }

    Amount balanceOf(EddsaPublicKey reserve) {
        return reserves.get(reserve).orElseThrow().balance();
    }

    @Test
    void purseCreateDepositMergeLifecycle() {
        EddsaPublicKey p = pub();
        var create = purseOf(p, "3");
        var c1 = purses.create(create);
        assertEquals(CreateStatus.CREATED, c1.status());
        var c1r = purses.create(create);
        assertEquals(CreateStatus.REPLAY, c1r.status());
        assertEquals(c1.purseSerialId(), c1r.purseSerialId());
        assertEquals(CreateStatus.CONFLICT, purses.create(purseOf(p, "4")).status());
        assertArrayEquals(create.contract().eContract(), purses.contract(p).orElseThrow().eContract());
        assertEquals(p, purses.purseByMergePub(create.mergePub()).orElseThrow());
        assertEquals(p, purses.purseByContractKey(create.contract().pubCkey()).orElseThrow());

        HashCode d = denomination("2");
        EddsaPublicKey c = coin(d);
        EddsaSignature cs = sig();
        var d1 = purses.deposit(p, c, cs, amt("2"), amt("1.9"), null, NOW, RESERVE_EXP);
        assertEquals(DepositStatus.DONE, d1.status());
        assertFalse(d1.finished());
        assertEquals(amt("1.9"), d1.purseBalance());
        var d1r = purses.deposit(p, c, cs, amt("2"), amt("1.9"), null, NOW, RESERVE_EXP);
        assertEquals(DepositStatus.REPLAY, d1r.status());
        assertEquals(d1.purseDepositSerialId(), d1r.purseDepositSerialId());
        assertEquals(DepositStatus.CONFLICT, purses.deposit(p, c, sig(), amt("2"), amt("1.9"), null, NOW, RESERVE_EXP).status());
        assertEquals(amt("0"), remaining(c));
        assertEquals(DepositStatus.PURSE_UNKNOWN,
                purses.deposit(pub(), c, sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP).status());
        EddsaPublicKey p2 = purse("1");
        assertEquals(DepositStatus.INSUFFICIENT_FUNDS,
                purses.deposit(p2, c, sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP).status());
        assertEquals(DepositStatus.COIN_UNKNOWN, purses.deposit(p2, pub(), sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP)
                .status());
        assertEquals(DepositStatus.PURSE_EXPIRED,
                purses.deposit(p2, coin(d), sig(), amt("1"), amt("1"), null, EXPIRES, RESERVE_EXP).status());

        // merge before full: recorded, reserve created, not credited yet
        EddsaPublicKey reserve = pub();
        EddsaSignature ms = sig();
        assertEquals(MergeStatus.NOT_FULL, purses.merge(mergeOf(p, reserve, ms), NOW, true).status());
        assertTrue(reserves.get(reserve).isEmpty());
        var m = purses.merge(mergeOf(p, reserve, ms), NOW, false);
        assertEquals(MergeStatus.MERGED, m.status());
        assertFalse(m.finished());
        assertEquals(amt("0"), balanceOf(reserve));
        assertEquals(MergeStatus.CONFLICT, purses.merge(mergeOf(p, pub(), sig()), NOW, false).status());
        var mr = purses.merge(mergeOf(p, reserve, ms), NOW, false);
        assertEquals(MergeStatus.REPLAY, mr.status());
        assertFalse(mr.finished());

        // the filling deposit credits the reserve with the purse amount
        EddsaPublicKey c2 = coin(d);
        var d2 = purses.deposit(p, c2, sig(), amt("1.5"), amt("1.4"), null, NOW, RESERVE_EXP);
        assertEquals(DepositStatus.DONE, d2.status());
        assertTrue(d2.finished());
        assertEquals(amt("3.3"), d2.purseBalance());
        assertEquals(amt("3"), balanceOf(reserve));
        assertEquals(amt("0.5"), remaining(c2));
        assertEquals(DepositStatus.PURSE_DECIDED,
                purses.deposit(p, coin(d), sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP).status());
        assertTrue(purses.merge(mergeOf(p, reserve, ms), NOW, false).finished());
        var got = purses.get(p).orElseThrow();
        assertEquals(reserve, got.merge().reservePub());
        assertFalse(got.decision().refunded());
        assertEquals(amt("3"), got.amountWithFee());
        assertEquals(2, purses.deposits(p).size());
        assertEquals(MergeStatus.PURSE_UNKNOWN, purses.merge(mergeOf(pub(), reserve, ms), NOW, false).status());
        assertEquals(amt("3"), balanceOf(reserve));
    }

    @Test
    void mergeOfFullPurseCreditsAtOnce() throws Exception {
        EddsaPublicKey p = purse("1");
        EddsaPublicKey c = coin(denomination("2"));
        assertFalse(purses.deposit(p, c, sig(), amt("1.2"), amt("1.1"), null, NOW, RESERVE_EXP).finished());
        EddsaPublicKey reserve = pub();
        var m = purses.merge(mergeOf(p, reserve, sig()), NOW, false);
        assertEquals(MergeStatus.MERGED, m.status());
        assertTrue(m.finished());
        assertEquals(amt("1"), balanceOf(reserve));
        assertEquals(0, query("SELECT count(*) FROM exchange.purse_actions WHERE purse_pub = " + hex(p)));
        assertEquals(1, query("SELECT count(*) FROM exchange.account_merges WHERE purse_pub = " + hex(p)));
        purses.expire(AFTER, 100); // a decided purse is not refunded
        assertFalse(purses.get(p).orElseThrow().decision().refunded());
        assertEquals(amt("0.8"), remaining(c));
    }

    @Test
    void expiryAndDeletionRefundCoins() {
        HashCode d = denomination("2");
        EddsaPublicKey p = purse("5");
        EddsaPublicKey c1 = coin(d);
        EddsaPublicKey c2 = coin(d);
        purses.deposit(p, c1, sig(), amt("2"), amt("1.9"), null, NOW, RESERVE_EXP);
        purses.deposit(p, c2, sig(), amt("0.5"), amt("0.4"), null, NOW, RESERVE_EXP);
        EddsaPublicKey reserve = pub();
        assertFalse(purses.merge(mergeOf(p, reserve, sig()), NOW, false).finished());
        purses.expire(NOW, 1000); // nothing due yet
        assertNull(purses.get(p).orElseThrow().decision());
        assertTrue(purses.expire(AFTER, 1000) >= 1);
        assertTrue(purses.get(p).orElseThrow().decision().refunded());
        assertEquals(amt("2"), remaining(c1));
        assertEquals(amt("2"), remaining(c2));
        assertEquals(amt("0"), balanceOf(reserve));
        purses.expire(AFTER, 1000);
        assertEquals(amt("2"), remaining(c1)); // a second run refunds nothing twice
        assertEquals(DepositStatus.PURSE_DECIDED,
                purses.deposit(p, coin(d), sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP).status());

        EddsaPublicKey q = purse("5");
        EddsaPublicKey c3 = coin(d);
        purses.deposit(q, c3, sig(), amt("1.5"), amt("1.4"), null, NOW, RESERVE_EXP);
        EddsaSignature ps = sig();
        assertEquals(PurseRepository.DeleteStatus.DELETED, purses.delete(q, ps, NOW));
        assertEquals(PurseRepository.DeleteStatus.REPLAY, purses.delete(q, ps, NOW));
        assertEquals(amt("2"), remaining(c3));
        assertTrue(purses.get(q).orElseThrow().deleted());
        assertEquals(MergeStatus.PURSE_DECIDED, purses.merge(mergeOf(q, pub(), sig()), NOW, false).status());
        assertEquals(PurseRepository.DeleteStatus.MERGED_OR_DECIDED, purses.delete(p, ps, NOW));
        assertEquals(PurseRepository.DeleteStatus.PURSE_UNKNOWN, purses.delete(pub(), ps, NOW));
    }

    @Test
    void sixteenPursesNeverOverspendOneCoin() throws Exception {
        EddsaPublicKey c = coin(denomination("5"));
        AtomicInteger exhausted = new AtomicInteger();
        List<EddsaPublicKey> ps = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            ps.add(purse("10"));
        }
        var rs = race(THREADS, i -> {
            EddsaSignature s = sig();
            return () -> {
                var r = purses.deposit(ps.get(i), c, s, amt("1.5"), amt("1.4"), null, NOW, RESERVE_EXP);
                if (r.status() == DepositStatus.DONE) {
                    var rep = purses.deposit(ps.get(i), c, s, amt("1.5"), amt("1.4"), null, NOW, RESERVE_EXP);
                    assertEquals(DepositStatus.REPLAY, rep.status());
                    assertEquals(r.purseDepositSerialId(), rep.purseDepositSerialId());
                } else {
                    assertEquals(DepositStatus.INSUFFICIENT_FUNDS, r.status());
                }
                return r;
            };
        }, exhausted);
        long done = rs.stream().filter(r -> r.status() == DepositStatus.DONE).count();
        System.out.printf("purse deposit race (P=%d): done=%d exhausted=%d%n", partitions(), done, exhausted.get());
        assertTrue(done <= 3, "coin of 5 allows three deposits of 1.5, got " + done);
        assertTrue(done >= 3 - exhausted.get(), "stopped early: " + done);
        assertEquals(amt("5").subtract(amt("1.5").multiply(done)), remaining(c));
        assertEquals(done, query("SELECT count(*) FROM exchange.purse_deposits WHERE coin_pub = " + hex(c)));
        Amount total = amt("0");
        for (EddsaPublicKey p : ps) {
            total = total.add(purses.get(p).orElseThrow().balance());
        }
        assertEquals(amt("1.4").multiply(done), total);
    }

    @Test
    void sixteenCoinsFillOneMergedPurseCreditOnce() throws Exception {
        HashCode d = denomination("1");
        EddsaPublicKey p = purse("4");
        EddsaPublicKey reserve = pub();
        assertEquals(MergeStatus.MERGED, purses.merge(mergeOf(p, reserve, sig()), NOW, false).status());
        List<EddsaPublicKey> cs = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            cs.add(coin(d));
        }
        AtomicInteger exhausted = new AtomicInteger();
        var rs = race(THREADS, i -> {
            EddsaSignature s = sig();
            return () -> purses.deposit(p, cs.get(i), s, amt("1"), amt("0.5"), null, NOW, RESERVE_EXP);
        }, exhausted);
        List<PurseRepository.DepositResult> all = new ArrayList<>(rs);
        System.out.printf("purse fill race (P=%d): done=%d exhausted=%d%n", partitions(),
                all.stream().filter(r -> r.status() == DepositStatus.DONE).count(), exhausted.get());
        assertTrue(exhausted.get() <= THREADS / 2, "exhausted " + exhausted.get());
        for (EddsaPublicKey c : cs) { // retry the coins whose deposit gave up, one by one
            if (remaining(c).equals(amt("1"))) {
                all.add(purses.deposit(p, c, sig(), amt("1"), amt("0.5"), null, NOW, RESERVE_EXP));
            }
        }
        long done = all.stream().filter(r -> r.status() == DepositStatus.DONE).count();
        long finished = all.stream().filter(PurseRepository.DepositResult::finished).count();
        all.stream().filter(r -> r.status() != DepositStatus.DONE)
                .forEach(r -> assertEquals(DepositStatus.PURSE_DECIDED, r.status()));
        assertEquals(8, done, "exactly the eight deposits filling 4 at 0.5 are accepted");
        assertEquals(1, finished);
        assertEquals(amt("4"), balanceOf(reserve));
        assertEquals(amt("4"), purses.get(p).orElseThrow().balance());
        assertEquals(1, query("SELECT count(*) FROM exchange.purse_decision WHERE purse_pub = " + hex(p)));
        Amount left = amt("0");
        for (EddsaPublicKey c : cs) {
            left = left.add(remaining(c));
        }
        assertEquals(amt(Integer.toString(THREADS)).subtract(amt("8")), left);
    }

    @Test
    void sixteenReservesRaceToMergeOnePurse() throws Exception {
        EddsaPublicKey p = purse("2");
        purses.deposit(p, coin(denomination("3")), sig(), amt("2.5"), amt("2"), null, NOW, RESERVE_EXP);
        List<EddsaPublicKey> rsv = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
            rsv.add(pub());
        }
        AtomicInteger exhausted = new AtomicInteger();
        var rs = race(THREADS, i -> {
            var m = mergeOf(p, rsv.get(i), sig());
            return () -> purses.merge(m, NOW, true);
        }, exhausted);
        long merged = rs.stream().filter(r -> r.status() == MergeStatus.MERGED).count();
        assertEquals(1, merged, "exactly one merge wins (exhausted " + exhausted.get() + ")");
        assertTrue(exhausted.get() <= THREADS / 2, "exhausted " + exhausted.get());
        rs.stream().filter(r -> r.status() != MergeStatus.MERGED)
                .forEach(r -> assertEquals(MergeStatus.CONFLICT, r.status()));
        EddsaPublicKey winner = purses.get(p).orElseThrow().merge().reservePub();
        assertEquals(amt("2"), balanceOf(winner));
        String in = String.join(",", rsv.stream().map(P2pRefreshTestBase::hex).toList());
        assertEquals(1, query("SELECT count(*) FROM exchange.reserves WHERE reserve_pub IN (" + in + ")"));
    }

    @Test
    void reservePursePaysFeeOrQuotaAndIsCompletedByDeposit() throws Exception {
        // zero fee, reserve unknown: accepted, the reserve appears when the purse is paid
        EddsaPublicKey reserve = pub();
        EddsaPublicKey p = pub();
        var create = purseOf(p, "1");
        var merge = mergeOf(p, reserve, sig());
        assertEquals(PurseRepository.ReservePurseStatus.CREATED, purses.reservePurse(create, amt("0"), merge, NOW));
        assertEquals(PurseRepository.ReservePurseStatus.REPLAY, purses.reservePurse(create, amt("0"), merge, NOW));
        assertEquals(PurseRepository.ReservePurseStatus.MERGE_CONFLICT,
                purses.reservePurse(create, amt("0"), mergeOf(p, pub(), sig()), NOW));
        assertEquals(PurseRepository.ReservePurseStatus.PURSE_CONFLICT,
                purses.reservePurse(purseOf(p, "2"), amt("0"), merge, NOW));
        var otherContract = new PurseRepository.PurseCreate(p, create.mergePub(), NOW, EXPIRES,
                create.hContractTerms(), 0, 0, amt("1"), amt("0"), sig(),
                new PurseRepository.Contract(new EcdhePublicKey(bytes(32)), sig(), bytes(80)));
        assertEquals(PurseRepository.ReservePurseStatus.CONTRACT_CONFLICT,
                purses.reservePurse(otherContract, amt("0"), merge, NOW));
        assertEquals(CreateStatus.CONTRACT_CONFLICT, purses.create(otherContract).status());
        assertTrue(reserves.get(reserve).isEmpty());
        var d = purses.deposit(p, coin(denomination("2")), sig(), amt("1.1"), amt("1"), null, NOW, RESERVE_EXP);
        assertTrue(d.finished());
        assertEquals(amt("1"), balanceOf(reserve));

        // non-zero fee: debited from the reserve, refused if it cannot pay or is unknown
        EddsaPublicKey q = pub();
        var cq = purseOf(q, "5");
        assertEquals(PurseRepository.ReservePurseStatus.INSUFFICIENT_FUNDS,
                purses.reservePurse(cq, amt("2"), mergeOf(q, reserve, sig()), NOW));
        assertEquals(PurseRepository.ReservePurseStatus.RESERVE_UNKNOWN,
                purses.reservePurse(cq, amt("0.5"), mergeOf(q, pub(), sig()), NOW));
        assertTrue(purses.get(q).isEmpty(), "a refused reserve purse leaves nothing behind");
        assertEquals(PurseRepository.ReservePurseStatus.CREATED,
                purses.reservePurse(cq, amt("0.25"), mergeOf(q, reserve, sig()), NOW));
        assertEquals(amt("0.75"), balanceOf(reserve));

        // quota: needs purses_allowed > purses_active; the slot comes back when the purse is decided
        EddsaPublicKey r = purses.get(q).orElseThrow().merge().reservePub();
        EddsaPublicKey s1 = pub();
        assertEquals(PurseRepository.ReservePurseStatus.INSUFFICIENT_FUNDS,
                purses.reservePurse(purseOf(s1, "1"), null, mergeOf(s1, r, sig()), NOW));
        try (Connection c = pg.open(); Statement st = c.createStatement()) {
            st.execute("UPDATE exchange.reserves SET purses_allowed = 1 WHERE reserve_pub = " + hex(r));
        }
        assertEquals(PurseRepository.ReservePurseStatus.CREATED,
                purses.reservePurse(purseOf(s1, "1"), null, mergeOf(s1, r, sig()), NOW));
        assertTrue(purses.get(s1).orElseThrow().inReserveQuota());
        EddsaPublicKey s2 = pub();
        assertEquals(PurseRepository.ReservePurseStatus.INSUFFICIENT_FUNDS,
                purses.reservePurse(purseOf(s2, "1"), null, mergeOf(s2, r, sig()), NOW));
        assertEquals(1, query("SELECT purses_active FROM exchange.reserves WHERE reserve_pub = " + hex(r)));
        purses.deposit(s1, coin(denomination("2")), sig(), amt("1"), amt("1"), null, NOW, RESERVE_EXP);
        assertEquals(0, query("SELECT purses_active FROM exchange.reserves WHERE reserve_pub = " + hex(r)));
        assertEquals(amt("1.75"), balanceOf(r));
    }

    // ------------------------------------------------------------------ reserve requests

    EddsaPublicKey fundedReserve(String amount, String payto) {
        EddsaPublicKey rp = pub();
        assertEquals(ReserveRepository.CreditStatus.CREDITED, reserves.credit(new ReserveRepository.Credit(rp,
                amt(amount), NOW, new ShortHash(bytes(32)), payto, "exchange-account-1", rnd.nextInt(1 << 30),
                RESERVE_EXP, RESERVE_EXP)).status());
        return rp;
    }

    @Test
    void sixteenHistoryRequestsNeverOverdraw() throws Exception {
        EddsaPublicKey rp = fundedReserve("1", "payto://x-taler-bank/localhost/alice");
        AtomicInteger exhausted = new AtomicInteger();
        var rs = race(THREADS, i -> {
            Timestamp ts = Timestamp.ofSeconds(1_700_000_000 + i);
            EddsaSignature s = sig();
            return () -> {
                var r = reserves.historyRequest(rp, s, ts, amt("0.15"));
                if (r.status() == ReserveRepository.HistoryStatus.CHARGED) {
                    assertEquals(ReserveRepository.HistoryStatus.REPLAY,
                            reserves.historyRequest(rp, s, ts, amt("0.15")).status());
                } else {
                    assertEquals(ReserveRepository.HistoryStatus.INSUFFICIENT_BALANCE, r.status());
                }
                return r;
            };
        }, exhausted);
        long charged = rs.stream().filter(r -> r.status() == ReserveRepository.HistoryStatus.CHARGED).count();
        System.out.printf("history race (P=%d): charged=%d exhausted=%d%n", partitions(), charged, exhausted.get());
        assertTrue(charged <= 6, "1 / 0.15 allows six charges, got " + charged);
        assertTrue(charged >= 6 - exhausted.get(), "stopped early: " + charged);
        assertEquals(amt("1").subtract(amt("0.15").multiply(charged)), balanceOf(rp));
        assertEquals(charged, query("SELECT count(*) FROM exchange.history_requests WHERE reserve_pub = " + hex(rp)));
        assertEquals(ReserveRepository.HistoryStatus.RESERVE_UNKNOWN,
                reserves.historyRequest(pub(), sig(), NOW, amt("0")).status());
    }

    @Test
    void closeRequestRecordsBalanceAndTarget() {
        EddsaPublicKey rp = fundedReserve("2.5", "payto://x-taler-bank/localhost/bob");
        var r = reserves.closeRequest(rp, NOW, sig(), null, amt("0.1"));
        assertEquals(ReserveRepository.CloseRequestStatus.RECORDED, r.status());
        assertEquals(amt("2.5"), r.amount());
        assertEquals("payto://x-taler-bank/localhost/bob", r.paytoUri());
        var again = reserves.closeRequest(rp, NOW, sig(), "payto://iban/XX", amt("0.1"));
        assertEquals(ReserveRepository.CloseRequestStatus.REPLAY, again.status());
        assertEquals("payto://x-taler-bank/localhost/bob", again.paytoUri());
        assertEquals(ReserveRepository.CloseRequestStatus.RESERVE_UNKNOWN,
                reserves.closeRequest(pub(), NOW, sig(), null, amt("0.1")).status());
        // a reserve created by a purse merge has no funding account
        EddsaPublicKey p = purse("1");
        EddsaPublicKey merged = pub();
        purses.merge(mergeOf(p, merged, sig()), NOW, false);
        assertEquals(ReserveRepository.CloseRequestStatus.NO_TARGET_ACCOUNT,
                reserves.closeRequest(merged, NOW, sig(), null, amt("0.1")).status());
        assertEquals("payto://iban/XX",
                reserves.closeRequest(merged, NOW, sig(), "payto://iban/XX", amt("0.1")).paytoUri());
    }

    // ------------------------------------------------------------------ KYC

    @Test
    void kycRequirementsProcessesAlerts() {
        var kyc = new KycRepository(db, CUR);
        ShortHash acct = new ShortHash(bytes(32));
        long row = kyc.requireChecks(acct, "id-check address");
        assertEquals(row, kyc.requireChecks(acct, "id-check address"));
        assertEquals("id-check address", kyc.requirement(row, acct).orElseThrow());
        assertTrue(kyc.requirement(row, new ShortHash(bytes(32))).isEmpty());
        assertTrue(kyc.satisfiedProviders(acct, NOW).isEmpty());
        long proc = kyc.startProcess(acct, "kyc-provider-oauth", null, null, null);
        assertEquals(proc, kyc.processOf(acct, "kyc-provider-oauth").orElseThrow().serialId());
        assertTrue(kyc.updateProcess(proc, acct, "user-1", "legi-9", "https://kyc/redirect", EXPIRES, NOW));
        assertFalse(kyc.updateProcess(proc, new ShortHash(bytes(32)), null, null, null, EXPIRES, NOW));
        var found = kyc.processByProvider("kyc-provider-oauth", "legi-9").orElseThrow();
        assertEquals(acct, found.hPayto());
        assertEquals("https://kyc/redirect", found.redirectUrl());
        assertEquals(List.of("kyc-provider-oauth"), kyc.satisfiedProviders(acct, NOW));
        assertTrue(kyc.satisfiedProviders(acct, AFTER).isEmpty());
        // threshold sums
        EddsaPublicKey rp = fundedReserve("10", "payto://x-taler-bank/localhost/carol");
        long denom = denoms.serialOf(denomination("1")).orElseThrow();
        for (int i = 0; i < 3; i++) {
            assertEquals(ReserveRepository.WithdrawStatus.DONE, reserves.withdraw(new ReserveRepository.Withdraw(rp,
                    new HashCode(bytes(64)), denom, new byte[] {1}, sig(), amt("1.5"),
                    Timestamp.ofSeconds(1_700_000_000 + i * 100), RESERVE_EXP)).status());
        }
        assertEquals(amt("4.5"), kyc.withdrawnSince(rp, NOW));
        assertEquals(amt("1.5"), kyc.withdrawnSince(rp, Timestamp.ofSeconds(1_700_000_150)));
        assertEquals(amt("0"), kyc.withdrawnSince(pub(), NOW));
        EddsaPublicKey p1 = purse("0.75");
        EddsaPublicKey p2 = purse("0.5");
        purses.merge(mergeOf(p1, rp, sig()), NOW, false);
        purses.merge(mergeOf(p2, rp, sig()), NOW, false);
        assertEquals(amt("1.25"), kyc.mergedSince(rp, NOW));
        assertEquals(amt("0"), kyc.mergedSince(rp, AFTER));
        kyc.alert(acct, 1);
        kyc.alert(acct, 1);
        assertEquals(acct, kyc.drainAlert(1).orElseThrow());
        assertTrue(kyc.drainAlert(1).isEmpty());
    }
}

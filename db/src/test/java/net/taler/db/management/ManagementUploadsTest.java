package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.taler.common.amount.Amount;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.DenominationFees;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.SigningKey;
import net.taler.common.keys.WireFee;
import net.taler.common.time.RelativeTime;
import org.junit.jupiter.api.Test;

/** Rules across the management repositories: currencies and concurrent uploads. Real PostgreSQL, plain layout (these tables are never partitioned). */
class ManagementUploadsTest extends ManagementTestBase {
    @Test
    void currencyMismatchRejected() throws Exception {
        Amount eur = Amount.parse("EUR:1");
        Denomination d = denom("1", 1, 2_000_000_000);
        // a denomination's amounts share one currency by construction: here all are in the wrong one
        Denomination bad = Denomination.of(d.key(), eur, new DenominationFees(eur, eur, eur, eur), d.validFrom(),
                d.expireWithdraw(), d.expireDeposit(), d.expireLegal(), d.masterSig());
        assertThrows(IllegalArgumentException.class,
                () -> keyUpload.uploadKeySignatures(List.of(denom("2", 1, 2_000_000_000), bad), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> fees.insertWireFee(new WireFee("iban", t(1), t(2), amt("1"), eur, sig())));
        assertThrows(IllegalArgumentException.class, () -> fees.insertGlobalFee(new GlobalFee(t(1), t(2), amt("1"),
                eur, amt("1"), RelativeTime.ZERO, RelativeTime.ZERO, 1, sig())));
        assertThrows(IllegalArgumentException.class,
                () -> drains.insertDrain(bytes(32), "a", "payto://iban/DE1", t(1), eur, sig()));
        assertEquals(0, count("SELECT (SELECT COUNT(*) FROM exchange.denominations) + "
                + "(SELECT COUNT(*) FROM exchange.wire_fee) + (SELECT COUNT(*) FROM exchange.global_fee) + "
                + "(SELECT COUNT(*) FROM exchange.profit_drains)"));
    }

    // ------------------------------------------------------------------ concurrency

    private <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier barrier = new CyclicBarrier(threads);
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                fs.add(ex.submit(() -> {
                    barrier.await();
                    return task.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void concurrentUploadsStayCorrect() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<Denomination> ds = List.of(denom("1", 1, 2_000_000_000), denom("2", 1, 2_000_000_000));
            List<SigningKey> ks = List.of(signkey(1, 2_000_000_000));
            race(4, () -> {
                keyUpload.uploadKeySignatures(ds, ks);
                return null;
            });
            long start = 1_000L * round;
            // the same fee from four processes: one INSERTED, the others IDEMPOTENT
            List<FeeOutcome> same = race(4, () -> fees.insertWireFee(wireFee("iban", start, start + 500, "1", "1")));
            assertEquals(1, Collections.frequency(same, FeeOutcome.INSERTED), same.toString());
            assertEquals(3, Collections.frequency(same, FeeOutcome.IDEMPOTENT), same.toString());
            // overlapping different periods (different start dates, so no unique key helps): one wins
            int[] n = {0};
            List<FeeOutcome> overlapping = race(4, () -> {
                int i;
                synchronized (n) {
                    i = n[0]++;
                }
                return fees.insertGlobalFee(globalFee(start + i, start + 500 + i, "0.1", 1));
            });
            assertEquals(1, Collections.frequency(overlapping, FeeOutcome.INSERTED), overlapping.toString());
            assertEquals(3, Collections.frequency(overlapping, FeeOutcome.CONFLICT), overlapping.toString());
        }
        assertEquals(10, count("SELECT COUNT(*) FROM exchange.denominations"));
        assertEquals(5, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));
        assertEquals(5, count("SELECT COUNT(*) FROM exchange.wire_fee"));
        assertEquals(5, count("SELECT COUNT(*) FROM exchange.global_fee"));
    }
}

package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.WireFee;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;


/** Wire and global fees. Real PostgreSQL, plain layout (these tables are never partitioned). */
class FeeRepositoryTest extends ManagementTestBase {
    // ------------------------------------------------------------------ fees

    @Test
    void wireFeeRules() throws Exception {
        WireFee base = wireFee("x-taler-bank", 100, 200, "0.1", "0.2");
        var inserted = notified(() -> fees.insertWireFee(base));
        assertEquals(FeeOutcome.INSERTED, inserted.result());
        assertEquals(WIRE, inserted.channels());

        var identical = notified(() -> fees.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.1", "0.2")));
        assertEquals(FeeOutcome.IDEMPOTENT, identical.result());
        assertEquals(NONE, identical.channels());

        var otherFee = notified(() -> fees.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.1", "0.3")));
        assertEquals(FeeOutcome.CONFLICT, otherFee.result());
        assertEquals(NONE, otherFee.channels());
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.2", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("x-taler-bank", 100, 250, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("x-taler-bank", 150, 250, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("x-taler-bank", 50, 150, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("x-taler-bank", 120, 130, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("x-taler-bank", 0, 1000, "0.1", "0.2")));

        // adjacent periods on both sides and another method over the same period
        assertEquals(FeeOutcome.INSERTED, fees.insertWireFee(wireFee("x-taler-bank", 200, 300, "0.1", "0.2")));
        assertEquals(FeeOutcome.INSERTED, fees.insertWireFee(wireFee("x-taler-bank", 0, 100, "0.5", "0.5")));
        assertEquals(FeeOutcome.INSERTED, fees.insertWireFee(wireFee("iban", 100, 200, "0.1", "0.2")));
        // an identical record that now has a neighbour is still IDEMPOTENT
        assertEquals(FeeOutcome.IDEMPOTENT, fees.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.1", "0.2")));

        assertThrows(IllegalArgumentException.class,
                () -> fees.insertWireFee(wireFee("x-taler-bank", 500, 500, "0.1", "0.2")));
        assertThrows(IllegalArgumentException.class,
                () -> fees.insertWireFee(wireFee("x-taler-bank", 600, 500, "0.1", "0.2")));

        List<WireFee> fees = keyState.readKeyState(NOW).wireFees();
        assertEquals(List.of("iban/100", "x-taler-bank/0", "x-taler-bank/100", "x-taler-bank/200"),
                fees.stream().map(f -> f.wireMethod() + "/" + f.startDate().seconds()).toList());
        assertEquals(base, fees.get(2));
    }

    @Test
    void wireFeeUpToNever() {
        WireFee forever = new WireFee("iban", t(100), Timestamp.NEVER, amt("1"), amt("1"), sig());
        assertEquals(FeeOutcome.INSERTED, fees.insertWireFee(forever));
        assertEquals(FeeOutcome.CONFLICT, fees.insertWireFee(wireFee("iban", 2_000_000_000, 2_000_000_001, "1", "1")));
        assertEquals(FeeOutcome.INSERTED, fees.insertWireFee(wireFee("iban", 0, 100, "1", "1")));
        assertEquals(forever, keyState.readKeyState(NOW).wireFees().get(1));
    }

    @Test
    void globalFeeRules() throws Exception {
        GlobalFee base = globalFee(100, 200, "0.1", 5);
        var inserted = notified(() -> fees.insertGlobalFee(base));
        assertEquals(FeeOutcome.INSERTED, inserted.result());
        assertEquals(KEYS, inserted.channels());

        var identical = notified(() -> fees.insertGlobalFee(globalFee(100, 200, "0.1", 5)));
        assertEquals(FeeOutcome.IDEMPOTENT, identical.result());
        assertEquals(NONE, identical.channels());

        assertEquals(FeeOutcome.CONFLICT, fees.insertGlobalFee(globalFee(100, 200, "0.2", 5)));
        assertEquals(FeeOutcome.CONFLICT, fees.insertGlobalFee(globalFee(100, 200, "0.1", 6)));
        assertEquals(FeeOutcome.CONFLICT, fees.insertGlobalFee(new GlobalFee(t(100), t(200), amt("0.1"), amt("0.5"),
                amt("0.25"), RelativeTime.ofSeconds(3601), RelativeTime.FOREVER, 5, sig())));
        assertEquals(FeeOutcome.CONFLICT, fees.insertGlobalFee(new GlobalFee(t(100), t(200), amt("0.1"), amt("0.5"),
                amt("0.25"), RelativeTime.ofSeconds(3600), RelativeTime.ofSeconds(1), 5, sig())));
        var overlap = notified(() -> fees.insertGlobalFee(globalFee(150, 250, "0.1", 5)));
        assertEquals(FeeOutcome.CONFLICT, overlap.result());
        assertEquals(NONE, overlap.channels());
        assertEquals(FeeOutcome.CONFLICT, fees.insertGlobalFee(globalFee(50, 101, "0.1", 5)));

        assertEquals(FeeOutcome.INSERTED, fees.insertGlobalFee(globalFee(200, 300, "0.3", 7)));
        assertEquals(FeeOutcome.INSERTED, fees.insertGlobalFee(globalFee(0, 100, "0.0", 1)));
        assertThrows(IllegalArgumentException.class, () -> fees.insertGlobalFee(globalFee(400, 400, "0.1", 5)));

        List<GlobalFee> fees = keyState.readKeyState(NOW).globalFees();
        assertEquals(List.of(0L, 100L, 200L), fees.stream().map(f -> f.startDate().seconds()).toList());
        assertEquals(base, fees.get(1));
    }

}

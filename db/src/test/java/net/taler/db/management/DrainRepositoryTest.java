package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;


/** Profit drains. Real PostgreSQL, plain layout (these tables are never partitioned). */
class DrainRepositoryTest extends ManagementTestBase {
    @Test
    void drainRules() throws Exception {
        byte[] wtid = bytes(32);
        var inserted = notified(() -> drains.insertDrain(wtid, "exchange-account-1", "payto://iban/DE1", t(100),
                amt("10"), sig()));
        assertEquals(FeeOutcome.INSERTED, inserted.result());
        assertEquals(NONE, inserted.channels());
        assertEquals(FeeOutcome.IDEMPOTENT,
                drains.insertDrain(wtid.clone(), "exchange-account-1", "payto://iban/DE1", t(100), amt("10"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                drains.insertDrain(wtid, "exchange-account-1", "payto://iban/DE1", t(100), amt("11"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                drains.insertDrain(wtid, "exchange-account-2", "payto://iban/DE1", t(100), amt("10"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                drains.insertDrain(wtid, "exchange-account-1", "payto://iban/DE2", t(100), amt("10"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                drains.insertDrain(wtid, "exchange-account-1", "payto://iban/DE1", t(101), amt("10"), sig()));
        assertEquals(FeeOutcome.INSERTED,
                drains.insertDrain(bytes(32), "exchange-account-1", "payto://iban/DE1", t(100), amt("10"), sig()));
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.profit_drains"));
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.profit_drains WHERE executed OR amount_val <> 10"));
        assertThrows(IllegalArgumentException.class,
                () -> drains.insertDrain(bytes(31), "a", "payto://iban/DE1", t(100), amt("10"), sig()));
    }

}

package net.taler.fakebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import net.taler.common.amount.Amount;
import net.taler.common.error.TalerErrorException;

/** The store's bookkeeping and its test hooks. */
class BankStoreTest {
    private static Amount a(String s) {
        return Amount.parse("K:" + s);
    }

    @Test
    void balancesCrossZeroBothWays() {
        Balance b = Balance.zero("K");
        b = b.debit(a("3"));
        assertEquals(new Balance(a("3"), true), b);
        b = b.credit(a("1.5"));
        assertEquals(new Balance(a("1.5"), true), b);
        b = b.credit(a("1.5"));
        assertEquals(new Balance(a("0"), false), b);
        assertEquals("credit", b.indicator());
        b = b.credit(a("2")).debit(a("2.25"));
        assertEquals(new Balance(a("0.25"), true), b);
        assertEquals("debit", b.indicator());
    }

    @Test
    void modifiedRecordsAppearInHistoryAndKeepIndexesConsistent() {
        BankStore s = new BankStore("K", 10, Clock.systemUTC(), null);
        String pub = WireGatewayTest.random(32);
        BankTransaction tx = s.addIncoming("d", "ex", a("5"), pub);
        String other = WireGatewayTest.random(32);
        s.modify(tx.rowId(), t -> t.withAmount(a("6")).withReservePub(other));
        List<BankTransaction> h = s.history("ex", BankTransaction.Kind.INCOMING, 10, OptionalLong.empty());
        assertEquals(a("6"), h.get(0).amount());
        assertEquals(other, h.get(0).reservePub());
        // balances are deliberately not adjusted by modify
        assertEquals(new Balance(a("5"), false), s.balance("ex").orElseThrow());
        // the old key is free again, the new one is taken
        s.addIncoming("d", "ex", a("1"), pub);
        TalerErrorException e = assertThrows(TalerErrorException.class, () -> s.addIncoming("d", "ex", a("1"), other));
        assertEquals(409, e.httpStatus());
        assertTrue(s.delete(tx.rowId()));
        assertEquals(1, s.history("ex", BankTransaction.Kind.INCOMING, 10, OptionalLong.empty()).size());
        // the bank keeps one currency even in falsified records
        assertThrows(TalerErrorException.class, () -> s.modify(2, t -> t.withAmount(Amount.parse("EUR:1"))));
        assertTrue(s.modify(99, t -> t).isEmpty());
    }

    @Test
    void requestUidIsForgottenWithItsRow() {
        BankStore s = new BankStore("K", 2, Clock.systemUTC(), null);
        BankTransaction t1 = s.transfer("ex", "m", a("1"), "UID", "W", "http://e/");
        assertEquals(t1, s.transfer("ex", "m", a("1"), "UID", "W", "http://e/"));
        s.addIncoming("d", "ex", a("1"), WireGatewayTest.random(32));
        s.addIncoming("d", "ex", a("1"), WireGatewayTest.random(32));
        // row 1 left the ring: the uid may be used again (a new row)
        assertEquals(4, s.transfer("ex", "m", a("2"), "UID", "W", "http://e/").rowId());
    }
}

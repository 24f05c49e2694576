package net.taler.common.amount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AmountTest {
    private static Amount a(String s) {
        return Amount.parse(s);
    }

    @Test
    void constants() {
        assertEquals(100_000_000, Amount.FRACTION_BASE);
        assertEquals(4503599627370496L, Amount.MAX_VALUE);
    }

    @Test
    void constructorValidates() {
        assertThrows(AmountException.class, () -> new Amount("EUR", Amount.MAX_VALUE + 1, 0));
        assertThrows(AmountException.class, () -> new Amount("EUR", -1, 0));
        assertThrows(AmountException.class, () -> new Amount("EUR", 0, -1));
        assertThrows(AmountException.class, () -> new Amount("EUR", 0, Amount.FRACTION_BASE));
        assertThrows(AmountException.class, () -> new Amount("", 0, 0));
        assertThrows(AmountException.class, () -> new Amount(null, 0, 0));
        assertThrows(AmountException.class, () -> new Amount("ABCDEFGHIJKL", 0, 0));
        assertThrows(AmountException.class, () -> new Amount("EU R", 0, 0));
        assertThrows(AmountException.class, () -> new Amount("EUR$", 0, 0));
        assertThrows(AmountException.class, () -> new Amount("EÜR", 0, 0));
        new Amount("ABCDEFGHIJK", Amount.MAX_VALUE, Amount.FRACTION_BASE - 1);
        AmountException e = assertThrows(AmountException.class, () -> new Amount("EUR", 0, 100_000_000));
        assertTrue(e.getMessage().contains("fraction"), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", " ", "EUR", "EUR:", ":1", "EUR1", "EUR:1.", "EUR:.5", "EUR:-1", "EUR:+1", "EUR:1,5", "EUR:1 ",
        "EUR :1", "EUR:1.5.", "EUR:1.5x", "EUR:0x10", "EUR:1e3", "EUR:0.123456789", "EUR:0.100000000",
        "EUR:4503599627370497", "EUR:99999999999999999999", "EUR:18446744073709551616",
        "ABCDEFGHIJKL:1", "EUR$:1", "EUR:1:2", "EUR:١", "EUR:1\n", "\u00a0EUR:1"
    })
    void malformedStrings(String s) {
        assertThrows(AmountException.class, () -> Amount.parse(s));
    }

    @Test
    void parseNull() {
        assertThrows(AmountException.class, () -> Amount.parse(null));
    }

    @Test
    void parseLikeC() {
        assertEquals(new Amount("EUR", 1, 0), a(" \t\n\r\f\u000bEUR:1"));
        assertEquals(new Amount("kudos", 3, 1), a("kudos:3.00000001"));
        assertEquals(new Amount("EUR", 7, 0), a("EUR:0000000000000000000000000007"));
        assertEquals(new Amount("EUR", 0, 12345678), a("EUR:0.12345678"));
        assertEquals(new Amount("EUR", Amount.MAX_VALUE, 99_999_999), a("EUR:4503599627370496.99999999"));
        assertEquals(new Amount("ABCDEFGHIJK", 1, 0), a("ABCDEFGHIJK:1"));
        assertEquals(new Amount("EUR", 1, 0), a("EUR:1.00000000"));
    }

    @Test
    void formatting() {
        assertEquals("EUR:0", Amount.zero("EUR").toString());
        assertEquals("EUR:0.1", new Amount("EUR", 0, 10_000_000).toString());
        assertEquals("EUR:0.01", new Amount("EUR", 0, 1_000_000).toString());
        assertEquals("EUR:10.00000001", new Amount("EUR", 10, 1).toString());
        assertEquals("kudos:2", new Amount("kudos", 2, 0).toString());
    }

    @Test
    void overflowAt2pow52() {
        Amount max = new Amount("EUR", Amount.MAX_VALUE, 99_999_999);
        assertThrows(AmountException.class, () -> max.add(a("EUR:0.00000001")));
        assertThrows(AmountException.class, () -> a("EUR:4503599627370496").add(a("EUR:1")));
        assertEquals(max, a("EUR:4503599627370495.99999999").add(a("EUR:1")));
        assertThrows(AmountException.class, () -> a("EUR:2251799813685248.5").multiply(2));
        assertEquals(a("EUR:4503599627370496"), a("EUR:1125899906842624").multiply(4));
        assertThrows(AmountException.class, () -> max.multiply(Long.MAX_VALUE));
        assertThrows(AmountException.class, () -> a("EUR:1").multiply(-1));
        assertThrows(AmountException.class, () -> Amount.normalized("EUR", Amount.MAX_VALUE, Amount.FRACTION_BASE));
        assertThrows(AmountException.class, () -> Amount.normalized("EUR", Amount.MAX_VALUE, Long.MAX_VALUE));
        assertEquals(max, Amount.normalized("EUR", Amount.MAX_VALUE, 99_999_999));
    }

    @Test
    void negativeResultIsAnError() {
        assertThrows(AmountException.class, () -> a("EUR:1").subtract(a("EUR:1.00000001")));
        assertThrows(AmountException.class, () -> a("EUR:0.5").subtract(a("EUR:1")));
        assertThrows(AmountException.class, () -> Amount.zero("EUR").subtract(a("EUR:0.00000001")));
        assertEquals(Amount.zero("EUR"), a("EUR:1.5").subtract(a("EUR:1.5")));
        assertEquals(a("EUR:0.99999999"), a("EUR:1").subtract(a("EUR:0.00000001")));
    }

    @Test
    void currencyMismatch() {
        Amount eur = a("EUR:1");
        Amount usd = a("USD:1");
        assertThrows(AmountException.class, () -> eur.add(usd));
        assertThrows(AmountException.class, () -> eur.subtract(usd));
        assertThrows(AmountException.class, () -> eur.compare(usd));
        assertThrows(AmountException.class, () -> eur.round(a("USD:0.01")));
        assertFalse(eur.sameCurrency(usd));
        // Same currency, different spelling: compatible like the C exchange's strcasecmp.
        Amount lower = a("eur:2");
        assertTrue(eur.sameCurrency(lower));
        assertEquals(-1, eur.compare(lower));
        assertEquals("EUR:3", eur.add(lower).toString());
        assertEquals("eur:1", lower.subtract(eur).toString());
        assertNotEquals(a("EUR:1"), a("eur:1"));
    }

    @Test
    void compareAndZero() {
        assertEquals(0, a("EUR:1").compare(a("EUR:1.0")));
        assertEquals(1, a("EUR:2").compare(a("EUR:1.99999999")));
        assertEquals(-1, a("EUR:0.1").compare(a("EUR:0.2")));
        assertTrue(Amount.zero("X").isZero());
        assertFalse(a("X:0.00000001").isZero());
    }

    @Test
    void divide() {
        assertEquals(a("EUR:0.33333333"), a("EUR:1").divide(3));
        assertEquals(a("EUR:33.33333334"), a("EUR:100.00000003").divide(3));
        assertEquals(a("EUR:0.00048828"), a("EUR:4503599627370496.99999999").divide(Long.MAX_VALUE));
        assertEquals(a("EUR:0"), a("EUR:0.00048827").divide(Long.MAX_VALUE));
        assertEquals(a("EUR:488.28125"), a("EUR:4503599627370496.99999999").divide(9_223_372_036_854L));
        assertThrows(AmountException.class, () -> a("EUR:1").divide(0));
        assertThrows(AmountException.class, () -> a("EUR:1").divide(-2));
    }

    @Test
    void rounding() {
        Amount cent = a("EUR:0.01");
        assertEquals(a("EUR:1.23"), a("EUR:1.23999999").round(cent));
        assertEquals(a("EUR:1.23"), a("EUR:1.23").round(cent));
        assertEquals(a("EUR:0"), a("EUR:0.00999999").round(cent));
        assertEquals(a("EUR:10"), a("EUR:10.5").round(a("EUR:5")));
        assertEquals(a("EUR:10"), a("EUR:14.99").round(a("EUR:5")));
        assertEquals(a("EUR:1.2"), a("EUR:1.29").round(a("EUR:0.1")));
        assertEquals(a("EUR:0.99"), a("EUR:1").round(a("EUR:0.03")));
        assertEquals(a("EUR:1.29"), a("EUR:1.29").round(Amount.zero("EUR")));
        assertThrows(AmountException.class, () -> a("EUR:3").round(a("EUR:1.5")));
        Amount max = new Amount("EUR", Amount.MAX_VALUE, 99_999_999);
        assertEquals(new Amount("EUR", Amount.MAX_VALUE, 99_000_000), max.round(cent));
    }

    @Test
    void nbo() {
        assertEquals("0000000000000001000f4240544553544b55444f53000000",
                HexFormat.of().formatHex(a("TESTKUDOS:1.01").toNbo()));
        Amount lower = a("kudos:0.5");
        assertEquals(lower, Amount.fromNbo(lower.toNbo()));
        byte[] good = a("EUR:1").toNbo();
        assertThrows(AmountException.class, () -> Amount.fromNbo(new byte[23]));
        assertThrows(AmountException.class, () -> Amount.fromNbo(null));
        assertThrows(AmountException.class, () -> Amount.fromNbo(new byte[24])); // empty currency
        byte[] b = good.clone();
        b[23] = 'X'; // garbage after the NUL
        assertThrows(AmountException.class, () -> Amount.fromNbo(b));
        byte[] full = good.clone();
        for (int i = 12; i < 24; i++) {
            full[i] = 'A'; // no NUL terminator
        }
        assertThrows(AmountException.class, () -> Amount.fromNbo(full));
        byte[] big = good.clone();
        big[0] = (byte) 0x80; // value >= 2^63
        assertThrows(AmountException.class, () -> Amount.fromNbo(big));
        byte[] over = good.clone();
        over[1] = 0x10;
        over[7] = 1; // 2^52 + 1
        assertThrows(AmountException.class, () -> Amount.fromNbo(over));
        byte[] twelve = new byte[24];
        System.arraycopy("ABCDEFGHIJK".getBytes(), 0, twelve, 12, 11);
        assertEquals(new Amount("ABCDEFGHIJK", 0, 0), Amount.fromNbo(twelve));
        assertArrayEquals(twelve, Amount.fromNbo(twelve).toNbo());
    }
}

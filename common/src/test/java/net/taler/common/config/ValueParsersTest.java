package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;

import net.taler.common.amount.Amount;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ValueParsersTest {
    private static final long S = 1_000_000L;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5 m|300000000", "5m|300000000", "20 s|20000000", "1 year|31536000000000",
        "2 years|63072000000000", "7 days|604800000000", "4 weeks|2419200000000", "1h|3600000000",
        "1year|31536000000000", "123|123", "7 us|7", "3 ms|3000", "2 second|2000000",
        "2 seconds|2000000", "2\"|2000000", "1 min|60000000", "1 minute|60000000", "2 minutes|120000000",
        "1'|60000000", "1 hour|3600000000", "2 hours|7200000000", "1 d|86400000000",
        "1 day|86400000000", "1 week|604800000000", "1 a|31536000000000", "1 h 30 min|5400000000",
        "1 H 1 S|3601000000", "0|0", "0 s|0"})
    void relativeTimes(String text, long micros) {
        assertEquals(RelativeTime.ofMicros(micros), ValueParsers.relativeTime(text));
    }

    @Test
    void foreverAndBadRelativeTimes() {
        assertTrue(ValueParsers.relativeTime("FOREVER").isForever());
        for (String bad : new String[] {"", "m", "5 parsecs", "5 m x", "-1 s", "1.5 s", "99999999999999999999 s",
            "9999999999999 years"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueParsers.relativeTime(bad), bad);
        }
    }

    @Test
    void numbersYesNoChoices() {
        assertEquals(8081, ValueParsers.number("8081"));
        for (String bad : new String[] {"", "-1", "+1", "12a", " 1", "99999999999999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> ValueParsers.number(bad), bad);
        }
        assertTrue(ValueParsers.yesNo("yes"));
        assertTrue(ValueParsers.yesNo("YES"));
        assertFalse(ValueParsers.yesNo("No"));
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.yesNo("true"));
        assertEquals("tcp", ValueParsers.choice("TCP", "tcp", "unix"));
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.choice("udp", "tcp", "unix"));
    }

    @Test
    void absoluteTimes() {
        ZoneId z = ZoneId.of("Europe/Berlin");
        long expected = LocalDateTime.of(2023, 1, 31, 12, 30, 15).atZone(z).toEpochSecond() * S;
        assertEquals(expected, ValueParsers.absoluteTime("2023-01-31 12:30:15", z).micros());
        assertEquals(expected, ValueParsers.absoluteTime("Tue Jan 31 12:30:15 2023", z).micros());
        assertEquals(expected - 15 * S, ValueParsers.absoluteTime("2023-01-31 12:30", z).micros());
        long day = LocalDateTime.of(2023, 1, 31, 0, 0).atZone(z).toEpochSecond() * S;
        assertEquals(day, ValueParsers.absoluteTime("2023-01-31", z).micros());
        assertEquals(day, ValueParsers.absoluteTime("01/31/23", z).micros());
        long month = LocalDateTime.of(2023, 1, 1, 0, 0).atZone(z).toEpochSecond() * S;
        assertEquals(month, ValueParsers.absoluteTime("2023-01", z).micros());
        assertEquals(month, ValueParsers.absoluteTime("2023", z).micros());
        assertTrue(ValueParsers.absoluteTime("end of time", z).isNever());
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.absoluteTime("yesterday", z));
        assertThrows(IllegalArgumentException.class, () -> ValueParsers.absoluteTime("2023-13-01", z));
    }

    @Test
    void typedGettersNameSectionOptionAndLocation() {
        TalerConfig c = new TalerConfig(Map.of());
        new ConfigParser(c).parseString("[taler]\ncurrency = KUDOS\n[exchange]\nport = 80a81\n"
                + "fee = KUDOS:0.01\nbadfee = KUDOS:1.123456789\nother = EUR:1\n"
                + "key = 0000000000000000000000000000000000000000000000000000\nshort = 00\n"
                + "payto = payto://x-taler-bank/localhost/Exchange?receiver-name=Exchange\n"
                + "iban = payto://iban/DE89370400440532013000?receiver-name=Ex\n"
                + "badiban = payto://iban/DE89370400440532013001?receiver-name=Ex\n"
                + "noname = payto://iban/DE89370400440532013000\n"
                + "space = payto://x-taler-bank/h/a b\n", "cfg.conf");
        ConfigException e = assertThrows(ConfigException.class, () -> c.requireNumber("exchange", "PORT"));
        assertEquals(ConfigException.Kind.INVALID, e.kind());
        assertTrue(e.getMessage().contains("[exchange] PORT") && e.getMessage().contains("cfg.conf:4"), e.getMessage());
        assertEquals(ConfigException.Kind.MISSING,
                assertThrows(ConfigException.class, () -> c.requireNumber("exchange", "nope")).kind());
        assertEquals(new Amount("KUDOS", 0, 1_000_000), c.requireAmount("exchange", "fee", "KUDOS"));
        assertThrows(ConfigException.class, () -> c.requireAmount("exchange", "badfee"));
        assertThrows(ConfigException.class, () -> c.requireAmount("exchange", "other", "KUDOS"));
        assertArrayEquals(new byte[32], c.requireBase32("exchange", "key", 32));
        assertThrows(ConfigException.class, () -> c.requireBase32("exchange", "short", 32));
        c.requirePayto("exchange", "payto");
        c.requirePayto("exchange", "iban");
        assertThrows(ConfigException.class, () -> c.requirePayto("exchange", "badiban"));
        assertThrows(ConfigException.class, () -> c.requirePayto("exchange", "noname"));
        assertThrows(ConfigException.class, () -> c.requirePayto("exchange", "space"));
    }

    @Test
    void optionalYesNoFlagsTreatGarbageAsNo() {
        TalerConfig c = new TalerConfig(Map.of());
        new ConfigParser(c).parseString("[a]\nenable_credit = yes\nenable_debit = maybe\n", "t");
        assertTrue(c.getYesNoOrFalse("a", "ENABLE_CREDIT"));
        assertFalse(c.getYesNoOrFalse("a", "enable_debit"));
        assertFalse(c.getYesNoOrFalse("a", "absent"));
        assertThrows(ConfigException.class, () -> c.requireYesNo("a", "enable_debit"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payto://", "http://x/y", "payto://nomethod"})
    void malformedPaytoPrefixes(String uri) {
        assertTrue(net.taler.common.payto.Payto.validate(uri).isPresent());
    }

    @Test
    void timestampHelpers() {
        assertTrue(Timestamp.NEVER.isNever());
    }
}

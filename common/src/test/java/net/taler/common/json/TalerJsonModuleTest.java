package net.taler.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EcdhePrivateKey;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519PrivateKey;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.crypto.WireSalt;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TalerJsonModuleTest {
    private static final ObjectMapper JSON = TalerJson.mapper();

    private static final String PUB = "29GVFGS1HFPZTSX13ECA1HQYP2K23029N62YB9WT9TMJAZNNKP00";

    record Sample(Amount amount, Timestamp ts, RelativeTime d, HashCode h, EddsaPublicKey pub, WireSalt salt,
            Map<EddsaPublicKey, Amount> byKey, List<ShortHash> hashes, String note) {
    }

    record Ints(long n, String s, boolean b) {
    }

    record Times(Timestamp ts) {
    }

    record Rel(RelativeTime d) {
    }

    record Amt(Amount a) {
    }

    record Key(EddsaPublicKey k) {
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 37 + 11);
        }
        return b;
    }

    @Test
    void roundTrip() throws Exception {
        Map<EddsaPublicKey, Amount> byKey = new LinkedHashMap<>();
        byKey.put(EddsaPublicKey.fromBase32(PUB), Amount.parse("KUDOS:0.01"));
        Sample s = new Sample(Amount.parse("KUDOS:5.5"), Timestamp.ofSeconds(1671456000),
                RelativeTime.ofMicros(3_600_000_000L), new HashCode(pattern(64)),
                EddsaPublicKey.fromBase32(PUB), new WireSalt(pattern(16)), byKey,
                List.of(new ShortHash(pattern(32))), null);
        String text = JSON.writeValueAsString(s);
        assertEquals("{\"amount\":\"KUDOS:5.5\",\"ts\":{\"t_s\":1671456000},\"d\":{\"d_us\":3600000000},"
                + "\"h\":\"" + new HashCode(pattern(64)).toBase32() + "\",\"pub\":\"" + PUB + "\","
                + "\"salt\":\"" + new WireSalt(pattern(16)).toBase32() + "\",\"byKey\":{\"" + PUB
                + "\":\"KUDOS:0.01\"},\"hashes\":[\"" + new ShortHash(pattern(32)).toBase32() + "\"]}", text);
        assertEquals(s, JSON.readValue(text, Sample.class));
    }

    @Test
    void specialTimes() throws Exception {
        assertEquals("{\"t_s\":\"never\"}", JSON.writeValueAsString(Timestamp.NEVER));
        assertEquals("{\"d_us\":\"forever\"}", JSON.writeValueAsString(RelativeTime.FOREVER));
        assertEquals("{\"t_s\":0}", JSON.writeValueAsString(Timestamp.EPOCH));
        assertEquals("{\"d_us\":0}", JSON.writeValueAsString(RelativeTime.ZERO));
        // Sub-second timestamps are rounded down on output.
        assertEquals("{\"t_s\":12}", JSON.writeValueAsString(Timestamp.ofMicros(12_999_999)));
        assertEquals(Timestamp.NEVER, JSON.readValue("{\"t_s\":\"never\"}", Timestamp.class));
        assertEquals(Timestamp.NEVER, JSON.readValue("{\"t_s\":\"NEVER\"}", Timestamp.class));
        assertEquals(RelativeTime.FOREVER, JSON.readValue("{\"d_us\":\"forever\"}", RelativeTime.class));
        assertEquals(Timestamp.ofSeconds(5), JSON.readValue("{\"t_s\":5,\"extra\":[1]}", Timestamp.class));
        assertEquals(RelativeTime.ofMicros((1L << 53) - 1),
                JSON.readValue("{\"d_us\":9007199254740991}", RelativeTime.class));
        assertEquals(new Times(Timestamp.ofSeconds(7)), JSON.readValue("{\"ts\":{\"t_s\":7}}", Times.class));
        assertNull(JSON.readValue("{\"ts\":null}", Times.class).ts());
        assertNull(JSON.readValue("{}", Times.class).ts());
    }

    @Test
    void everyFixedBytesTypeRoundTrips() throws Exception {
        List<FixedBytes> values = new ArrayList<>(List.of(
                new HashCode(pattern(HashCode.SIZE)), new ShortHash(pattern(ShortHash.SIZE)),
                new EddsaPublicKey(pattern(EddsaPublicKey.SIZE)), new EddsaSignature(pattern(EddsaSignature.SIZE)),
                new EcdhePublicKey(pattern(EcdhePublicKey.SIZE)), new WireSalt(pattern(WireSalt.SIZE)),
                new WireTransferId(pattern(WireTransferId.SIZE)),
                new Edx25519PublicKey(pattern(Edx25519PublicKey.SIZE)),
                new EddsaPrivateKey(pattern(EddsaPrivateKey.SIZE)), new EcdhePrivateKey(pattern(EcdhePrivateKey.SIZE)),
                new Edx25519PrivateKey(pattern(Edx25519PrivateKey.SIZE)),
                new TransferSecret(pattern(TransferSecret.SIZE)),
                new PlanchetMasterSecret(pattern(PlanchetMasterSecret.SIZE)),
                new BlindingKeySecret(pattern(BlindingKeySecret.SIZE))));
        for (FixedBytes v : values) {
            String text = JSON.writeValueAsString(v);
            assertEquals("\"" + v.toBase32() + "\"", text);
            assertEquals(v, JSON.readValue(text, v.getClass()), v.getClass().getSimpleName());
            String shorter = "\"" + v.toBase32().substring(1) + "\"";
            JsonProcessingException e = assertThrows(JsonProcessingException.class,
                    () -> JSON.readValue(shorter, v.getClass()));
            assertTrue(e.getMessage().contains("characters"), e.getMessage());
            String longer = "\"0" + v.toBase32() + "\"";
            assertThrows(JsonProcessingException.class, () -> JSON.readValue(longer, v.getClass()));
        }
    }

    /** A FixedBytes type without a SIZE constant: decoded with canonical length, size checked by the constructor. */
    public static final class NoSizeConstant extends FixedBytes {
        public NoSizeConstant(byte[] b) {
            super(b, 20);
        }
    }

    /** A FixedBytes type without a public (byte[]) constructor: needs explicit registration. */
    public static final class NoPublicCtor extends FixedBytes {
        private NoPublicCtor(byte[] b) {
            super(b, 8);
        }

        static NoPublicCtor of(byte[] b) {
            return new NoPublicCtor(b);
        }
    }

    @Test
    void genericAndExplicitRegistration() throws Exception {
        NoSizeConstant v = new NoSizeConstant(pattern(20));
        assertEquals(v, JSON.readValue("\"" + v.toBase32() + "\"", NoSizeConstant.class));
        assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("\"" + new HashCode(pattern(64)).toBase32() + "\"", NoSizeConstant.class));
        assertThrows(JsonProcessingException.class, () -> JSON.readValue("\"AAAA\"", NoPublicCtor.class));
        ObjectMapper m = TalerJson.builder(new TalerJsonModule().addFixedBytes(NoPublicCtor.class, 8,
                NoPublicCtor::of)).build();
        NoPublicCtor w = NoPublicCtor.of(pattern(8));
        assertEquals(w, m.readValue(m.writeValueAsString(w), NoPublicCtor.class));
        assertThrows(JsonProcessingException.class, () -> m.readValue("\"" + v.toBase32() + "\"", NoPublicCtor.class));
    }

    @Test
    void mapKeys() throws Exception {
        Map<HashCode, Integer> map = Map.of(new HashCode(pattern(64)), 1);
        String text = JSON.writeValueAsString(map);
        assertEquals(map, JSON.readValue(text, new TypeReference<Map<HashCode, Integer>>() { }));
        assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"ABC\":1}", new TypeReference<Map<HashCode, Integer>>() { }));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        // base32
        "{\"k\":\"29GVFGS1HFPZTSX13ECA1HQYP2K23029N62YB9WT9TMJAZNNKP0\"}",
        "{\"k\":\"29GVFGS1HFPZTSX13ECA1HQYP2K23029N62YB9WT9TMJAZNNKP000\"}",
        "{\"k\":\"29GVFGS1HFPZTSX13ECA1HQYP2K23029N62YB9WT9TMJAZNNKP0-\"}",
        "{\"k\":\"\"}",
        "{\"k\":5}",
        "{\"k\":{}}",
        "{\"k\":[\"29GVFGS1HFPZTSX13ECA1HQYP2K23029N62YB9WT9TMJAZNNKP00\"]}",
    })
    void badBase32(String text) {
        assertMalformed(text, Key.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":\"KUDOS\"}", "{\"a\":\"KUDOS:\"}", "{\"a\":\"KUDOS:1.123456789\"}", "{\"a\":\"KUDOS:-1\"}",
        "{\"a\":\"KUDOS:1.\"}", "{\"a\":\"TOOLONGCURRENCY:1\"}", "{\"a\":\":1\"}", "{\"a\":\"KUDOS:4503599627370497\"}",
        "{\"a\":\"KUDOS:1 \"}", "{\"a\":5}", "{\"a\":{\"currency\":\"KUDOS\",\"value\":1,\"fraction\":0}}",
        "{\"a\":true}",
    })
    void badAmount(String text) {
        assertMalformed(text, Amt.class);
    }

    @Test
    void amountAcceptsCForms() throws Exception {
        assertEquals(Amount.parse("KUDOS:1"), JSON.readValue("{\"a\":\"  KUDOS:1\"}", Amt.class).a());
        assertEquals("\"kudos:0.00000001\"", JSON.writeValueAsString(Amount.parse("kudos:0.00000001")));
        String huge = "\"KUDOS:" + "1".repeat(10_000) + "\"";
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue(huge, Amount.class));
        assertTrue(e.getMessage().length() < 1000, "message stays short");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"ts\":{\"t_s\":\"soon\"}}", "{\"ts\":{\"t_s\":\"\"}}", "{\"ts\":{\"t_s\":\"123\"}}",
        "{\"ts\":{\"t_s\":1.5}}", "{\"ts\":{\"t_s\":1.0}}", "{\"ts\":{\"t_s\":1e3}}", "{\"ts\":{\"t_s\":-1}}",
        "{\"ts\":{\"t_s\":null}}", "{\"ts\":{\"t_s\":true}}", "{\"ts\":{\"t_s\":[1]}}", "{\"ts\":{\"t_s\":{}}}",
        "{\"ts\":{\"t_ms\":1671456000000}}", "{\"ts\":{}}", "{\"ts\":1671456000}", "{\"ts\":\"never\"}",
        "{\"ts\":[]}", "{\"ts\":{\"t_s\":9223372036855}}", "{\"ts\":{\"t_s\":18446744073709551616}}",
        "{\"ts\":{\"t_s\":-9223372036854775809}}",
    })
    void badTimestamp(String text) {
        assertMalformed(text, Times.class);
    }

    @Test
    void legacyTmsIsNamedInTheError() {
        JsonProcessingException e = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"t_ms\":1000}", Timestamp.class));
        assertTrue(e.getMessage().contains("t_ms"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"d\":{\"d_us\":\"always\"}}", "{\"d\":{\"d_us\":1.5}}", "{\"d\":{\"d_us\":-1}}",
        "{\"d\":{\"d_us\":9007199254740992}}", "{\"d\":{\"d_ms\":1000}}", "{\"d\":{}}", "{\"d\":5}",
        "{\"d\":{\"d_us\":null}}",
    })
    void badRelativeTime(String text) {
        assertMalformed(text, Rel.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"n\":\"5\",\"s\":\"x\",\"b\":true}", "{\"n\":5.5,\"s\":\"x\",\"b\":true}",
        "{\"n\":5.0,\"s\":\"x\",\"b\":true}", "{\"n\":5,\"s\":5,\"b\":true}", "{\"n\":5,\"s\":\"x\",\"b\":1}",
        "{\"n\":5,\"s\":\"x\",\"b\":\"true\"}", "{\"n\":null,\"s\":\"x\",\"b\":true}",
        "{\"n\":5,\"s\":\"x\",\"b\":true,\"n\":6}", "{\"n\":5,\"s\":\"x\",\"b\":true} {}",
        "{\"n\":5,\"s\":\"x\",\"b\":true,}", "{\"n\":05,\"s\":\"x\",\"b\":true}", "{'n':5}",
        "{\"n\":NaN,\"s\":\"x\",\"b\":true}", "{\"n\":5,\"s\":[\"x\"],\"b\":true}",
    })
    void noCoercionAndStrictSyntax(String text) {
        assertMalformed(text, Ints.class);
    }

    @Test
    void plainValuesStillWork() throws Exception {
        assertEquals(new Ints(5, "x", true), JSON.readValue("{\"n\":5,\"s\":\"x\",\"b\":true,\"unknown\":[1]}",
                Ints.class));
    }

    @Test
    void duplicateKeysInTreesRejected() {
        assertThrows(JsonProcessingException.class, () -> JSON.readTree("{\"a\":1,\"a\":2}"));
    }

    @Test
    void nestingLimit() throws Exception {
        int max = TalerJson.MAX_NESTING_DEPTH;
        JsonNode ok = JSON.readTree("[".repeat(max) + "]".repeat(max));
        assertTrue(ok.isArray());
        StreamConstraintsException e = assertThrows(StreamConstraintsException.class,
                () -> JSON.readTree("[".repeat(max + 1) + "]".repeat(max + 1)));
        assertTrue(e.getMessage().contains("nesting depth"), e.getMessage());
        assertThrows(StreamConstraintsException.class,
                () -> JSON.readTree("{\"a\":".repeat(max + 1) + "1" + "}".repeat(max + 1)));
        // A deep value inside a timestamp object is caught by the parser as well.
        String deep = "{\"t_s\":1,\"x\":" + "[".repeat(max) + "]".repeat(max) + "}";
        assertThrows(StreamConstraintsException.class, () -> JSON.readValue(deep, Timestamp.class));
        String hugeNumber = "[" + "1".repeat(TalerJson.MAX_NUMBER_LENGTH + 1) + "]";
        assertThrows(StreamConstraintsException.class, () -> JSON.readTree(hugeNumber));
    }

    private static void assertMalformed(String text, Class<?> type) {
        Throwable t = assertThrows(Throwable.class, () -> JSON.readValue(text, type), text);
        assertInstanceOf(JsonProcessingException.class, t, () -> "not a Jackson exception for " + text + ": " + t);
        assertTrue(t.getMessage() != null && !t.getMessage().isBlank(), text);
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof NullPointerException) {
                throw new AssertionError("NPE inside " + text, t);
            }
        }
    }

    @Test
    void messagesAreClear() {
        String m = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"ts\":{\"t_s\":\"soon\"}}", Times.class)).getMessage();
        assertTrue(m.contains("never"), m);
        m = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"a\":\"KUDOS:1.123456789\"}", Amt.class)).getMessage();
        assertTrue(m.contains("fractional digits"), m);
        m = assertThrows(JsonProcessingException.class,
                () -> JSON.readValue("{\"k\":\"ABC\"}", Key.class)).getMessage();
        assertTrue(m.contains("52 characters"), m);
        assertTrue(Arrays.asList(m.split("\n")).size() >= 1);
    }
}

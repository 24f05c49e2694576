package net.taler.common.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import net.taler.common.testing.VectorFile;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every case of {@code crockford.json} against the lenient (wallet) decoder and checks
 * what the strict C-style decoders make of the same text.
 */
class CrockfordVectorTest {
    private static final String FILE = "crockford.json";
    private static final List<String> PREFIXES = List.of("encode-", "decode-");
    private static final Set<String> RAN = ConcurrentHashMap.newKeySet();

    static Stream<Arguments> encodeCases() {
        return VectorFile.arguments(FILE, "encode-");
    }

    static Stream<Arguments> decodeCases() {
        return VectorFile.arguments(FILE, "decode-");
    }

    private static void ran(String id) {
        assertTrue(RAN.add(id), "duplicate vector id " + id);
    }

    /** Whether GNUnet accepts this length for a variable-size field: len == ceil(8*floor(5*len/8)/5). */
    private static boolean canonicalLength(int len) {
        int size = len * 5 / 8;
        return (size * 8 + 4) / 5 == len;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("encodeCases")
    void encode(String id, JsonNode c) {
        ran(id);
        byte[] data = VectorFile.hex(c.get("input").get("data_hex"));
        String want = c.get("output").get("encoded").asText();
        if (c.get("input").has("length")) {
            assertEquals(c.get("input").get("length").asInt(), data.length);
        }
        if (c.get("output").has("encoded_length")) {
            assertEquals(c.get("output").get("encoded_length").asInt(), want.length());
        }
        assertEquals(want, Crockford.encode(data));
        assertEquals(Crockford.encodedLength(data.length), want.length());
        assertArrayEquals(data, Crockford.decode(want));
        assertArrayEquals(data, Crockford.decodeFixed(want, data.length));
        assertArrayEquals(data, Crockford.decodeVariable(want));
        assertArrayEquals(data, Crockford.decode(want.toLowerCase()));
        // The C decoder for fixed-size fields rejects any other length.
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed(want + "0", data.length));
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed(want, data.length + 1));
        if (!want.isEmpty()) {
            assertThrows(IllegalArgumentException.class,
                    () -> Crockford.decodeFixed(want.substring(1), data.length));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodeCases")
    void decode(String id, JsonNode c) {
        ran(id);
        String text = c.get("input").get("encoded").asText();
        JsonNode out = c.get("output");
        if (!out.get("ok").asBoolean()) {
            assertThrows(IllegalArgumentException.class, () -> Crockford.decode(text));
            assertThrows(IllegalArgumentException.class, () -> Crockford.decodeVariable(text));
            assertThrows(IllegalArgumentException.class,
                    () -> Crockford.decodeFixed(text, text.length() * 5 / 8));
            return;
        }
        byte[] want = VectorFile.hex(out.get("data_hex"));
        assertArrayEquals(want, Crockford.decode(text));
        assertEquals(text.length() * 5 / 8, want.length);
        if (c.get("input").has("equivalent_canonical")) {
            assertArrayEquals(want, Crockford.decode(c.get("input").get("equivalent_canonical").asText()));
        }
        // Strict (C) decoders: same bytes when the length is canonical, otherwise an error.
        if (canonicalLength(text.length())) {
            assertArrayEquals(want, Crockford.decodeVariable(text));
            assertArrayEquals(want, Crockford.decodeFixed(text, want.length));
        } else {
            assertThrows(IllegalArgumentException.class, () -> Crockford.decodeVariable(text));
            assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed(text, want.length));
        }
    }

    @Test
    void prefixesCoverWholeFile() {
        List<JsonNode> all = VectorFile.cases(FILE);
        assertEquals(55, all.size(), "README documents 55 cases");
        Set<String> ids = new TreeSet<>();
        for (JsonNode c : all) {
            String id = c.get("id").asText();
            assertTrue(ids.add(id), "duplicate id " + id);
            assertEquals(1, PREFIXES.stream().filter(id::startsWith).count(), id);
        }
        long viaArguments = PREFIXES.stream().mapToLong(p -> VectorFile.arguments(FILE, p).count()).sum();
        assertEquals(all.size(), viaArguments);
    }

    @AfterAll
    static void allCasesRan() {
        if (RAN.isEmpty()) {
            return; // a method filter excluded the vector tests
        }
        Set<String> all = new TreeSet<>();
        VectorFile.cases(FILE).forEach(c -> all.add(c.get("id").asText()));
        assertEquals(all, new TreeSet<>(RAN), "vector cases run");
        assertEquals(VectorFile.cases(FILE).size(), RAN.size());
    }
}

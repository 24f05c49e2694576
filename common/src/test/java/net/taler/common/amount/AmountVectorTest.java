package net.taler.common.amount;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Runs every case of {@code amounts.json}. The vectors describe the wallet; where the Java
 * exchange deliberately behaves like the C exchange instead (leading blanks, currency case,
 * 12-character currencies, errors instead of saturation, always-normalised amounts), the
 * expectation is adjusted here case by case, never skipped.
 */
class AmountVectorTest {
    private static final String FILE = "amounts.json";
    private static final List<String> PREFIXES =
            List.of("parse-", "stringify-", "add-", "sub-", "mult-", "divide-", "cmp-", "binary-");

    /** parse cases where the C parser (which we follow) differs from the wallet. */
    private static final Map<String, String> PARSE_DEVIATIONS = Map.of(
            "parse-16", "C skips leading white space; the wallet rejects it",
            "parse-25", "C limits the currency to 11 characters; the wallet accepts 12");

    private static final Set<String> RAN = ConcurrentHashMap.newKeySet();

    static Stream<Arguments> parseCases() {
        return VectorFile.arguments(FILE, "parse-");
    }

    static Stream<Arguments> stringifyCases() {
        return VectorFile.arguments(FILE, "stringify-");
    }

    static Stream<Arguments> addCases() {
        return VectorFile.arguments(FILE, "add-");
    }

    static Stream<Arguments> subCases() {
        return VectorFile.arguments(FILE, "sub-");
    }

    static Stream<Arguments> multCases() {
        return VectorFile.arguments(FILE, "mult-");
    }

    static Stream<Arguments> divideCases() {
        return VectorFile.arguments(FILE, "divide-");
    }

    static Stream<Arguments> cmpCases() {
        return VectorFile.arguments(FILE, "cmp-");
    }

    static Stream<Arguments> binaryCases() {
        return VectorFile.arguments(FILE, "binary-");
    }

    private static void ran(String id) {
        assertTrue(RAN.add(id), "duplicate vector id " + id);
    }

    /** An operand is either an amount string or a (possibly non-normalised) object. */
    private static Amount operand(JsonNode n) {
        if (n.isTextual()) {
            return Amount.parse(n.asText());
        }
        return Amount.normalized(n.get("currency").asText(), n.get("value").asLong(), n.get("fraction").asLong());
    }

    private static Amount expected(JsonNode n) {
        return new Amount(n.get("currency").asText(), n.get("value").asLong(), n.get("fraction").asInt());
    }

    private static boolean isNormalisedObject(JsonNode n) {
        return n.isTextual() || n.get("fraction").asLong() < Amount.FRACTION_BASE;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parseCases")
    void parse(String id, JsonNode c) {
        ran(id);
        String text = c.get("input").get("amount").asText();
        JsonNode out = c.get("output");
        boolean valid = out.get("valid").asBoolean();
        if (PARSE_DEVIATIONS.containsKey(id)) {
            valid = !valid;
        }
        if (!valid) {
            assertThrows(AmountException.class, () -> Amount.parse(text), text);
            return;
        }
        Amount a = Amount.parse(text);
        if (id.equals("parse-16")) {
            assertEquals(Amount.parse(text.strip()), a);
            return;
        }
        Amount want = expected(out.get("amount"));
        // The wallet upper-cases the currency; C (and we) keep it as written.
        assertEquals(text.substring(0, text.indexOf(':')), a.currency());
        assertTrue(a.isCurrency(want.currency()));
        assertEquals(want.value(), a.value());
        assertEquals(want.fraction(), a.fraction());
        assertEquals(0, a.compare(want));
        String s = out.get("stringified").asText();
        assertTrue(s.equalsIgnoreCase(a.toString()), a + " vs " + s);
        if (a.currency().equals(want.currency())) {
            assertEquals(want, a);
            assertEquals(s, a.toString());
        }
        assertEquals(a, Amount.parse(a.toString()));
        assertEquals(a, Amount.fromNbo(a.toNbo()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stringifyCases")
    void stringify(String id, JsonNode c) {
        ran(id);
        JsonNode in = c.get("input").get("amount");
        String want = c.get("output").get("string").asText();
        Amount a = operand(in);
        assertEquals(want, a.toString());
        assertEquals(a, Amount.parse(want));
        if (!isNormalisedObject(in)) {
            // Our record only holds normalised amounts.
            assertThrows(AmountException.class, () -> new Amount(in.get("currency").asText(),
                    in.get("value").asLong(), in.get("fraction").asInt()));
        }
    }

    private void checkFold(String id, JsonNode c, boolean add) {
        ran(id);
        JsonNode ops = c.get("input").get("operands");
        JsonNode out = c.get("output");
        List<Amount> amounts = new ArrayList<>();
        ops.forEach(o -> amounts.add(operand(o)));
        boolean saturated = out.get("saturated").asBoolean();
        Amount acc = amounts.get(0);
        try {
            for (Amount next : amounts.subList(1, amounts.size())) {
                acc = add ? acc.add(next) : acc.subtract(next);
            }
            if (saturated) {
                fail("wallet saturated (" + out.get("stringified").asText() + ") but we returned " + acc);
            }
        } catch (AmountException e) {
            if (!saturated) {
                throw e;
            }
            return; // overflow / negative result is an error, never a saturated value
        }
        assertEquals(expected(out.get("amount")), acc);
        assertEquals(out.get("stringified").asText(), acc.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("addCases")
    void add(String id, JsonNode c) {
        checkFold(id, c, true);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subCases")
    void sub(String id, JsonNode c) {
        checkFold(id, c, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("multCases")
    void mult(String id, JsonNode c) {
        ran(id);
        Amount a = operand(c.get("input").get("amount"));
        long factor = c.get("input").get("factor").asLong();
        JsonNode out = c.get("output");
        if (out.get("saturated").asBoolean()) {
            assertThrows(AmountException.class, () -> a.multiply(factor));
            return;
        }
        Amount r = a.multiply(factor);
        assertEquals(expected(out.get("amount")), r);
        assertEquals(out.get("stringified").asText(), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("divideCases")
    void divide(String id, JsonNode c) {
        ran(id);
        Amount a = operand(c.get("input").get("amount"));
        long divisor = c.get("input").get("divisor").asLong();
        JsonNode out = c.get("output");
        Amount r = a.divide(divisor);
        assertEquals(expected(out.get("amount")), r);
        assertEquals(out.get("stringified").asText(), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cmpCases")
    void cmp(String id, JsonNode c) {
        ran(id);
        Amount a = operand(c.get("input").get("a"));
        Amount b = operand(c.get("input").get("b"));
        int want = c.get("output").get("result").asInt();
        assertEquals(want, a.compare(b));
        assertEquals(-want, b.compare(a));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaryCases")
    void binary(String id, JsonNode c) {
        ran(id);
        JsonNode in = c.get("input");
        byte[] want = VectorFile.hex(c.get("output").get("amount_nbo_hex"));
        assertEquals(Amount.NBO_SIZE, want.length);
        JsonNode amountNode = in.get("amount");
        if (!isNormalisedObject(amountNode)) {
            // binary-nonnormalized: the wallet encodes fraction >= 10^8 unchanged. Such an
            // amount cannot exist here, and its bytes are not a valid amount for us.
            assertThrows(AmountException.class, () -> Amount.fromNbo(want));
            Amount norm = operand(amountNode);
            assertNotEquals(VectorFile.toHex(want), VectorFile.toHex(norm.toNbo()));
            assertEquals(norm, Amount.fromNbo(norm.toNbo()));
            return;
        }
        Amount a = operand(amountNode);
        assertEquals(new Amount(in.get("currency").asText(), in.get("value").asLong(), in.get("fraction").asInt()), a);
        assertArrayEquals(want, a.toNbo(), VectorFile.toHex(a.toNbo()));
        assertEquals(a, Amount.fromNbo(want));
    }

    /** Every id of the file is covered by exactly one of the prefixes above. */
    @Test
    void prefixesCoverWholeFile() {
        List<JsonNode> all = VectorFile.cases(FILE);
        assertEquals(68, all.size(), "README documents 68 cases");
        Set<String> ids = new TreeSet<>();
        for (JsonNode c : all) {
            String id = c.get("id").asText();
            assertTrue(ids.add(id), "duplicate id " + id);
            long matches = PREFIXES.stream().filter(id::startsWith).count();
            assertEquals(1, matches, "id " + id + " must match exactly one prefix");
        }
        long viaArguments = PREFIXES.stream().mapToLong(p -> VectorFile.arguments(FILE, p).count()).sum();
        assertEquals(all.size(), viaArguments);
    }

    /** Nothing was silently skipped: all cases ran (checked when the parameterized tests ran). */
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

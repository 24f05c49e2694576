package net.taler.common.crypto;

import static net.taler.common.testing.VectorFile.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code kdf-mod-*} cases of rsa.json (the rest of that file belongs to the RSA tests). */
class KdfModVectorTest {
    private static final String FILE = "rsa.json";
    private static final String PREFIX = "kdf-mod-";
    private static final AtomicInteger RUN = new AtomicInteger();

    static Stream<Arguments> cases() {
        return VectorFile.arguments(FILE, PREFIX);
    }

    @AfterAll
    static void allCasesRan() {
        long expected = VectorFile.cases(FILE).stream()
                .filter(c -> c.path("id").asText().startsWith(PREFIX)).count();
        assertEquals(expected, RUN.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        BigInteger n = new BigInteger(1, hex(in.path("n_hex")));
        Kdf.ModResult r = Kdf.kdfModWithCounter(n, hex(in.path("salt_hex")), hex(in.path("ikm_hex")),
                hex(in.path("info_hex")));
        assertEquals(out.path("counter_used").asInt(), r.counter());
        assertEquals(new BigInteger(1, hex(out.path("result_hex"))), r.value());
        assertEquals(r.value(), Kdf.kdfMod(n, hex(in.path("salt_hex")), hex(in.path("ikm_hex")), hex(in.path("info_hex"))));
        RUN.incrementAndGet();
    }
}

package net.taler.common.crypto;

import static net.taler.common.testing.VectorFile.hex;
import static net.taler.common.testing.VectorFile.toHex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.testing.VectorFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every case of hash_kdf.json. */
class HashKdfVectorTest {
    private static final String FILE = "hash_kdf.json";
    private static final AtomicInteger RUN = new AtomicInteger();

    static Stream<Arguments> cases() {
        return VectorFile.arguments(FILE, "");
    }

    @AfterAll
    static void allCasesRan() {
        assertEquals(VectorFile.cases(FILE).size(), RUN.get(), "cases run vs cases in " + FILE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void vector(String id, JsonNode c) {
        JsonNode in = c.path("input");
        JsonNode out = c.path("output");
        if (id.startsWith("sha512-trunc32-")) {
            ShortHash h = Hashes.sha512Truncated(hex(in.path("data_hex")));
            assertEquals(out.path("hash_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("hash_b32").asText(), h.toBase32());
            assertEquals(h, ShortHash.fromBase32(out.path("hash_b32").asText()));
        } else if (id.equals("sha512-incremental")) {
            Hashes.HashContext ctx = Hashes.sha512Context();
            byte[] all = new byte[0];
            for (JsonNode chunk : in.path("chunks_hex")) {
                byte[] b = hex(chunk);
                ctx.update(b);
                all = concat(all, b);
            }
            HashCode h = ctx.finish();
            assertEquals(out.path("hash_hex").asText(), toHex(h.bytes()));
            assertEquals(h, Hashes.sha512(all));
        } else if (id.startsWith("sha512-")) {
            HashCode h = Hashes.sha512(hex(in.path("data_hex")));
            assertEquals(out.path("hash_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("hash_b32").asText(), h.toBase32());
            assertEquals(h, HashCode.fromBase32(out.path("hash_b32").asText()));
        } else if (id.startsWith("hashstring-")) {
            HashCode h = Hashes.hashString(in.path("str").asText());
            assertEquals(out.path("hash_hex").asText(), toHex(h.bytes()));
            assertEquals(out.path("hash_b32").asText(), h.toBase32());
        } else if (id.startsWith("hmac-")) {
            byte[] key = hex(in.path("key_hex"));
            byte[] msg = hex(in.path("msg_hex"));
            assertEquals(out.path("hmac_sha512_hex").asText(), toHex(Hashes.hmacSha512(key, msg)));
            assertEquals(out.path("hmac_sha256_hex").asText(), toHex(Hashes.hmacSha256(key, msg)));
        } else if (id.startsWith("kdf-")) {
            checkKdf(in, out);
        } else {
            fail("unhandled case " + id);
        }
        RUN.incrementAndGet();
    }

    private static void checkKdf(JsonNode in, JsonNode out) {
        byte[] ikm = hex(in.path("ikm_hex"));
        byte[] salt = optionalHex(in.path("salt_hex"));
        byte[] info = optionalHex(in.path("info_hex"));
        assertEquals(out.path("prk_hex").asText(), toHex(Kdf.extract(salt, ikm)));
        int lengths = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = out.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getKey().startsWith("okm_")) {
                continue;
            }
            int len = Integer.parseInt(e.getKey().substring(4, e.getKey().length() - 4));
            byte[] expected = hex(e.getValue());
            assertEquals(len, expected.length);
            assertArrayEquals(expected, Kdf.kdf(len, salt, ikm, info), e.getKey());
            // info split into two chunks must give the same output (chunks are concatenated)
            if (info != null && info.length > 1) {
                byte[] a = Arrays.copyOf(info, 1);
                byte[] b = Arrays.copyOfRange(info, 1, info.length);
                assertArrayEquals(expected, Kdf.kdf(len, salt, ikm, a, b), e.getKey() + " chunked");
            }
            // a null salt is the wallet's "not given" and equals the empty salt
            if (salt == null) {
                assertArrayEquals(expected, Kdf.kdf(len, new byte[0], ikm, info), e.getKey() + " empty salt");
                assertArrayEquals(expected, Kdf.kdf(len, new byte[64], ikm, info), e.getKey() + " zero salt");
            }
            lengths++;
        }
        assertTrue(lengths >= 8, "expected all output lengths");
    }

    private static byte[] optionalHex(JsonNode n) {
        return n.isNull() || n.isMissingNode() ? null : hex(n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package net.taler.common.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.taler.common.json.CanonicalJson.Style;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper JSON = TalerJson.mapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void escapesPerStyle() throws Exception {
        JsonNode n = json("{\"s\":\"a\\u0001\\u000b\\u001f\\u007f/\\b\\t\\n\\f\\r\\\"\\\\\\u2028\\u00e4\"}");
        String lower = "{\"s\":\"a\\u0001\\u000b\\u001f\u007f/\\b\\t\\n\\f\\r\\\"\\\\\u2028\u00e4\"}";
        String upper = "{\"s\":\"a\\u0001\\u000B\\u001F\u007f/\\b\\t\\n\\f\\r\\\"\\\\\u2028\u00e4\"}";
        assertEquals(lower, CanonicalJson.toText(n, Style.WALLET));
        assertEquals(lower, CanonicalJson.toText(n, Style.C_CANONICAL));
        assertEquals(upper, CanonicalJson.toText(n, Style.JANSSON));
    }

    @Test
    void keyOrderUtf16VersusUtf8() throws Exception {
        // U+E000 vs U+1F600 (surrogates D83D DE00): UTF-16 puts the emoji first, UTF-8 the other.
        JsonNode n = json("{\"\\ue000\":1,\"\\ud83d\\ude00\":2,\"a\":3,\"B\":4}");
        assertEquals("{\"B\":4,\"a\":3,\"\ud83d\ude00\":2,\"\ue000\":1}", CanonicalJson.toText(n, Style.WALLET));
        assertEquals("{\"B\":4,\"a\":3,\"\ue000\":1,\"\ud83d\ude00\":2}",
                CanonicalJson.toText(n, Style.C_CANONICAL));
        assertEquals("{\"B\":4,\"a\":3,\"\ue000\":1,\"\ud83d\ude00\":2}", CanonicalJson.toText(n, Style.JANSSON));
    }

    @Test
    void numbers() throws Exception {
        assertEquals("[0,0,-5,9007199254740991,-9007199254740991]",
                CanonicalJson.toText(json("[0,-0,-5,9007199254740991,-9007199254740991]"), Style.WALLET));
        assertEquals("[9223372036854775807,-9223372036854775808]",
                CanonicalJson.toText(json("[9223372036854775807,-9223372036854775808]"), Style.C_CANONICAL));
        assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.toText(json("[9223372036854775807]"), Style.WALLET));
        assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.toText(json("[9223372036854775808]"), Style.JANSSON));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.toText(json("[1e3]"), Style.JANSSON));
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.toText(json("[0.5]"), Style.WALLET));
    }

    @Test
    void minusZeroIsZero() throws Exception {
        assertEquals("[0]", CanonicalJson.canonicalize(json("[-0]")));
    }

    @Test
    void utf8WithNul() throws Exception {
        byte[] b = CanonicalJson.toUtf8WithNul(json("{\"\u00e4\":[]}"), Style.WALLET);
        assertEquals("7b22c3a4223a5b5d7d00", net.taler.common.testing.VectorFile.toHex(b));
    }

    @Test
    void tooDeepTreeBuiltInCode() {
        ArrayNode root = JsonNodeFactory.instance.arrayNode();
        ArrayNode cur = root;
        for (int i = 0; i < CanonicalJson.MAX_DEPTH + 5; i++) {
            cur = cur.addArray();
        }
        assertThrows(CanonicalJsonException.class, () -> CanonicalJson.canonicalize(root));
    }

    @Test
    void nonJsonNodesRejected() {
        assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.canonicalize(JsonNodeFactory.instance.binaryNode(new byte[] {1})));
        assertThrows(CanonicalJsonException.class,
                () -> CanonicalJson.canonicalize(JsonNodeFactory.instance.pojoNode(new Object())));
    }

    @Test
    void jsonHashesDifferByStyleAndSalt() throws Exception {
        JsonNode n = json("{\"k\":\"\\u001f\"}");
        // TALER_json_hash (Dec 2022): jansson text, no NUL.
        assertEquals(net.taler.common.crypto.Hashes.sha512(
                "{\"k\":\"\\u001F\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                JsonHashes.talerJsonHash(n));
        assertEquals(net.taler.common.crypto.Hashes.sha512(
                "{\"k\":\"\\u001f\"}\0".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                JsonHashes.unsaltedHash(n));
        assertEquals(JsonHashes.saltedHash(n, JsonHashes.POLICY_SALT), JsonHashes.policyHash(n));
        org.junit.jupiter.api.Assertions.assertNotEquals(JsonHashes.policyHash(n),
                JsonHashes.extensionsManifestsHash(n));
    }
}

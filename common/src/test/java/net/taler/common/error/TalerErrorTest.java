package net.taler.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class TalerErrorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> fieldNames(JsonNode n) {
        List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    @Test
    void bodyWithoutDetail() {
        ObjectNode o = TalerError.of(TalerErrorCode.GENERIC_PARAMETER_MALFORMED).toJson();
        assertEquals(List.of("code", "hint"), fieldNames(o));
        assertTrue(o.get("code").isInt());
        assertEquals(26, o.get("code").intValue());
        assertEquals(TalerErrorCode.GENERIC_PARAMETER_MALFORMED.hint(), o.get("hint").textValue());
    }

    @Test
    void bodyWithDetailAndExtras() {
        TalerError e = TalerError.of(TalerErrorCode.EXCHANGE_GENERIC_INSUFFICIENT_FUNDS, "coin_pub")
                .withField("coin_pub", "ABC")
                .withField("history", JsonNodeFactory.instance.arrayNode().add(1));
        ObjectNode o = e.toJson();
        assertEquals(List.of("code", "hint", "detail", "coin_pub", "history"), fieldNames(o));
        assertEquals(1012, o.get("code").intValue());
        assertEquals("coin_pub", o.get("detail").textValue());
        assertEquals("ABC", o.get("coin_pub").textValue());
        assertEquals(1, o.get("history").get(0).intValue());
    }

    @Test
    void bytesRoundTrip() throws Exception {
        TalerError e = TalerError.of(TalerErrorCode.GENERIC_JSON_INVALID, "bad")
                .withField("field", "amount").withField("line", 3);
        byte[] bytes = e.toJsonBytes();
        JsonNode tree = JSON.readTree(bytes);
        assertEquals(22, tree.get("code").intValue());
        assertEquals(3, tree.get("line").intValue());
        TalerError back = TalerError.parse(bytes);
        assertEquals(e, back);
        assertEquals(Optional.of(TalerErrorCode.GENERIC_JSON_INVALID), back.errorCode());
        assertEquals(Optional.of("bad"), back.detailText());
    }

    @Test
    void parseKeepsUnknownCodesAndExtraFields() {
        TalerError e = TalerError.parse("{\"code\":4242,\"hint\":\"x\",\"h_payto\":\"P\"}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(4242, e.code());
        assertTrue(e.errorCode().isEmpty());
        assertNull(e.detail());
        assertEquals(Map.of("h_payto", JsonNodeFactory.instance.textNode("P")), e.extra());
    }

    @Test
    void parseWithoutHintIsTolerated() {
        TalerError e = TalerError.parse("{\"code\":26}".getBytes(StandardCharsets.UTF_8));
        assertNull(e.hint());
        assertEquals(List.of("code"), fieldNames(e.toJson()));
    }

    @Test
    void parseRejectsNonErrorBodies() {
        for (String s : List.of("[]", "42", "{}", "{\"code\":\"26\"}", "{\"code\":26.5}",
                "{\"code\":1e20}", "{\"code\":9999999999}", "{\"code\":26,\"hint\":3}",
                "{\"code\":26,\"detail\":{}}", "not json", "", "{\"code\":26} x")) {
            assertThrows(IllegalArgumentException.class,
                    () -> TalerError.parse(s.getBytes(StandardCharsets.UTF_8)), s);
        }
    }

    @Test
    void reservedNamesCannotBeExtras() {
        TalerError e = TalerError.of(TalerErrorCode.NONE);
        assertThrows(IllegalArgumentException.class, () -> e.withField("code", 1));
        assertThrows(IllegalArgumentException.class, () -> e.withField("hint", "x"));
        assertThrows(IllegalArgumentException.class, () -> e.withField("detail", "x"));
    }

    @Test
    void extrasAreCopied() {
        ObjectNode nested = JsonNodeFactory.instance.objectNode().put("a", 1);
        TalerError e = TalerError.of(TalerErrorCode.NONE).withField("n", nested);
        nested.put("a", 2);
        assertEquals(1, e.toJson().get("n").get("a").intValue());
        assertThrows(UnsupportedOperationException.class, () -> e.extra().put("x", nested));
    }

    @Test
    void exceptionDefaults() {
        TalerErrorException x = new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);
        assertEquals(404, x.httpStatus());
        assertTrue(x.httpStatusOverride().isEmpty());
        assertTrue(x.detail().isEmpty());
        assertEquals(List.of("code", "hint"), fieldNames(x.toJson()));
        assertEquals(1027, x.toJson().get("code").intValue());
        assertTrue(x.getMessage().contains("EXCHANGE_GENERIC_RESERVE_UNKNOWN"));
    }

    @Test
    void exceptionOverridesAndExtras() {
        RuntimeException cause = new RuntimeException("db");
        TalerErrorException x = new TalerErrorException(
                TalerErrorCode.EXCHANGE_GENERIC_COIN_HISTORY_COMPUTATION_FAILED, "detail text", cause)
                .withHttpStatus(424)
                .withField("coin_pub", "C")
                .withField("n", 5);
        assertEquals(424, x.httpStatus());
        assertEquals(cause, x.getCause());
        TalerError body = x.toError();
        assertEquals(TalerErrorCode.EXCHANGE_GENERIC_COIN_HISTORY_COMPUTATION_FAILED.code(), body.code());
        assertEquals("detail text", body.detail());
        assertEquals(List.of("code", "hint", "detail", "coin_pub", "n"), fieldNames(x.toJson()));
        assertThrows(IllegalArgumentException.class, () -> x.withHttpStatus(0));
        assertThrows(IllegalArgumentException.class, () -> x.withField("code", 1));
    }

    @Test
    void clientSideCodesFallBackTo500() {
        TalerErrorException x = new TalerErrorException(TalerErrorCode.GENERIC_CLIENT_INTERNAL_ERROR);
        assertEquals(0, TalerErrorCode.GENERIC_CLIENT_INTERNAL_ERROR.httpStatus());
        assertEquals(TalerErrorException.FALLBACK_HTTP_STATUS, x.httpStatus());
        assertFalse(x.toError().extra().containsKey("code"));
    }
}

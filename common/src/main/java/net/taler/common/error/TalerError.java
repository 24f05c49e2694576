package net.taler.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The standard Taler error body {@code {"code": <int>, "hint": <text>, "detail": <text>?, ...}}.
 * Every non-2xx reply of the exchange must be such an object: the wallet reads the numeric
 * {@code code} and treats anything else as a malformed response. Some endpoints add
 * proof-carrying fields (coin history, signed denomination info, ...), kept here as
 * {@link #extra()} in insertion order.
 *
 * <p>{@code code} is a raw number rather than a {@link TalerErrorCode} so that bodies from
 * peers with a newer registry can be parsed without loss; see {@link #errorCode()}.
 *
 * @param code   the numeric Taler error code
 * @param hint   human-readable text, {@code null} only when a parsed body had none
 * @param detail optional extra explanation (for example the offending field), or {@code null}
 * @param extra  additional top-level fields; never {@code code}, {@code hint} or {@code detail}
 */
public record TalerError(int code, String hint, String detail, Map<String, JsonNode> extra) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> RESERVED = Set.of("code", "hint", "detail");

    /** Validates the fields and takes a deep, unmodifiable copy of {@code extra}. */
    public TalerError {
        extra = copyExtra(extra);
    }

    /** The body for {@code ec} with its standard hint and no detail. */
    public static TalerError of(TalerErrorCode ec) {
        return of(ec, null);
    }

    /** The body for {@code ec} with its standard hint and the given detail (may be null). */
    public static TalerError of(TalerErrorCode ec, String detail) {
        Objects.requireNonNull(ec, "ec");
        return new TalerError(ec.code(), ec.hint(), detail, Map.of());
    }

    /** The registry constant for {@link #code()}, empty if this registry version lacks it. */
    public Optional<TalerErrorCode> errorCode() {
        return TalerErrorCode.byCode(code);
    }

    /** {@link #detail()} as an optional. */
    public Optional<String> detailText() {
        return Optional.ofNullable(detail);
    }

    /** A copy of this body with one more (or a replaced) extra top-level field. */
    public TalerError withField(String name, JsonNode value) {
        Map<String, JsonNode> copy = new LinkedHashMap<>(extra);
        copy.put(name, value);
        return new TalerError(code, hint, detail, copy);
    }

    /** A copy of this body with one more (or a replaced) extra text field. */
    public TalerError withField(String name, String value) {
        return withField(name, JsonNodeFactory.instance.textNode(value));
    }

    /** A copy of this body with one more (or a replaced) extra integer field. */
    public TalerError withField(String name, long value) {
        return withField(name, TalerError.numberNode(value));
    }

    /**
     * The body as a fresh JSON object: {@code code}, {@code hint} (omitted only if null),
     * {@code detail} (omitted if null), then the extra fields.
     */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("code", code);
        if (hint != null) {
            o.put("hint", hint);
        }
        if (detail != null) {
            o.put("detail", detail);
        }
        for (Map.Entry<String, JsonNode> e : extra.entrySet()) {
            o.set(e.getKey(), e.getValue().deepCopy());
        }
        return o;
    }

    /** {@link #toJson()} serialized as compact UTF-8 JSON. */
    public byte[] toJsonBytes() {
        try {
            return JSON.writeValueAsBytes(toJson());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize error body", e);
        }
    }

    /**
     * Reads an error body. Requires a JSON object with an integral {@code code} that fits an
     * {@code int}; {@code hint} and {@code detail}, when present and not null, must be strings.
     * Every other field ends up in {@link #extra()}.
     *
     * @throws IllegalArgumentException if {@code node} is not a Taler error body
     */
    public static TalerError fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Taler error body must be a JSON object");
        }
        JsonNode c = node.get("code");
        if (c == null || !c.isIntegralNumber() || !c.canConvertToInt()) {
            throw new IllegalArgumentException("Taler error body lacks an integer \"code\"");
        }
        String hint = optionalText(node, "hint");
        String detail = optionalText(node, "detail");
        Map<String, JsonNode> extra = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!RESERVED.contains(e.getKey())) {
                extra.put(e.getKey(), e.getValue());
            }
        }
        return new TalerError(c.intValue(), hint, detail, extra);
    }

    /**
     * Parses UTF-8 JSON bytes as an error body.
     *
     * @throws IllegalArgumentException if the bytes are not JSON or not a Taler error body
     */
    public static TalerError parse(byte[] json) {
        Objects.requireNonNull(json, "json");
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("error body is not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("error body is not valid JSON", e);
        }
        return fromJson(node);
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new IllegalArgumentException("Taler error body field \"" + field + "\" must be a string");
        }
        return v.textValue();
    }

    /** An int node when the value fits (as the parser produces), else a long node. */
    static JsonNode numberNode(long value) {
        return value == (int) value
                ? JsonNodeFactory.instance.numberNode((int) value)
                : JsonNodeFactory.instance.numberNode(value);
    }

    static Map<String, JsonNode> copyExtra(Map<String, JsonNode> extra) {
        if (extra == null || extra.isEmpty()) {
            return Map.of();
        }
        Map<String, JsonNode> copy = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : extra.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "extra field name");
            if (RESERVED.contains(name)) {
                throw new IllegalArgumentException("\"" + name + "\" cannot be an extra error field");
            }
            JsonNode value = e.getValue();
            copy.put(name, value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
        }
        return Collections.unmodifiableMap(copy);
    }
}

package net.taler.testsupport.wallet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Required-field access on JSON trees; every failure is a {@link WalletException} naming the field. */
final class Fields {
    /** Longest JSON excerpt put into messages. */
    private static final int EXCERPT = 300;

    private Fields() {
    }

    static JsonNode node(JsonNode parent, String field) {
        if (parent == null || !parent.isObject()) {
            throw new WalletException("expected a JSON object with '" + field + "', got " + excerpt(parent));
        }
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            throw new WalletException("missing field '" + field + "' in " + excerpt(parent));
        }
        return n;
    }

    static String text(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (!n.isTextual()) {
            throw new WalletException("field '" + field + "' is not a string in " + excerpt(parent));
        }
        return n.textValue();
    }

    static JsonNode object(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (!n.isObject()) {
            throw new WalletException("field '" + field + "' is not an object in " + excerpt(parent));
        }
        return n;
    }

    static JsonNode array(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (!n.isArray()) {
            throw new WalletException("field '" + field + "' is not an array in " + excerpt(parent));
        }
        return n;
    }

    static long integer(JsonNode parent, String field) {
        JsonNode n = node(parent, field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new WalletException("field '" + field + "' is not an integer in " + excerpt(parent));
        }
        return n.longValue();
    }

    /** A field decoded with the Taler mapper (amounts, timestamps, base32 values). */
    static <T> T value(ObjectMapper mapper, JsonNode parent, String field, Class<T> type) {
        JsonNode n = node(parent, field);
        try {
            return mapper.treeToValue(n, type);
        } catch (Exception e) {
            throw new WalletException("bad field '" + field + "' (" + type.getSimpleName() + ") in "
                    + excerpt(parent) + ": " + e.getMessage(), e);
        }
    }

    /** Runs a decoder (base32, key parsing) and names the field if it throws. */
    static <T> T decode(JsonNode parent, String field, java.util.function.Function<String, T> decoder) {
        String t = text(parent, field);
        try {
            return decoder.apply(t);
        } catch (RuntimeException e) {
            throw new WalletException("bad field '" + field + "' in " + excerpt(parent) + ": " + e.getMessage(), e);
        }
    }

    static String excerpt(JsonNode n) {
        if (n == null) {
            return "null";
        }
        String s = n.toString();
        return s.length() > EXCERPT ? s.substring(0, EXCERPT) + "…" : s;
    }
}

package net.taler.common.json;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Compact, key-sorted JSON text of a Jackson tree, byte-identical to what the reference
 * implementations hash (crypto.md 2.5.12 and 2.6).
 *
 * <p>Common rules of all styles: no white space; arrays keep their order; object members sorted
 * by key; {@code true}, {@code false}, {@code null} as usual; strings escape {@code "} and
 * {@code \} with a backslash, U+0008/9/A/C/D as {@code \b \t \n \f \r}, the other code points
 * below U+0020 as {@code \}{@code u00XX}; everything else (including {@code /}, U+007F,
 * U+2028/9 and all non-ASCII) is written raw and the text is encoded as UTF-8.
 *
 * <p>Numbers: integers only, written in plain decimal. Reals (any floating-point node, even
 * {@code 1.0}) are refused: C refuses them in hashed JSON, and JavaScript and C print them
 * differently. Integers must fit into an int64 (what jansson can hold); {@link Style#WALLET}
 * further restricts them to the JavaScript safe range |n| &le; 2^53-1 (the wallet's own
 * validator does the same; beyond it the wallet would hash a rounded value).
 *
 * <p>Strings containing unpaired UTF-16 surrogates are refused (jansson refuses them on input;
 * JavaScript would escape them, Java's UTF-8 encoder would replace them).
 */
public final class CanonicalJson {

    /** Which reference output to reproduce. */
    public enum Style {
        /**
         * The wallet's {@code canonicalJson} (taler-util helpers.ts, Dec 2022) used for
         * {@code h_contract_terms} and forgettable members: keys sorted by UTF-16 code units
         * ({@link String#compareTo}), {@code \}{@code u00xx} escapes in lower case
         * ({@code JSON.stringify}), integers limited to |n| &le; 2^53-1.
         */
        WALLET(false, false, true),
        /**
         * The C exchange's canonical form ({@code json_dumps(JSON_COMPACT|JSON_SORT_KEYS)} followed
         * by {@code TALER_rfc8785encode}), used for the extension manifests and policy hashes:
         * keys sorted by UTF-8 bytes (= code points), lower-case escapes, int64 integers.
         * Differs from {@link #WALLET} only for keys mixing characters above U+FFFF with
         * U+E000..U+FFFF, and in the integer range.
         */
        C_CANONICAL(true, false, false),
        /**
         * Plain jansson {@code json_dumps(JSON_COMPACT|JSON_SORT_KEYS)} without the RFC 8785
         * post-processing, as the Dec 2022 {@code TALER_json_hash} hashes it: like
         * {@link #C_CANONICAL} but {@code \}{@code u00XX} escapes in upper case.
         */
        JANSSON(true, true, false);

        private final boolean codePointOrder;
        private final boolean upperHex;
        private final boolean safeIntegersOnly;

        Style(boolean codePointOrder, boolean upperHex, boolean safeIntegersOnly) {
            this.codePointOrder = codePointOrder;
            this.upperHex = upperHex;
            this.safeIntegersOnly = safeIntegersOnly;
        }
    }

    /**
     * Deepest nesting accepted. Parsed input is already limited to
     * {@link TalerJson#MAX_NESTING_DEPTH}; this only protects against deep trees built in code.
     */
    public static final int MAX_DEPTH = 256;

    /** 2^53 - 1, JavaScript's {@code Number.MAX_SAFE_INTEGER}. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private static final char[] LOWER_HEX = "0123456789abcdef".toCharArray();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    /** Orders strings by Unicode code point, which is the UTF-8 byte order. */
    public static final Comparator<String> CODE_POINT_ORDER = CanonicalJson::compareCodePoints;

    private CanonicalJson() {
    }

    /** The canonical text in the wallet's style ({@link Style#WALLET}). */
    public static String canonicalize(JsonNode node) {
        return toText(node, Style.WALLET);
    }

    /** The canonical text in the given style. */
    public static String toText(JsonNode node, Style style) {
        if (node == null) {
            throw new CanonicalJsonException("no JSON value to canonicalize");
        }
        StringBuilder sb = new StringBuilder(256);
        write(sb, node, style, 0);
        return sb.toString();
    }

    /** The canonical text as UTF-8 bytes. */
    public static byte[] toUtf8(JsonNode node, Style style) {
        return toText(node, style).getBytes(StandardCharsets.UTF_8);
    }

    /** The canonical text as UTF-8 bytes followed by one NUL byte (what C and the wallet hash). */
    public static byte[] toUtf8WithNul(JsonNode node, Style style) {
        byte[] text = toUtf8(node, style);
        byte[] out = new byte[text.length + 1];
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    private static void write(StringBuilder sb, JsonNode node, Style style, int depth) {
        if (depth > MAX_DEPTH) {
            throw new CanonicalJsonException("JSON nested deeper than " + MAX_DEPTH + " levels");
        }
        switch (node.getNodeType()) {
            case OBJECT -> writeObject(sb, node, style, depth);
            case ARRAY -> {
                sb.append('[');
                boolean first = true;
                for (JsonNode e : node) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, e, style, depth + 1);
                }
                sb.append(']');
            }
            case STRING -> writeString(sb, node.textValue(), style);
            case NUMBER -> writeNumber(sb, node, style);
            case BOOLEAN -> sb.append(node.booleanValue() ? "true" : "false");
            case NULL -> sb.append("null");
            default -> throw new CanonicalJsonException("cannot canonicalize a JSON node of type "
                    + node.getNodeType());
        }
    }

    private static void writeObject(StringBuilder sb, JsonNode node, Style style, int depth) {
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        Comparator<String> order = style.codePointOrder ? CODE_POINT_ORDER : Comparator.naturalOrder();
        members.sort(Map.Entry.comparingByKey(order));
        sb.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> m : members) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, m.getKey(), style);
            sb.append(':');
            write(sb, m.getValue(), style, depth + 1);
        }
        sb.append('}');
    }

    private static void writeNumber(StringBuilder sb, JsonNode node, Style style) {
        if (!node.isIntegralNumber()) {
            throw new CanonicalJsonException("real numbers are not allowed in hashed JSON: " + node.asText());
        }
        if (!node.canConvertToLong()) {
            throw new CanonicalJsonException("integer out of the 64-bit range in hashed JSON: "
                    + node.bigIntegerValue());
        }
        long v = node.longValue();
        if (style.safeIntegersOnly && (v > MAX_SAFE_INTEGER || v < -MAX_SAFE_INTEGER)) {
            throw new CanonicalJsonException("integer " + v
                    + " outside the JavaScript safe range (|n| <= 2^53-1) in hashed JSON");
        }
        sb.append(v);
    }

    private static void writeString(StringBuilder sb, String s, Style style) {
        char[] hex = style.upperHex ? UPPER_HEX : LOWER_HEX;
        sb.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\f' -> sb.append("\\f");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20) {
                        sb.append("\\u00").append(hex[c >> 4]).append(hex[c & 0xf]);
                    } else if (Character.isHighSurrogate(c)) {
                        if (i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                            throw new CanonicalJsonException("unpaired UTF-16 surrogate in JSON string");
                        }
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isLowSurrogate(c)) {
                        throw new CanonicalJsonException("unpaired UTF-16 surrogate in JSON string");
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}

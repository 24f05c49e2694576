package net.taler.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Derives one mutated request from an {@link Example} and a seeded random source: JSON
 * structure (drop, duplicate, retype fields; huge numbers, deep nesting, long and odd strings,
 * nulls, broken base32, amounts and timestamps), path (bad base32, %-escapes, overlong and dot
 * segments), headers (Content-Type, lying Content-Length, gzip garbage, Expect, chunked) and raw
 * bytes (request line, HTTP version, binary garbage). Deterministic: same example and random
 * state, same bytes.
 */
public final class Mutator {
    private static final ObjectMapper M = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String DEEP = "@@FUZZ_DEEP@@";
    private static final String RAWNUM = "@@FUZZ_RAWNUM@@";
    private static final String BADUTF8 = "@@FUZZ_BADUTF8@@";
    private static final String[] ODD_STRINGS = {"", " ", "\u0000", "\ud800", "\uffff", "é", "😀", "null",
        "-1", "0", "NaN", "Infinity", "1e9999", "../../etc/passwd", "%00", "\\u0000", "<script>", "' OR 1=1 --",
        "TESTKUDOS:1", "payto://", "x".repeat(70_000)};
    private static final String[] ODD_NUMBERS = {"0", "-1", "-0", "1.5", "1e308", "1e-308", "-1e308",
        "9223372036854775807", "9223372036854775808", "18446744073709551616", "123456789012345678901234567890",
        "4503599627370497", "1E400", "0.000000000000000000001"};
    private static final String[] BAD_SEGMENTS = {"", ".", "..", "%2e%2e", "%2F", "%00", "%zz", "%", "%C3%28",
        "%E2%82", "0", "AAAA", "a", "\u00e9", "%F0%9F%98%80", "-", "~", "*", "null", "0000000000000000000000000000000"
            + "000000000000000000000", "Z".repeat(600), "%20", "+", "?", "#"};

    private final SplittableRandom rnd;

    public Mutator(SplittableRandom rnd) {
        this.rnd = rnd;
    }

    /** One mutation (sometimes none: the valid example itself, through the same code path). */
    public WireRequest mutate(Example e) {
        int kind = rnd.nextInt(100);
        if (kind < 3) {
            return build(e, "none", e.method(), e.target(), headers(e), e.body(), Set.of(), false);
        }
        if (e.json() && kind < 45) {
            return jsonMutation(e);
        }
        if (kind < 65) {
            return pathMutation(e);
        }
        if (kind < 88) {
            return headerMutation(e);
        }
        return rawMutation(e);
    }

    // ------------------------------------------------------------------ JSON

    private WireRequest jsonMutation(Example e) {
        JsonNode root;
        try {
            root = M.readTree(e.body());
        } catch (IOException x) {
            throw new IllegalArgumentException("example body is not JSON: " + e, x);
        }
        List<String> done = new ArrayList<>();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            root = mutateTree(root, done);
        }
        String text;
        try {
            text = M.writeValueAsString(root);
        } catch (IOException x) {
            throw new IllegalStateException(x);
        }
        if (rnd.nextInt(10) == 0 && root.isObject() && root.size() > 0) {
            // a duplicate key with another value: only text can say that
            String name = root.fieldNames().next();
            text = "{\"" + name + "\":" + randomScalar() + "," + text.substring(1);
            done.add("duplicate key " + name);
        }
        text = text.replace("\"" + DEEP + "\"", "[".repeat(3000) + "]".repeat(3000))
                .replace("\"" + RAWNUM + "\"", ODD_NUMBERS[rnd.nextInt(ODD_NUMBERS.length)]);
        int cut = rnd.nextInt(12);
        if (cut == 0 && text.length() > 2) {
            text = text.substring(0, rnd.nextInt(text.length()));
            done.add("truncated JSON");
        }
        byte[] body = badUtf8(text.getBytes(StandardCharsets.UTF_8));
        return build(e, "json: " + String.join(", ", done), e.method(), e.target(), headers(e), body, Set.of(),
                false);
    }

    /** Upper bound on the nodes one "array of copies" mutation creates. */
    private static final long MAX_COPIED_NODES = 100_000;

    private static long nodes(JsonNode n) {
        long c = 1;
        for (JsonNode child : n) {
            c += nodes(child);
        }
        return c;
    }

    private JsonNode mutateTree(JsonNode root, List<String> done) {
        List<String> paths = new ArrayList<>();
        collect(root, "", paths);
        int op = rnd.nextInt(14);
        if (op == 0) {
            JsonNode[] whole = {F.nullNode(), F.arrayNode(), F.objectNode(), F.textNode("x"), F.numberNode(1),
                F.booleanNode(true)};
            done.add("whole body replaced");
            return whole[rnd.nextInt(whole.length)];
        }
        if (paths.isEmpty()) {
            return root;
        }
        String path = paths.get(rnd.nextInt(paths.size()));
        JsonNode old = root.at(path);
        JsonNode replacement;
        String what;
        switch (op) {
            case 1, 2 -> {
                remove(root, path);
                done.add("drop " + path);
                return root;
            }
            case 3 -> {
                replacement = F.nullNode();
                what = "null";
            }
            case 4 -> {
                replacement = retype(old);
                what = "retype";
            }
            case 5 -> {
                replacement = F.textNode(RAWNUM);
                what = "odd number";
            }
            case 6 -> {
                replacement = F.textNode(DEEP);
                what = "deep nesting";
            }
            case 7 -> {
                replacement = F.textNode(ODD_STRINGS[rnd.nextInt(ODD_STRINGS.length)]);
                what = "odd string";
            }
            case 8 -> {
                replacement = F.textNode(BADUTF8);
                what = "invalid UTF-8";
            }
            case 9, 10 -> {
                replacement = old.isTextual() ? F.textNode(breakText(old.asText())) : retype(old);
                what = "broken text";
            }
            case 11 -> {
                ArrayNode a = F.arrayNode();
                // stacked copies of copies grow geometrically: keep one body below ~100 000 nodes
                int k = rnd.nextInt(3) == 0 ? (int) Math.max(2, Math.min(5000, MAX_COPIED_NODES / nodes(old))) : 2;
                for (int i = 0; i < k; i++) {
                    a.add(old.deepCopy());
                }
                replacement = a;
                what = "array of " + k;
            }
            case 12 -> {
                if (old.isObject()) {
                    ObjectNode o = ((ObjectNode) old.deepCopy());
                    o.put("unexpected_field_" + rnd.nextInt(100), randomScalar());
                    replacement = o;
                    what = "extra field";
                } else {
                    replacement = F.textNode(breakText(old.asText()));
                    what = "broken text";
                }
            }
            default -> {
                replacement = timestampOrAmount(old);
                what = "odd amount/time";
            }
        }
        done.add(what + " at " + path);
        return replace(root, path, replacement);
    }

    private void collect(JsonNode n, String path, List<String> out) {
        if (!path.isEmpty()) {
            out.add(path);
        }
        if (out.size() > 200) {
            return;
        }
        if (n.isObject()) {
            for (Iterator<String> it = n.fieldNames(); it.hasNext();) {
                String k = it.next();
                collect(n.get(k), path + "/" + k.replace("~", "~0").replace("/", "~1"), out);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < Math.min(n.size(), 4); i++) {
                collect(n.get(i), path + "/" + i, out);
            }
        }
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static String lastOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
    }

    private static void remove(JsonNode root, String path) {
        JsonNode parent = root.at(parentOf(path));
        if (parent instanceof ObjectNode o) {
            o.remove(lastOf(path));
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(lastOf(path)));
        }
    }

    private static JsonNode replace(JsonNode root, String path, JsonNode value) {
        JsonNode parent = root.at(parentOf(path));
        if (parent instanceof ObjectNode o) {
            o.set(lastOf(path), value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(lastOf(path)), value);
        }
        return root;
    }

    private JsonNode retype(JsonNode old) {
        if (old.isTextual()) {
            return rnd.nextBoolean() ? F.numberNode(rnd.nextLong()) : F.objectNode();
        }
        if (old.isNumber()) {
            return rnd.nextBoolean() ? F.textNode(old.asText()) : F.booleanNode(false);
        }
        if (old.isObject()) {
            return rnd.nextBoolean() ? F.arrayNode().add(old.deepCopy()) : F.textNode("{}");
        }
        if (old.isArray()) {
            return rnd.nextBoolean() ? F.objectNode() : F.textNode("[]");
        }
        return F.textNode(String.valueOf(old));
    }

    private String randomScalar() {
        return switch (rnd.nextInt(4)) {
            case 0 -> "null";
            case 1 -> ODD_NUMBERS[rnd.nextInt(ODD_NUMBERS.length)];
            case 2 -> "true";
            default -> "\"x\"";
        };
    }

    /** Base32 and friends, slightly wrong: one bad character, one more or less, lower case, empty. */
    private String breakText(String s) {
        if (s.isEmpty()) {
            return "A";
        }
        int i = rnd.nextInt(s.length());
        return switch (rnd.nextInt(7)) {
            case 0 -> s.substring(0, i) + "U" + s.substring(i + 1);
            case 1 -> s.substring(0, i) + "!" + s.substring(i + 1);
            case 2 -> s.substring(0, s.length() - 1);
            case 3 -> s + "0";
            case 4 -> s.toLowerCase();
            case 5 -> s + s;
            default -> s.substring(0, i) + "\u00e9" + s.substring(i + 1);
        };
    }

    private JsonNode timestampOrAmount(JsonNode old) {
        if (old.isObject() && (old.has("t_s") || old.has("d_us"))) {
            String key = old.has("t_s") ? "t_s" : "d_us";
            JsonNode[] v = {F.numberNode(-1), F.numberNode(Long.MAX_VALUE), F.textNode("never"), F.textNode("forever"),
                F.numberNode(1.5), F.numberNode(new java.math.BigInteger("99999999999999999999")), F.textNode("1")};
            ObjectNode o = F.objectNode();
            o.set(key, v[rnd.nextInt(v.length)]);
            return o;
        }
        String[] amounts = {"TESTKUDOS:-1", "XYZ:1", "TESTKUDOS:1.123456789", "TESTKUDOS:99999999999999999999",
            "TESTKUDOS", ":1", "TESTKUDOS:1.", "TESTKUDOS: 1", "TESTKUDOS:4503599627370497", "testkudos:1",
            "TESTKUDOS:0x10", "TESTKUDOS:1e3", "TOOLONGCURRENCYNAME:1", "TESTKUDOS:.5", "TESTKUDOS:00000000001"};
        return F.textNode(amounts[rnd.nextInt(amounts.length)]);
    }

    private static byte[] badUtf8(byte[] b) {
        byte[] marker = ("\"" + BADUTF8 + "\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(b, marker);
        if (at < 0) {
            return b;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(new byte[] {'"', (byte) 0xC3, 0x28, (byte) 0xFF, (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
        out.write(b, at + marker.length, b.length - at - marker.length);
        return out.toByteArray();
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    // ------------------------------------------------------------------ path

    private WireRequest pathMutation(Example e) {
        String target = e.target();
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q);
        List<String> segs = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
        Set<Integer> expect = Set.of();
        String what;
        int op = rnd.nextInt(10);
        int i = rnd.nextInt(segs.size());
        switch (op) {
            case 0, 1 -> {
                String s = segs.get(i);
                String broken = s.isEmpty() ? "%zz" : breakBase32(s);
                segs.set(i, broken);
                what = "segment " + i + " broken";
                if (i > 0 && s.length() >= 50 && s.matches("[0-9A-Z]+") && broken.matches("[0-9A-Z!*]+")) {
                    expect = e.badArgCodes();
                }
            }
            case 2, 3 -> {
                segs.set(i, BAD_SEGMENTS[rnd.nextInt(BAD_SEGMENTS.length)]);
                what = "segment " + i + " replaced";
            }
            case 4 -> {
                segs.add(rnd.nextInt(segs.size() + 1), BAD_SEGMENTS[rnd.nextInt(BAD_SEGMENTS.length)]);
                what = "segment inserted";
            }
            case 5 -> {
                segs.remove(i);
                what = "segment " + i + " removed";
            }
            case 6 -> {
                query = switch (rnd.nextInt(6)) {
                    case 0 -> "?timeout_ms=-1";
                    case 1 -> "?timeout_ms=99999999999999999999999";
                    case 2 -> "?timeout_ms=abc&timeout_ms=1";
                    case 3 -> "?%zz=1";
                    case 4 -> "?" + "a=b&".repeat(2000);
                    default -> "?x=" + "%FF%FE";
                };
                what = "query " + (query.length() > 40 ? query.substring(0, 40) + "…" : query);
            }
            case 7 -> {
                segs.set(i, segs.get(i).repeat(20));
                what = "segment " + i + " overlong";
            }
            case 8 -> {
                String p = "/" + String.join("/", segs);
                return build(e, "path: absolute-form / odd target", e.method(), rnd.nextBoolean()
                        ? "http://example.com" + p + query : "*", headers(e), e.body(), Set.of(), false);
            }
            default -> {
                String s = segs.get(i);
                StringBuilder enc = new StringBuilder();
                for (char c : s.toCharArray()) {
                    enc.append(String.format("%%%02X", (int) c & 0xff));
                }
                segs.set(i, enc.toString());
                what = "segment " + i + " fully %-encoded";
            }
        }
        String newTarget = "/" + String.join("/", segs) + query;
        return build(e, "path: " + what, e.method(), newTarget, headers(e), e.body(), expect, false);
    }

    /** Surely invalid base32 (note: GNUnet's decoder reads U as V, I and L as 1, O as 0). */
    private String breakBase32(String s) {
        int i = rnd.nextInt(s.length());
        return switch (rnd.nextInt(4)) {
            case 0 -> s.substring(0, i) + "*" + s.substring(i + 1);
            case 1 -> s.substring(0, s.length() - 1);
            case 2 -> s + "A";
            default -> s.substring(0, i) + "!" + s.substring(i + 1);
        };
    }

    // ------------------------------------------------------------------ headers

    private WireRequest headerMutation(Example e) {
        Map<String, String> h = headers(e);
        byte[] body = e.body();
        boolean mayHang = false;
        String what;
        switch (rnd.nextInt(13)) {
            case 0 -> {
                h.remove("Content-Type");
                what = "no Content-Type";
            }
            case 1 -> {
                String[] ct = {"text/plain", "application/json; charset=iso-8859-1", "garbage", "",
                    "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "application/json;;;"};
                h.put("Content-Type", ct[rnd.nextInt(ct.length)]);
                what = "Content-Type " + h.get("Content-Type");
            }
            case 2 -> {
                h.put("Content-Encoding", "gzip");
                body = gzip(body);
                what = "gzip body";
            }
            case 3 -> {
                h.put("Content-Encoding", rnd.nextBoolean() ? "gzip" : "deflate");
                byte[] garbage = new byte[rnd.nextInt(3) == 0 ? rnd.nextInt(4) : 1 + rnd.nextInt(2000)];
                rnd.nextBytes(garbage);
                if (garbage.length > 2 && rnd.nextBoolean()) {
                    garbage[0] = 0x1f;
                    garbage[1] = (byte) 0x8b;
                }
                body = garbage;
                what = h.get("Content-Encoding") + " garbage of " + garbage.length + " bytes";
            }
            case 4 -> {
                h.put("Content-Encoding", rnd.nextBoolean() ? "br" : "x-unknown, gzip");
                what = "Content-Encoding " + h.get("Content-Encoding");
            }
            case 5 -> {
                h.put("Expect", rnd.nextBoolean() ? "100-continue" : "something-else");
                what = "Expect " + h.get("Expect");
            }
            case 6 -> {
                return chunked(e, h, body);
            }
            case 7 -> {
                // shorter than the body: the rest arrives as the next "request"
                int len = body.length == 0 ? 0 : rnd.nextInt(body.length);
                h.put("Content-Length", Integer.toString(len));
                what = "Content-Length " + len + " < " + body.length;
                mayHang = true;
            }
            case 8 -> {
                String[] v = {Long.toString(body.length + 1 + rnd.nextInt(100)), "-1", "abc", "99999999999999999999",
                    body.length + ", " + (body.length + 1), "17179869184"};
                h.put("Content-Length", v[rnd.nextInt(v.length)]);
                what = "Content-Length " + h.get("Content-Length");
                mayHang = true;
            }
            case 9 -> {
                h.put("X-Fuzz", "v".repeat(rnd.nextBoolean() ? 20_000 : 8_000));
                what = "huge header";
            }
            case 10 -> {
                for (int i = 0; i < 200; i++) {
                    h.put("X-Fuzz-" + i, "v");
                }
                what = "many headers";
            }
            case 11 -> {
                h.put("Accept-Encoding", "deflate, gzip;q=0, *;q=garbage");
                h.put("If-None-Match", "\"" + "x".repeat(100) + "\"");
                h.put("Range", "bytes=-5");
                what = "odd Accept-Encoding, If-None-Match, Range";
            }
            default -> {
                h.put("Transfer-Encoding", "chunked");
                h.put("Content-Length", Integer.toString(body.length));
                what = "both Transfer-Encoding and Content-Length (body not chunked)";
                mayHang = true;
            }
        }
        return build(e, "headers: " + what, e.method(), e.target(), h, body, Set.of(), mayHang);
    }

    private WireRequest chunked(Example e, Map<String, String> h, byte[] body) {
        h.put("Transfer-Encoding", "chunked");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean bad = rnd.nextBoolean();
        int pos = 0;
        while (pos < body.length) {
            int n = Math.min(body.length - pos, 1 + rnd.nextInt(64));
            out.writeBytes(WireRequest.ascii((bad && rnd.nextInt(4) == 0 ? "zz" : Integer.toHexString(n)) + "\r\n"));
            out.write(body, pos, n);
            out.writeBytes(WireRequest.ascii("\r\n"));
            pos += n;
        }
        out.writeBytes(WireRequest.ascii(bad && rnd.nextBoolean() ? "FFFFFFFFFFFFFFFF\r\n" : "0\r\n\r\n"));
        StringBuilder head = head(e.method(), e.target(), h, -1);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        all.writeBytes(WireRequest.ascii(head.toString()));
        all.writeBytes(out.toByteArray());
        return new WireRequest(e, "headers: chunked" + (bad ? " with bad chunk sizes" : ""), all.toByteArray(),
                e.method(), Set.of(), bad);
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(b);
        } catch (IOException x) {
            throw new IllegalStateException(x);
        }
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ raw bytes

    private WireRequest rawMutation(Example e) {
        WireRequest valid = build(e, "", e.method(), e.target(), headers(e), e.body(), Set.of(), false);
        byte[] b = valid.bytes();
        String what;
        switch (rnd.nextInt(8)) {
            case 0 -> {
                b = java.util.Arrays.copyOf(b, rnd.nextInt(Math.max(1, indexOfCrlf(b))));
                what = "truncated request line";
            }
            case 1 -> {
                String[] versions = {"HTTP/9.9", "HTTP/1.1x", "HTTP/0.9", "HTTP/1", "http/1.1", "HTTP/1.10", "", "FOO"};
                String v = versions[rnd.nextInt(versions.length)];
                b = replaceFirst(b, " HTTP/1.1\r\n", v.isEmpty() ? "\r\n" : " " + v + "\r\n");
                what = "HTTP version " + v;
            }
            case 2 -> {
                String[] methods = {"get", "FOO", "GETT", "DELETE", "PUT", "PATCH", "TRACE", "CONNECT", "M".repeat(100),
                    "HEAD", "OPTIONS"};
                String m = methods[rnd.nextInt(methods.length)];
                b = replaceFirst(b, e.method() + " ", m + " ");
                what = "method " + (m.length() > 10 ? m.substring(0, 10) + "…" : m);
                return new WireRequest(e, "raw: " + what, b, m, Set.of(), false);
            }
            case 3 -> {
                b = new byte[1 + rnd.nextInt(3000)];
                rnd.nextBytes(b);
                what = "binary garbage";
            }
            case 4 -> {
                int flips = 1 + rnd.nextInt(8);
                b = b.clone();
                for (int i = 0; i < flips; i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                what = flips + " byte flips";
            }
            case 5 -> {
                b = new String(b, StandardCharsets.ISO_8859_1).replace("\r\n", rnd.nextBoolean() ? "\n" : "\r")
                        .getBytes(StandardCharsets.ISO_8859_1);
                what = "bare LF/CR line ends";
            }
            case 6 -> {
                b = replaceFirst(b, "\r\n", "\r\nX-Null: a\u0000b\r\n Folded: continuation\r\n");
                what = "NUL and folded header";
            }
            default -> {
                ByteArrayOutputStream two = new ByteArrayOutputStream();
                two.writeBytes(b);
                byte[] g = new byte[1 + rnd.nextInt(200)];
                rnd.nextBytes(g);
                two.writeBytes(g);
                b = two.toByteArray();
                what = "valid request then pipelined garbage";
            }
        }
        return new WireRequest(e, "raw: " + what, b, null, Set.of(), true);
    }

    private static int indexOfCrlf(byte[] b) {
        for (int i = 0; i + 1 < b.length; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n') {
                return i;
            }
        }
        return b.length;
    }

    private static byte[] replaceFirst(byte[] b, String what, String with) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        return s.replaceFirst(java.util.regex.Pattern.quote(what), java.util.regex.Matcher.quoteReplacement(with))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    // ------------------------------------------------------------------ assembly

    private static Map<String, String> headers(Example e) {
        return new LinkedHashMap<>(e.headers());
    }

    private static StringBuilder head(String method, String target, Map<String, String> h, int contentLength) {
        StringBuilder sb = new StringBuilder();
        sb.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        sb.append("Host: 127.0.0.1\r\n");
        if (contentLength >= 0 && !h.containsKey("Content-Length")) {
            sb.append("Content-Length: ").append(contentLength).append("\r\n");
        }
        sb.append("Connection: close\r\n");
        for (Map.Entry<String, String> x : h.entrySet()) {
            sb.append(x.getKey()).append(": ").append(x.getValue()).append("\r\n");
        }
        sb.append("\r\n");
        return sb;
    }

    static WireRequest build(Example e, String mutation, String method, String target, Map<String, String> h,
            byte[] body, Set<Integer> expect, boolean mayHang) {
        boolean noBody = body.length == 0 && method.equals("GET");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // the target keeps non-ASCII characters as UTF-8 bytes (servers must cope with raw bytes too)
        String headText = head(method, target, h, noBody ? -1 : body.length).toString();
        out.writeBytes(headText.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(body);
        return new WireRequest(e, mutation, out.toByteArray(), method, expect, mayHang);
    }
}

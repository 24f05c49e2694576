package net.taler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.json.TalerJson;

/**
 * Requests a hostile or broken client sends, over a raw socket (the JDK client refuses to send
 * most of them): each gets a 4xx with a Taler error body in the client's terms, costs at most one
 * short log line, and leaves the server serving.
 */
class HostileRequestTest {
    private static final ObjectMapper M = TalerJson.mapper();
    /** Words that betray internals (library and class names, switches) rather than the client's mistake. */
    private static final List<String> INTERNALS = List.of("jackson", "fasterxml", "Feature", "Exception", "`",
            "java.", "netty", "StreamReadConstraints", "Source:", "REDACTED", "byte[]");

    private HttpServer server;
    private int port;
    private final List<LogRecord> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            synchronized (logged) {
                logged.add(r);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** A reply as read off the wire. */
    record Raw(int status, String head, String body) {
        JsonNode json() throws IOException {
            return M.readTree(body);
        }

        int code() throws IOException {
            return json().get("code").asInt();
        }
    }

    @BeforeEach
    void start() throws IOException {
        Router r = new Router();
        r.add(HttpMethod.GET, "/hello", Router.Execution.EVENT_LOOP, req -> Reply.text(200, "hi"));
        r.add(HttpMethod.GET, "/query", Router.Execution.EVENT_LOOP,
                req -> Reply.text(200, req.queryParam("a").orElse("-")));
        r.add(HttpMethod.POST, "/echo", Router.Execution.WORKER, req -> Reply.json(200, req.jsonBody()));
        server = new HttpServer("hostile", r, HttpServer.Options.defaults())
                .start(ListenSettings.tcp("127.0.0.1", 0, false));
        port = ((InetSocketAddress) server.localAddress()).getPort();
        Logger.getLogger("net.taler.http").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("net.taler.http").removeHandler(capture);
        server.close();
    }

    /** Sends a request head (CRLF line ends are added) and body on a new connection; reads until the server closes. */
    private Raw raw(String requestLine, List<String> headers, byte[] body) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            StringBuilder h = new StringBuilder(requestLine).append("\r\nHost: x\r\nConnection: close\r\n");
            for (String line : headers) {
                h.append(line).append("\r\n");
            }
            if (body != null) {
                h.append("Content-Length: ").append(body.length).append("\r\n");
            }
            h.append("\r\n");
            OutputStream out = s.getOutputStream();
            out.write(h.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = reply.indexOf("\r\n\r\n");
            assertTrue(end > 0, "no complete reply: '" + reply + "'");
            return new Raw(Integer.parseInt(reply.substring(9, 12)), reply.substring(0, end), reply.substring(end + 4));
        }
    }

    private Raw get(String target) throws IOException {
        return raw("GET " + target + " HTTP/1.1", List.of(), null);
    }

    private Raw post(String target, List<String> headers, byte[] body) throws IOException {
        return raw("POST " + target + " HTTP/1.1", headers, body);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A Taler error reply with {@code status} and {@code code}, CORS, and a detail without internals. */
    private static void assertTalerError(Raw r, int status, TalerErrorCode code) throws IOException {
        assertEquals(status, r.status(), r.head() + "\n" + r.body());
        assertTrue(r.head().toLowerCase().contains("content-type: application/json"), r.head());
        assertTrue(r.head().toLowerCase().contains("access-control-allow-origin: *"), r.head());
        assertEquals(code.code(), r.code(), r.body());
        assertFalse(r.json().path("detail").asText().isEmpty(), r.body());
        assertNoInternals(r.body());
    }

    private static void assertNoInternals(String body) {
        for (String word : INTERNALS) {
            assertFalse(body.contains(word), "reply names internals (" + word + "): " + body);
        }
    }

    /** At most one short line per hostile request, never a stack trace. */
    private void assertQuietLog(int requests) {
        synchronized (logged) {
            for (LogRecord r : logged) {
                assertNull(r.getThrown(), "stack trace logged for a client error: " + r.getMessage());
                assertTrue(r.getMessage().length() < 200, r.getMessage());
            }
            assertTrue(logged.size() <= requests, logged.size() + " log lines for " + requests + " requests");
        }
    }

    private void assertStillServing() throws IOException {
        Raw ok = get("/hello");
        assertEquals(200, ok.status());
        assertEquals("hi", ok.body());
    }

    @Test
    void malformedPercentEscapesAre400() throws IOException {
        List<String> targets = List.of("/hello%zz", "/hello%", "/hello%4", "/hello?%", "/hello?a=%",
                "/query?a=%zz", "/query?%g0=1", "/%", "/echo/%zz");
        for (String t : targets) {
            assertTalerError(get(t), 400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        }
        assertQuietLog(targets.size());
        assertStillServing();
        // well-formed escapes still decode
        assertEquals("a b", get("/query?a=a%20b").body());
    }

    @Test
    void bodyThatIsNotWhatContentEncodingSaysIs400() throws IOException {
        byte[] plain = utf8("{\"a\":1}");
        assertTalerError(post("/echo", List.of("Content-Encoding: gzip"), plain), 400,
                TalerErrorCode.GENERIC_JSON_INVALID);
        assertTalerError(post("/echo", List.of("Content-Encoding: deflate"), plain), 400,
                TalerErrorCode.GENERIC_JSON_INVALID);
        // a valid gzip header followed by garbage
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(plain);
        }
        byte[] broken = gz.toByteArray();
        for (int i = 10; i < broken.length; i++) {
            broken[i] ^= 0x5a;
        }
        assertTalerError(post("/echo", List.of("Content-Encoding: gzip"), broken), 400,
                TalerErrorCode.GENERIC_JSON_INVALID);
        assertQuietLog(3);
        assertStillServing();
        // and a correct gzip body still works
        Raw ok = post("/echo", List.of("Content-Encoding: gzip"), gz.toByteArray());
        assertEquals(200, ok.status(), ok.body());
        assertEquals(1, ok.json().get("a").asInt());
    }

    @Test
    void unsupportedExpectationIs417WithTalerError() throws IOException {
        Raw r = post("/echo", List.of("Expect: something-else"), utf8("{}"));
        assertTalerError(r, 417, TalerErrorCode.GENERIC_HTTP_HEADERS_MALFORMED);
        assertQuietLog(1);
        assertStillServing();
        // Even on a kept-alive connection, a body sent after all is never run as the next request.
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            String smuggled = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n";
            s.getOutputStream().write(("POST /echo HTTP/1.1\r\nHost: x\r\nExpect: something-else\r\n"
                    + "Content-Length: " + smuggled.length() + "\r\n\r\n" + smuggled).getBytes(StandardCharsets.US_ASCII));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(all.startsWith("HTTP/1.1 417"), all);
            assertFalse(all.contains("HTTP/1.1 200"), all);
        }
        // 100-continue is still honoured
        Raw ok = post("/echo", List.of("Expect: 100-continue"), utf8("{\"b\":2}"));
        assertTrue(ok.head().startsWith("HTTP/1.1 100") || ok.status() == 200, ok.head());
        assertTrue(ok.body().endsWith("{\"b\":2}"), ok.body());
    }

    @Test
    void jsonErrorsSayWhatIsWrongWithoutNamingTheParser() throws IOException {
        List<String> bodies = List.of(
                "{\"a\":",                              // end of input
                "{\"a\":1,\"a\":2}",                     // duplicate key
                "{\"a\":NaN}",                          // non-standard number
                "{'a':1}",                              // single quotes
                "{\"a\":1} x",                          // trailing data
                "{\"a\":01}",                           // leading zero
                "{\"a\":\"\u0001\"}",                   // control character in a string
                "{\"a\":" + "1".repeat(500) + "}",      // overlong number
                "[".repeat(200) + "]".repeat(200),      // nesting beyond the limit
                "\"just a string\"",                    // not an object
                "{/*c*/\"a\":1}");                      // comment
        for (String b : bodies) {
            Raw r = post("/echo", List.of("Content-Type: application/json"), utf8(b));
            assertTalerError(r, 400, TalerErrorCode.GENERIC_JSON_INVALID);
        }
        // the position survives where the parser knows it
        JsonNode dup = post("/echo", List.of(), utf8("{\n\"a\":1,\n\"a\":2}")).json();
        assertEquals(3, dup.get("line").asInt(), dup.toString());
        assertTrue(dup.get("detail").asText().contains("\"a\""), dup.toString());
        assertQuietLog(0);
    }
}

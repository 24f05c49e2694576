package net.taler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;

/** The HTTP core over real sockets: routing errors, limits, compression, CORS, keep-alive, UNIX sockets. */
class HttpServerTest {
    private static final ObjectMapper M = TalerJson.mapper();
    private final HttpClient client = HttpClient.newHttpClient();
    private HttpServer server;
    private final LongPollRegistry<String> polls = new LongPollRegistry<>("test", 100);

    private Router router() {
        Router r = new Router();
        r.add(HttpMethod.GET, "/hello", Router.Execution.EVENT_LOOP, req -> Reply.text(200, "hi"));
        r.add(HttpMethod.POST, "/echo", Router.Execution.WORKER, req -> Reply.json(200, req.jsonBody()));
        r.add(HttpMethod.POST, "/coins/{}/deposit", Router.Execution.WORKER, req -> Reply.text(200, req.arg(0)));
        r.add(HttpMethod.GET, "/fail", Router.Execution.WORKER, req -> {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING, "none");
        });
        r.add(HttpMethod.GET, "/crash", Router.Execution.WORKER, req -> {
            throw new IllegalStateException("bug");
        });
        // Long poll: parks on key "k" for timeout_ms, answers whether it was woken.
        r.add(HttpMethod.GET, "/wait", Router.Execution.EVENT_LOOP, req -> {
            long ms = Long.parseLong(req.queryParam("timeout_ms").orElse("0"));
            return Reply.later(polls.await("k", java.time.Duration.ofMillis(ms))
                    .thenApply(woken -> Reply.text(200, woken ? "woken" : "timeout")));
        });
        r.add(HttpMethod.GET, "/wait-broken", Router.Execution.WORKER, req -> Reply.later(
                java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("bug"))));
        return r;
    }

    private String start(HttpServer.Options o) throws IOException {
        server = new HttpServer("test", router(), o).start(ListenSettings.tcp("127.0.0.1", 0, false));
        return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        polls.close();
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> send(HttpRequest r) throws Exception {
        return client.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws IOException {
        return M.readTree(r.body());
    }

    @Test
    void routingErrorsAreTalerJson() throws Exception {
        String base = start(HttpServer.Options.defaults());
        HttpResponse<String> ok = send(HttpRequest.newBuilder(URI.create(base + "/hello")).build());
        assertEquals(200, ok.statusCode());
        assertEquals("hi", ok.body());
        assertEquals("*", ok.headers().firstValue("access-control-allow-origin").orElse(""));

        HttpResponse<String> unknown = send(HttpRequest.newBuilder(URI.create(base + "/nope")).build());
        assertEquals(404, unknown.statusCode());
        assertEquals(21, json(unknown).get("code").asInt());

        HttpResponse<String> segs = send(HttpRequest.newBuilder(URI.create(base + "/coins/X")).build());
        assertEquals(404, segs.statusCode());
        assertEquals(1002, json(segs).get("code").asInt());

        HttpResponse<String> op = send(HttpRequest.newBuilder(URI.create(base + "/coins/X/fly"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(404, op.statusCode());
        assertEquals(1001, json(op).get("code").asInt());

        HttpResponse<String> method = send(HttpRequest.newBuilder(URI.create(base + "/echo")).build());
        assertEquals(405, method.statusCode());
        assertEquals(20, json(method).get("code").asInt());
        assertTrue(method.headers().firstValue("allow").orElse("").contains("POST"));

        HttpResponse<String> fail = send(HttpRequest.newBuilder(URI.create(base + "/fail")).build());
        assertEquals(503, fail.statusCode());
        assertEquals(1007, json(fail).get("code").asInt());

        HttpResponse<String> crash = send(HttpRequest.newBuilder(URI.create(base + "/crash")).build());
        assertEquals(500, crash.statusCode());
        assertEquals(60, json(crash).get("code").asInt());

        String longArg = "A".repeat(600);
        HttpResponse<String> tooLong = send(HttpRequest.newBuilder(URI.create(base + "/coins/" + longArg + "/deposit"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertEquals(414, tooLong.statusCode());
        assertEquals(31, json(tooLong).get("code").asInt());
    }

    @Test
    void jsonBodiesAreCheckedAndMayBeCompressed() throws Exception {
        String base = start(HttpServer.Options.defaults());
        HttpResponse<String> echo = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")).build());
        assertEquals(200, echo.statusCode());
        assertEquals(1, json(echo).get("a").asInt());

        HttpResponse<String> bad = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":")).build());
        assertEquals(400, bad.statusCode());
        assertEquals(22, json(bad).get("code").asInt());

        HttpResponse<String> dup = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1,\"a\":2}")).build());
        assertEquals(400, dup.statusCode());

        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write("{\"z\":\"compressed\"}".getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> zipped = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(gz.toByteArray())).build());
        assertEquals(200, zipped.statusCode());
        assertEquals("compressed", json(zipped).get("z").asText());
    }

    @Test
    void oversizedBodyGets413() throws Exception {
        HttpServer.Options small = new HttpServer.Options(false, 30, 0, 1024, 1, 2, 16);
        String base = start(small);
        HttpResponse<String> big = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":\"" + "x".repeat(4096) + "\"}")).build());
        assertEquals(413, big.statusCode());
        assertEquals(32, json(big).get("code").asInt());
        // and the server keeps serving
        assertEquals(200, send(HttpRequest.newBuilder(URI.create(base + "/hello")).build()).statusCode());
    }

    @Test
    void headAndOptions() throws Exception {
        String base = start(HttpServer.Options.defaults());
        HttpResponse<String> head = send(HttpRequest.newBuilder(URI.create(base + "/hello"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        HttpResponse<String> pre = send(HttpRequest.newBuilder(URI.create(base + "/echo"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(204, pre.statusCode());
        assertTrue(pre.headers().firstValue("access-control-allow-methods").orElse("").contains("POST"));
    }

    @Test
    void connectionCloseAndMaxRequests() throws Exception {
        String base = start(HttpServer.Options.defaults().withConnectionClose(true).withMaxRequests(2));
        HttpResponse<String> a = send(HttpRequest.newBuilder(URI.create(base + "/hello")).build());
        assertEquals("close", a.headers().firstValue("connection").orElse(""));
        assertFalse(server.isStopRequested());
        send(HttpRequest.newBuilder(URI.create(base + "/hello")).build());
        server.awaitStop(); // returns because MAX_REQUESTS was reached
        assertTrue(server.isStopRequested());
    }

    @Test
    void malformedRequestLineGetsJsonError() throws Exception {
        String base = start(HttpServer.Options.defaults());
        int port = URI.create(base).getPort();
        try (Socket s = new Socket("127.0.0.1", port)) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /" + "a".repeat(20000) + " HTTP/1.1\r\nHost: x\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String reply = new String(readAll(s.getInputStream()), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 414"), reply);
            assertTrue(reply.contains("\"code\":31"), reply);
        }
    }

    @Test
    void unixSocketWithMode(@TempDir Path dir) throws Exception {
        if (!HttpServer.nativeTransport()) {
            return; // UNIX sockets need the native transport (Linux)
        }
        Path sock = dir.resolve("sub/httpd.sock");
        server = new HttpServer("test", router(), HttpServer.Options.defaults()).start(ListenSettings.unix(sock, 0660));
        assertTrue(Files.exists(sock));
        assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(sock)));
        try (var ch = java.nio.channels.SocketChannel.open(java.net.UnixDomainSocketAddress.of(sock))) {
            ch.write(java.nio.ByteBuffer.wrap("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII)));
            String reply = new String(readAll(java.nio.channels.Channels.newInputStream(ch)), StandardCharsets.US_ASCII);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            assertTrue(reply.endsWith("hi"), reply);
        }
        assertTrue(server.localAddress() instanceof DomainSocketAddress);
    }

    @Test
    void reusePortLetsTwoServersShareAPort() throws Exception {
        if (!HttpServer.nativeTransport()) {
            return;
        }
        server = new HttpServer("a", router(), HttpServer.Options.defaults())
                .start(ListenSettings.tcp("127.0.0.1", 0, true));
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        try (HttpServer second = new HttpServer("b", router(), HttpServer.Options.defaults())
                .start(ListenSettings.tcp("127.0.0.1", port, true))) {
            assertEquals(port, ((InetSocketAddress) second.localAddress()).getPort());
        }
        // without -r the port is taken
        try (HttpServer third = new HttpServer("c", router(), HttpServer.Options.defaults())) {
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> third.start(ListenSettings.tcp("127.0.0.1", port, false)));
            assertTrue(e.getMessage().startsWith("cannot bind"), e.getMessage());
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    @Test
    void deferredRepliesOutliveTheIdleTimeoutAndWakePromptly() throws Exception {
        String base = start(HttpServer.Options.defaults().withIdleTimeoutSeconds(1));
        // A 2.5 s poll on a connection with a 1 s idle timeout still gets its answer.
        HttpResponse<String> slow = send(HttpRequest.newBuilder(URI.create(base + "/wait?timeout_ms=2500")).build());
        assertEquals(200, slow.statusCode());
        assertEquals("timeout", slow.body());

        var pending = client.sendAsync(HttpRequest.newBuilder(URI.create(base + "/wait?timeout_ms=20000")).build(),
                HttpResponse.BodyHandlers.ofString());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (polls.waiting() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        polls.wake("k");
        HttpResponse<String> woken = pending.get(5, java.util.concurrent.TimeUnit.SECONDS);
        assertEquals("woken", woken.body());
        assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "wake must answer well before the timeout");
        assertEquals(0, polls.waiting());

        HttpResponse<String> broken = send(HttpRequest.newBuilder(URI.create(base + "/wait-broken")).build());
        assertEquals(500, broken.statusCode());
        assertEquals(60, json(broken).get("code").asInt());
    }

    @Test
    void longPollRegistryIsBounded() throws Exception {
        try (LongPollRegistry<Integer> r = new LongPollRegistry<>("bounded", 2)) {
            var a = r.await(1, java.time.Duration.ofSeconds(30));
            var b = r.await(2, java.time.Duration.ofSeconds(30));
            var overflow = r.await(3, java.time.Duration.ofSeconds(30));
            assertFalse(overflow.get(1, java.util.concurrent.TimeUnit.SECONDS), "overflow completes at once");
            assertEquals(2, r.waiting());
            r.wake(2);
            assertTrue(b.get(1, java.util.concurrent.TimeUnit.SECONDS));
            assertFalse(a.isDone());
            var quick = r.await(4, java.time.Duration.ofMillis(50));
            assertFalse(quick.get(2, java.util.concurrent.TimeUnit.SECONDS), "times out with false");
            assertEquals(1, r.waiting());
            r.close();
            assertFalse(a.get(1, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void fallbackTakesUnknownFirstSegments() throws Exception {
        Router r = new Router();
        r.add(HttpMethod.GET, "/fixed", Router.Execution.EVENT_LOOP, req -> Reply.text(200, "fixed"));
        r.fallback(Router.Execution.WORKER, req -> Reply.text(200, req.method() + " " + req.path()));
        server = new HttpServer("fb", r, HttpServer.Options.defaults()).start(ListenSettings.tcp("127.0.0.1", 0, false));
        String base = "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
        assertEquals("fixed", send(HttpRequest.newBuilder(URI.create(base + "/fixed")).build()).body());
        assertEquals("GET /alice/history/incoming",
                send(HttpRequest.newBuilder(URI.create(base + "/alice/history/incoming")).build()).body());
        assertEquals("POST /bob/x", send(HttpRequest.newBuilder(URI.create(base + "/bob/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build()).body());
        // A known first segment keeps its own errors.
        assertEquals(1002, json(send(HttpRequest.newBuilder(URI.create(base + "/fixed/extra")).build()))
                .get("code").asInt());
    }
}

package net.taler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.json.TalerJson;

/**
 * Deadlines for receiving a request, over real sockets: a client trickling its head or body is
 * answered 408 and cut off although every byte would restart the idle timeout; a silent
 * connection is closed; a long poll that outlasts every deadline still gets its answer, and
 * the long-poll cap clamps an absurd {@code timeout_ms}.
 */
class RequestDeadlinesTest {
    private static final Duration HEAD = Duration.ofMillis(800);
    private static final Duration BODY = Duration.ofMillis(1200);
    private static final Duration POLL_MAX = Duration.ofMillis(1500);
    /** Longer than every deadline: only they can end a connection within a test. */
    private static final int IDLE_SECONDS = 30;

    private final LongPollRegistry<String> polls = new LongPollRegistry<>("deadlines", 100);
    private final ExecutorService recheck = Executors.newSingleThreadExecutor();
    private final ExecutorService trickler = Executors.newCachedThreadPool();
    private HttpServer server;
    private int port;

    @BeforeEach
    void start() throws IOException {
        HttpLimits limits = HttpLimits.defaults().withTimeouts(HEAD, BODY).withLongPollMax(POLL_MAX);
        LongPoll<String> longPoll = new LongPoll<>(polls::await, recheck, limits.longPollMax());
        Router r = new Router();
        r.add(HttpMethod.GET, "/hello", Router.Execution.EVENT_LOOP, req -> Reply.text(200, "hi"));
        r.add(HttpMethod.POST, "/echo", Router.Execution.WORKER, req -> Reply.json(200, req.jsonBody()));
        r.add(HttpMethod.GET, "/wait", Router.Execution.EVENT_LOOP, req -> longPoll.poll("k",
                Duration.ofMillis(Long.parseLong(req.queryParam("timeout_ms").orElse("0"))),
                () -> null, () -> Reply.text(200, "timeout")));
        server = new HttpServer("deadlines", r, HttpServer.Options.defaults().withIdleTimeoutSeconds(IDLE_SECONDS)
                .withLimits(limits)).start(ListenSettings.tcp("127.0.0.1", 0, false));
        port = ((InetSocketAddress) server.localAddress()).getPort();
    }

    @AfterEach
    void stop() {
        trickler.shutdownNow();
        polls.close();
        recheck.shutdownNow();
        server.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        return s;
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Writes one byte of {@code text} every {@code everyMs} until it is sent or the connection fails. */
    private void trickle(Socket s, String text, long everyMs) {
        trickler.execute(() -> {
            try {
                OutputStream out = s.getOutputStream();
                for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                    Thread.sleep(everyMs);
                    out.write(b);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the server closed the connection: what the test expects
            }
        });
    }

    /** Everything the server sends until it closes. */
    private static String readToClose(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }

    private static JsonNode jsonBody(String reply) throws IOException {
        return TalerJson.mapper().readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
    }

    private static long msSince(long t0) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    @Test
    void slowHeadIsAnswered408AndClosed() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            send(s.getOutputStream(), "GET /hello HTTP/1.1\r\n");
            // one header byte every 100 ms: far faster than the idle timeout, never completes in time
            trickle(s, "Host: x\r\n" + "X-Slow: " + "a".repeat(200) + "\r\n\r\n", 100);
            String reply = readToClose(s.getInputStream());
            long ms = msSince(t0);
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(reply.contains("\r\nConnection: close\r\n"), reply);
            assertEquals(11, jsonBody(reply).get("code").asInt(), reply);
            assertTrue(ms >= HEAD.toMillis() - 50 && ms < HEAD.toMillis() + 3000, "cut off after " + ms + " ms");
        }
        assertServing();
    }

    @Test
    void slowBodyIsAnswered408AndClosed() throws Exception {
        try (Socket s = connect()) {
            send(s.getOutputStream(), "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 300\r\n\r\n");
            long t0 = System.nanoTime();
            trickle(s, "{\"a\":\"" + "b".repeat(290) + "\"}", 100);
            String reply = readToClose(s.getInputStream());
            long ms = msSince(t0);
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertEquals(11, jsonBody(reply).get("code").asInt(), reply);
            assertTrue(ms >= BODY.toMillis() - 50 && ms < BODY.toMillis() + 3000, "cut off after " + ms + " ms");
        }
        assertServing();
    }

    @Test
    void silentConnectionIsClosedAfterTheHeadDeadline() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read(), "closed without a reply: nothing was asked");
            long ms = msSince(t0);
            assertTrue(ms >= HEAD.toMillis() - 50 && ms < HEAD.toMillis() + 3000, "closed after " + ms + " ms");
        }
    }

    @Test
    void slowNextRequestOnAKeptAliveConnectionIsCutOffToo() throws Exception {
        try (Socket s = connect()) {
            send(s.getOutputStream(), "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] first = new byte[4096];
            int n = s.getInputStream().read(first);
            assertTrue(new String(first, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "));
            Thread.sleep(HEAD.toMillis() + 300); // idle between requests: not a head deadline
            long t0 = System.nanoTime();
            trickle(s, "GET /hello HTTP/1.1\r\nHost: x\r\n" + "X-Slow: " + "a".repeat(200) + "\r\n\r\n", 100);
            String reply = readToClose(s.getInputStream());
            assertTrue(reply.startsWith("HTTP/1.1 408 "), reply);
            assertTrue(msSince(t0) < HEAD.toMillis() + 3000);
        }
    }

    @Test
    void longPollOutlastingEveryDeadlineIsAnswered() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            // 1.4 s: longer than the head and the body deadline, within the long-poll cap
            send(s.getOutputStream(), "GET /wait?timeout_ms=1400 HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            String reply = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 200 ") && reply.endsWith("timeout"), reply);
            assertTrue(msSince(t0) >= 1300);
            // the connection stays usable for the next request
            send(s.getOutputStream(), "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
            n = s.getInputStream().read(buf);
            assertTrue(new String(buf, 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "));
        }
    }

    @Test
    void hugeLongPollTimeoutIsClampedToTheCap() throws Exception {
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            send(s.getOutputStream(), "GET /wait?timeout_ms=1000000000000 HTTP/1.1\r\nHost: x\r\n\r\n");
            byte[] buf = new byte[4096];
            int n = s.getInputStream().read(buf);
            long ms = msSince(t0);
            String reply = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 200 ") && reply.endsWith("timeout"), reply);
            assertTrue(ms >= POLL_MAX.toMillis() - 50 && ms < POLL_MAX.toMillis() + 3000,
                    "answered after " + ms + " ms");
        }
    }

    /** A normal request on a new connection is answered. */
    private void assertServing() throws IOException {
        try (Socket s = connect()) {
            send(s.getOutputStream(), "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            String reply = readToClose(s.getInputStream());
            assertTrue(reply.startsWith("HTTP/1.1 200 ") && reply.endsWith("hi"), reply);
        }
    }
}

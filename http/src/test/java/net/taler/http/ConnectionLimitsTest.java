package net.taler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.json.TalerJson;

/**
 * The global and per-address connection limits over real sockets: the connection over a limit
 * gets a 503 Taler error and is closed, others (from other addresses) are served meanwhile, and
 * closing a connection makes room again.
 */
class ConnectionLimitsTest {
    private HttpServer server;
    private int port;
    private final List<Socket> open = new ArrayList<>();

    private void start(ListenSettings listen, int maxConnections, int perAddress) throws IOException {
        Router r = new Router();
        r.add(HttpMethod.GET, "/hello", Router.Execution.EVENT_LOOP, req -> Reply.text(200, "hi"));
        HttpServer.Options o = HttpServer.Options.defaults()
                .withLimits(HttpLimits.defaults().withMaxConnections(maxConnections, perAddress));
        server = new HttpServer("limits", r, o).start(listen);
        if (listen.kind() == ListenSettings.Kind.TCP) {
            port = ((InetSocketAddress) server.localAddress()).getPort();
        }
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : open) {
            s.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** A connection from {@code from} (a loopback address) that stays open and silent. */
    private Socket connect(String from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        s.setSoTimeout(5000);
        open.add(s);
        return s;
    }

    private void awaitOpen(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (server.openConnections() != n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, server.openConnections());
    }

    /** GET /hello on a new connection from {@code from}; the whole reply. */
    private String hello(String from) throws IOException {
        try (Socket s = connect(from)) {
            s.getOutputStream().write("GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Asserts that {@code in} yields a 503 Taler error with Connection: close, then end of stream. */
    private static void assertRefused(InputStream in) throws IOException {
        String reply = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        assertTrue(reply.startsWith("HTTP/1.1 503 "), reply);
        assertTrue(reply.contains("\r\nConnection: close\r\n"), reply);
        assertTrue(reply.contains("\r\nRetry-After: 1\r\n"), reply);
        JsonNode j = TalerJson.mapper().readTree(reply.substring(reply.indexOf("\r\n\r\n") + 4));
        assertTrue(j.get("code").asInt() > 0, reply);
        assertTrue(j.get("hint").asText().length() > 0, reply);
    }

    @Test
    void perAddressLimitRefusesOnlyThatAddress() throws Exception {
        start(ListenSettings.tcp("127.0.0.1", 0, false), 100, 3);
        List<Socket> mine = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mine.add(connect("127.0.0.1"));
        }
        awaitOpen(3);
        assertRefused(connect("127.0.0.1").getInputStream());
        // another address is served meanwhile
        assertTrue(hello("127.0.0.2").startsWith("HTTP/1.1 200 "));
        awaitOpen(3);
        assertRefused(connect("127.0.0.1").getInputStream());
        // closing one makes room for exactly one more
        mine.get(0).close();
        awaitOpen(2);
        String again = hello("127.0.0.1");
        assertTrue(again.startsWith("HTTP/1.1 200 ") && again.endsWith("hi"), again);
        awaitOpen(2);
    }

    @Test
    void globalLimitRefusesEveryAddress() throws Exception {
        start(ListenSettings.tcp("127.0.0.1", 0, false), 3, 0);
        List<Socket> held = new ArrayList<>();
        held.add(connect("127.0.0.1"));
        held.add(connect("127.0.0.2"));
        held.add(connect("127.0.0.3"));
        awaitOpen(3);
        assertRefused(connect("127.0.0.4").getInputStream());
        assertRefused(connect("127.0.0.1").getInputStream());
        held.get(1).close();
        awaitOpen(2);
        assertTrue(hello("127.0.0.4").startsWith("HTTP/1.1 200 "));
        // per-address limit 0 = off: one address may take every slot
        held.get(0).close();
        held.get(2).close();
        awaitOpen(0);
        for (int i = 0; i < 3; i++) {
            held.add(connect("127.0.0.9"));
        }
        awaitOpen(3);
        assertRefused(connect("127.0.0.9").getInputStream());
    }

    @Test
    void unixSocketClientsCountOnlyGlobally(@TempDir Path dir) throws Exception {
        Path sock = dir.resolve("limits.sock");
        start(ListenSettings.unix(sock, 0600), 2, 1);
        UnixDomainSocketAddress addr = UnixDomainSocketAddress.of(sock);
        try (SocketChannel a = SocketChannel.open(StandardProtocolFamily.UNIX);
                SocketChannel b = SocketChannel.open(StandardProtocolFamily.UNIX);
                SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            a.connect(addr);
            b.connect(addr); // a per-address limit of 1 does not apply: no address
            awaitOpen(2);
            c.connect(addr);
            ByteBuffer buf = ByteBuffer.allocate(4096);
            StringBuilder reply = new StringBuilder();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (System.nanoTime() < deadline && c.read(buf) >= 0) {
                buf.flip();
                reply.append(StandardCharsets.ISO_8859_1.decode(buf));
                buf.clear();
            }
            assertTrue(reply.toString().startsWith("HTTP/1.1 503 "), reply.toString());
            a.write(ByteBuffer.wrap("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
            buf.clear();
            assertTrue(b.isConnected());
            int n = a.read(buf);
            assertTrue(n > 0 && new String(buf.array(), 0, n, StandardCharsets.ISO_8859_1).startsWith("HTTP/1.1 200 "));
        }
    }

    @Test
    void ipv6ClientsCountPerSlash64() {
        var a = ConnectionLimiter.key(new InetSocketAddress("2001:db8:1:2:aaaa::1", 1));
        var b = ConnectionLimiter.key(new InetSocketAddress("2001:db8:1:2:bbbb::2", 1));
        var c = ConnectionLimiter.key(new InetSocketAddress("2001:db8:1:3::1", 1));
        assertEquals(a, b);
        assertTrue(!a.equals(c));
        assertEquals(ConnectionLimiter.key(new InetSocketAddress("10.0.0.1", 1)),
                ConnectionLimiter.key(new InetSocketAddress("::ffff:10.0.0.1", 1)));
    }

    @Test
    void maxConnectionsIsBoundedByTheDescriptorLimit() {
        assertEquals(10_000, HttpServer.effectiveMaxConnections("t", 10_000, 65_536));
        assertEquals(768, HttpServer.effectiveMaxConnections("t", 10_000, 1024));
        assertEquals(100, HttpServer.effectiveMaxConnections("t", 10_000, 200));
        assertEquals(10_000, HttpServer.effectiveMaxConnections("t", 10_000, -1));
    }
}

package net.taler.wirewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import net.taler.common.bank.WireGatewayClient;
import net.taler.common.bank.WireGatewayCredentials;
import net.taler.common.bank.WireGatewayException;
import net.taler.common.crypto.EddsaPublicKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The client's defences against a broken or hostile bank: a real HTTP server (the JDK's) that
 * answers with whatever body a test sets, since the fakebank never misbehaves this way.
 */
class HostileBankTest {
    static final String PUB = new EddsaPublicKey(new byte[32]).toBase32();
    HttpServer server;
    final AtomicReference<String> body = new AtomicReference<>();
    final AtomicReference<Integer> status = new AtomicReference<>(200);
    final AtomicReference<String> lastAuth = new AtomicReference<>();
    final AtomicReference<String> lastQuery = new AtomicReference<>();
    WireGatewayClient client;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/gw/", ex -> {
            lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
            lastQuery.set(ex.getRequestURI().getRawQuery());
            byte[] b = body.get() == null ? new byte[0] : body.get().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(status.get(), b.length == 0 ? -1 : b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
        client = new WireGatewayClient(WireGatewayCredentials.basic(
                "http://127.0.0.1:" + server.getAddress().getPort() + "/gw/", "ex", "pw"), "KUDOS",
                WireGatewayClient.Options.DEFAULT.withMaxReplyBytes(4096));
    }

    @AfterEach
    void stop() {
        client.close();
        server.stop(0);
    }

    static String entry(long row, String amount, String pub) {
        return "{\"row_id\":" + row + ",\"date\":{\"t_s\":1700000000},\"amount\":\"" + amount + "\","
                + "\"debit_account\":\"payto://x-taler-bank/localhost/a\","
                + "\"credit_account\":\"payto://x-taler-bank/localhost/ex\",\"reserve_pub\":\"" + pub + "\"}";
    }

    static String history(String... entries) {
        return "{\"incoming_transactions\":[" + String.join(",", entries) + "]}";
    }

    WireGatewayException invalid(long start, int delta) {
        WireGatewayException e = assertThrows(WireGatewayException.class,
                () -> client.incomingHistory(start, delta, Duration.ZERO));
        assertEquals(WireGatewayException.Kind.INVALID_REPLY, e.kind(), e.getMessage());
        return e;
    }

    @Test
    void acceptsAWellFormedReplyAndSendsTheRightRequest() throws Exception {
        body.set(history(entry(5, "KUDOS:1.5", PUB), entry(9, "KUDOS:2", PUB)));
        assertEquals(2, client.incomingHistory(0, 3, Duration.ZERO).size());
        assertEquals("delta=3", lastQuery.get());
        assertEquals("Basic ZXg6cHc=", lastAuth.get());
        client.incomingHistory(4, 3, Duration.ofMillis(1500));
        assertEquals("delta=3&start=4&long_poll_ms=1500", lastQuery.get());
    }

    @Test
    void rejectsRowsOutOfOrder() {
        body.set(history(entry(5, "KUDOS:1", PUB), entry(5, "KUDOS:1", PUB)));
        assertTrue(invalid(0, 5).getMessage().contains("strictly increasing"));
        body.set(history(entry(7, "KUDOS:1", PUB), entry(6, "KUDOS:1", PUB)));
        invalid(0, 5);
        body.set(history(entry(3, "KUDOS:1", PUB)));
        invalid(3, 5); // not after start
        body.set(history(entry(3, "KUDOS:1", PUB), entry(4, "KUDOS:1", PUB)));
        invalid(10, -5); // negative delta must be descending
    }

    @Test
    void rejectsWrongCurrencyBadKeysAndTooManyRows() {
        body.set(history(entry(1, "EUR:1", PUB)));
        assertTrue(invalid(0, 5).getMessage().contains("currency"));
        body.set(history(entry(1, "KUDOS:1", PUB.substring(0, 50))));
        invalid(0, 5);
        body.set(history(entry(1, "KUDOS:1", PUB), entry(2, "KUDOS:1", PUB)));
        invalid(0, 1);
        body.set("{\"incoming_transactions\":{}}");
        invalid(0, 1);
        body.set("not json");
        invalid(0, 1);
        body.set(history(entry(1, "KUDOS:1", PUB).replace("\"row_id\":1", "\"row_id\":\"1\"")));
        invalid(0, 1);
    }

    @Test
    void boundsTheReplySize() {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            sb.append(i > 1 ? "," : "").append(entry(i, "KUDOS:1", PUB));
        }
        body.set("{\"incoming_transactions\":[" + sb + "]}");
        assertTrue(invalid(0, 100).getMessage().contains("exceeds"));
    }

    @Test
    void errorBodiesWithAndWithoutCode() {
        status.set(503);
        body.set("{\"code\":5110,\"hint\":\"down\"}");
        WireGatewayException e = assertThrows(WireGatewayException.class,
                () -> client.incomingHistory(0, 1, Duration.ZERO));
        assertEquals(503, e.httpStatus());
        assertEquals(5110, e.talerCode());
        assertEquals("down", e.hint());
        body.set("<html>bad gateway</html>");
        e = assertThrows(WireGatewayException.class, () -> client.incomingHistory(0, 1, Duration.ZERO));
        assertEquals(503, e.httpStatus());
        assertEquals(0, e.talerCode());
        status.set(204);
        body.set(null);
        assertDoesNotThrowEmpty();
    }

    private void assertDoesNotThrowEmpty() {
        try {
            assertEquals(0, client.incomingHistory(0, 1, Duration.ZERO).size());
        } catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }
}

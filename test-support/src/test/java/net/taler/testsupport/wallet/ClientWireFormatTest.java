package net.taler.testsupport.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.json.TalerJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the clients put on the wire (method, path, query, headers, JSON body) and how they read
 * replies, over real HTTP against a socket that records each request and answers with a fixed
 * reply. The exchange's behaviour itself is tested end to end in dist.
 */
class ClientWireFormatTest {
    private static final ObjectMapper M = TalerJson.mapper();

    private record Seen(String method, String uri, String contentType, String authorization, byte[] body) {
        JsonNode json() throws IOException {
            return M.readTree(body);
        }
    }

    private HttpServer server;
    private final AtomicReference<Seen> seen = new AtomicReference<>();
    private volatile int replyStatus = 200;
    private volatile String replyBody = "{}";
    private JsonHttp http;
    private String base;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            seen.set(new Seen(ex.getRequestMethod(), ex.getRequestURI().toString(),
                    ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Authorization"),
                    body));
            byte[] out = replyBody.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(replyStatus, out.length == 0 ? -1 : out.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(out);
            }
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        http = new JsonHttp();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void reply(int status, String body) {
        replyStatus = status;
        replyBody = body;
    }

    @Test
    void reserveStatusAndLongPoll() {
        ExchangeClient ex = new ExchangeClient(http, base);
        Reserve r = Reserve.random();
        reply(404, "{\"code\":1250,\"hint\":\"exchange reserves status unknown\"}");
        ApiResponse resp = ex.reserveStatusRaw(r.pub(), Duration.ofMillis(2500));
        assertEquals("GET", seen.get().method());
        assertEquals("/reserves/" + r.pub().toBase32() + "?timeout_ms=2500", seen.get().uri());
        assertEquals(404, resp.status());
        assertEquals(1250, resp.errorCode());
        assertTrue(resp.is(404, TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN));
        assertEquals(Optional.of(TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN), resp.talerError());
        assertEquals(Optional.empty(), ex.reserveBalance(r.pub(), null));
        assertEquals("/reserves/" + r.pub().toBase32(), seen.get().uri());

        reply(200, "{\"balance\":\"KUDOS:5.5\"}");
        assertEquals(Optional.of(Amount.parse("KUDOS:5.5")), ex.reserveBalance(r.pub(), Duration.ofSeconds(1)));
        assertEquals(Amount.parse("KUDOS:5.5"),
                new TestWallet(ex, null).awaitReserve(r, Duration.ofSeconds(5)));

        // any other answer is an error that keeps the reply
        reply(400, "{\"code\":26,\"hint\":\"bad\"}");
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> ex.reserveBalance(r.pub(), null));
        assertEquals(400, e.status());
        assertEquals(26, e.errorCode());
    }

    @Test
    void awaitReserveGivesUpAtTheDeadline() {
        ExchangeClient ex = new ExchangeClient(http, base);
        // an exchange that answers "unknown" at once: the wallet paces itself and stops in time
        reply(404, "{\"code\":1250}");
        long t0 = System.nanoTime();
        WalletException e = assertThrows(WalletException.class,
                () -> new TestWallet(ex, null).awaitReserve(Reserve.random(), Duration.ofMillis(700)));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms >= 650 && ms < 5000, "took " + ms + " ms");
        assertTrue(e.getMessage().contains("not known"), e.getMessage());
        assertFalse(e instanceof UnexpectedResponseException);
    }

    @Test
    void withdrawRequests() throws IOException {
        ExchangeClient ex = new ExchangeClient(http, base);
        Reserve r = Reserve.random();
        Denomination d = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), "1", "0");
        PreparedCoin p = PreparedCoin.create(0, r, d, new PlanchetMasterSecret(new byte[32]), null, null);
        reply(200, M.createObjectNode().set("ev_sig",
                CipherJson.blindSignature(Fixtures.blindSign(d.key(), p.planchet().blinded()))).toString());

        WithdrawnCoin coin = p.toCoin(ex.withdraw(r.pub(), p.request()));
        assertTrue(coin.coin().verify());
        Seen s = seen.get();
        assertEquals("POST", s.method());
        assertEquals("/reserves/" + r.pub().toBase32() + "/withdraw", s.uri());
        assertEquals("application/json", s.contentType());
        assertEquals(p.request().toJson(), s.json());

        ex.batchWithdrawRaw(r.pub(), List.of(p.request(), p.request()));
        assertEquals("/reserves/" + r.pub().toBase32() + "/batch-withdraw", seen.get().uri());
        assertEquals(SignedPlanchet.batchJson(List.of(p.request(), p.request())), seen.get().json());
        // the typed batch call insists on one ev_sig per planchet
        assertThrows(UnexpectedResponseException.class, () -> ex.batchWithdraw(r.pub(), List.of(p.request())));
        assertThrows(IllegalArgumentException.class, () -> ex.batchWithdraw(r.pub(), List.of()));

        CsNonce nonce = CsNonce.random();
        reply(404, "{\"code\":1005}");
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> ex.csrWithdraw(nonce, d.hash()));
        assertEquals(1005, e.errorCode());
        assertEquals("/csr-withdraw", seen.get().uri());
        assertEquals(nonce.toBase32(), seen.get().json().get("nonce").textValue());
        assertEquals(d.hash().toBase32(), seen.get().json().get("denom_pub_hash").textValue());

        // raw bytes go out unchanged (malformed-JSON tests)
        byte[] junk = "{\"denom_pub_hash\": ".getBytes(StandardCharsets.UTF_8);
        ex.postBytes("reserves/" + r.pub().toBase32() + "/withdraw", junk);
        assertArrayEquals(junk, seen.get().body());
    }

    @Test
    void repliesThatAreNotJson() {
        ExchangeClient ex = new ExchangeClient(http, base + "sub");
        reply(502, "Bad Gateway");
        ApiResponse r = ex.keysRaw();
        assertEquals("/sub/keys", seen.get().uri());
        assertEquals(502, r.status());
        assertNull(r.json());
        assertEquals(-1, r.errorCode());
        assertEquals("Bad Gateway", r.text());
        assertThrows(UnexpectedResponseException.class, ex::keys);
        reply(200, "[1,2]");
        assertThrows(UnexpectedResponseException.class, ex::keys);
        assertThrows(IllegalArgumentException.class, () -> new ExchangeClient(http, "ftp://x/"));
    }

    @Test
    void verifiedKeysOverHttp() {
        ExchangeClient ex = new ExchangeClient(http, base);
        Denomination d = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), "1", "0");
        reply(200, Fixtures.keysJson(List.of(d)).toString());
        ExchangeKeys k = ex.keys(Fixtures.MASTER.publicKey());
        assertEquals(List.of(d), k.denominations());
        assertEquals("/keys", seen.get().uri());
        TestWallet w = new TestWallet(ex, null, java.time.Clock.fixed(Fixtures.NOW.toInstant(), java.time.ZoneOffset.UTC));
        assertEquals(List.of(d, d), w.selectDenominations(Amount.parse("KUDOS:2.5")).denominations());
    }

    @Test
    void bankAddIncoming() throws IOException {
        Reserve r = Reserve.random();
        reply(200, "{\"row_id\":17,\"timestamp\":{\"t_s\":1700000000}}");
        BankClient bank = new BankClient(http, base + "taler-wire-gateway/myexchange");
        assertEquals(17, bank.addIncoming(Amount.parse("KUDOS:10"), r.pub()));
        Seen s = seen.get();
        assertEquals("POST", s.method());
        assertEquals("/taler-wire-gateway/myexchange/admin/add-incoming", s.uri());
        assertNull(s.authorization());
        JsonNode b = s.json();
        assertEquals("KUDOS:10", b.get("amount").textValue());
        assertEquals(r.pub().toBase32(), b.get("reserve_pub").textValue());
        assertEquals(BankClient.DEFAULT_DEBIT_ACCOUNT, b.get("debit_account").textValue());
        assertEquals(3, b.size());

        BankClient auth = new BankClient(http, base + "myexchange/", "myexchange", "x");
        new TestWallet(new ExchangeClient(http, base), auth).fund(r, Amount.parse("KUDOS:1"));
        assertEquals("Basic " + Base64.getEncoder().encodeToString("myexchange:x".getBytes(StandardCharsets.UTF_8)),
                seen.get().authorization());
        assertEquals("/myexchange/admin/add-incoming", seen.get().uri());

        reply(409, "{\"code\":5114,\"hint\":\"duplicate\"}");
        UnexpectedResponseException e = assertThrows(UnexpectedResponseException.class,
                () -> bank.addIncoming(Amount.parse("KUDOS:1"), r.pub()));
        assertEquals(5114, e.errorCode());
        assertThrows(IllegalStateException.class,
                () -> new TestWallet(new ExchangeClient(http, base), null).fund(r, Amount.parse("KUDOS:1")));
    }
}

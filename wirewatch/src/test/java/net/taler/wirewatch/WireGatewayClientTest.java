package net.taler.wirewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import net.taler.common.amount.Amount;
import net.taler.common.bank.IncomingTransaction;
import net.taler.common.bank.OutgoingTransaction;
import net.taler.common.bank.TransferRequest;
import net.taler.common.bank.TransferResult;
import net.taler.common.bank.WireGatewayClient;
import net.taler.common.bank.WireGatewayCredentials;
import net.taler.common.bank.WireGatewayException;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.error.TalerErrorCode;
import net.taler.fakebank.Fakebank;
import net.taler.fakebank.FakebankSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Wire Gateway client against the real fakebank over HTTP. */
class WireGatewayClientTest {
    static final String DEBTOR = "payto://x-taler-bank/localhost/testdebtor";
    private final Random rnd = new Random(7);
    Fakebank fb;
    WireGatewayClient client;

    @BeforeEach
    void start() throws Exception {
        fb = Fakebank.start(FakebankSettings.defaults("KUDOS"));
        client = new WireGatewayClient(WireGatewayCredentials.basic(fb.wireGatewayUrl("myexchange"), "myexchange", "x"),
                "KUDOS");
    }

    @AfterEach
    void stop() {
        client.close();
        fb.close();
    }

    EddsaPublicKey pub() {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return new EddsaPublicKey(b);
    }

    byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    List<TransferResult> credit(int n, List<EddsaPublicKey> pubs) throws Exception {
        List<TransferResult> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EddsaPublicKey p = pub();
            pubs.add(p);
            out.add(client.addIncoming(Env.kudos((i + 1) + ".5"), p, DEBTOR));
        }
        return out;
    }

    @Test
    void pagesForwardAndBackward() throws Exception {
        List<EddsaPublicKey> pubs = new ArrayList<>();
        List<TransferResult> rows = credit(10, pubs);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i).rowId() > rows.get(i - 1).rowId());
        }
        List<IncomingTransaction> all = new ArrayList<>();
        long start = 0;
        int pages = 0;
        while (true) {
            List<IncomingTransaction> page = client.incomingHistory(start, 4, Duration.ZERO);
            if (page.isEmpty()) {
                break;
            }
            assertTrue(page.size() <= 4);
            all.addAll(page);
            start = page.get(page.size() - 1).rowId();
            pages++;
        }
        assertEquals(3, pages);
        assertEquals(10, all.size());
        for (int i = 0; i < 10; i++) {
            IncomingTransaction t = all.get(i);
            assertEquals(rows.get(i).rowId(), t.rowId());
            assertEquals(pubs.get(i), t.reservePub());
            assertEquals(Env.kudos((i + 1) + ".5"), t.amount());
            assertEquals(rows.get(i).timestamp(), t.date());
            assertTrue(t.debitAccount().startsWith(DEBTOR), t.debitAccount());
            assertTrue(t.creditAccount().startsWith("payto://x-taler-bank/localhost/myexchange"), t.creditAccount());
        }
        List<IncomingTransaction> newest = client.incomingHistory(0, -3, Duration.ZERO);
        assertEquals(List.of(rows.get(9).rowId(), rows.get(8).rowId(), rows.get(7).rowId()),
                newest.stream().map(IncomingTransaction::rowId).toList());
        List<IncomingTransaction> older = client.incomingHistory(rows.get(7).rowId(), -2, Duration.ZERO);
        assertEquals(List.of(rows.get(6).rowId(), rows.get(5).rowId()),
                older.stream().map(IncomingTransaction::rowId).toList());
    }

    @Test
    void longPollReturnsWhenATransferArrives() throws Exception {
        List<TransferResult> rows = credit(1, new ArrayList<>());
        long last = rows.get(0).rowId();
        long t0 = System.nanoTime();
        CompletableFuture<List<IncomingTransaction>> f = client.incomingHistoryAsync(last, 5, Duration.ofSeconds(10));
        Thread.sleep(500);
        assertTrue(!f.isDone(), "long poll answered before anything arrived");
        EddsaPublicKey p = pub();
        client.addIncoming(Env.kudos("3"), p, DEBTOR);
        List<IncomingTransaction> got = WireGatewayClient.await(f);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, got.size());
        assertEquals(p, got.get(0).reservePub());
        assertTrue(ms >= 450 && ms < 5000, "answered after " + ms + " ms");
    }

    @Test
    void longPollTimesOutWithEmptyListAndRequestTimeoutCoversIt() throws Exception {
        credit(1, new ArrayList<>());
        long last = client.incomingHistory(0, 1, Duration.ZERO).get(0).rowId();
        // request timeout (1 s) shorter than the long poll (2 s): the client adds them up
        try (WireGatewayClient c = new WireGatewayClient(client.credentials(), "KUDOS",
                WireGatewayClient.Options.DEFAULT.withRequestTimeout(Duration.ofSeconds(1)))) {
            long t0 = System.nanoTime();
            List<IncomingTransaction> got = c.incomingHistory(last, 5, Duration.ofMillis(2000));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(List.of(), got);
            assertTrue(ms >= 1900, "long poll ended after " + ms + " ms");
        }
    }

    @Test
    void transferIsIdempotentAndShowsInOutgoingHistory() throws Exception {
        HashCode uid = new HashCode(bytes(64));
        WireTransferId wtid = new WireTransferId(bytes(32));
        String merchant = "payto://x-taler-bank/localhost/merchant-default";
        TransferRequest req = new TransferRequest(uid, Env.kudos("4.25"), "http://localhost:8081/", wtid, merchant);
        TransferResult r1 = client.transfer(req);
        TransferResult r2 = client.transfer(req);
        assertEquals(r1, r2);
        WireGatewayException e = assertThrows(WireGatewayException.class, () -> client.transfer(
                new TransferRequest(uid, Env.kudos("5"), "http://localhost:8081/", wtid, merchant)));
        assertEquals(409, e.httpStatus());
        assertEquals(TalerErrorCode.BANK_TRANSFER_REQUEST_UID_REUSED.code(), e.talerCode());
        assertEquals(WireGatewayException.Kind.HTTP, e.kind());

        TransferResult r3 = client.transfer(new TransferRequest(new HashCode(bytes(64)), Env.kudos("1"),
                "http://localhost:8081/", new WireTransferId(bytes(32)), merchant));
        List<OutgoingTransaction> out = client.outgoingHistory(0, 10, Duration.ZERO);
        assertEquals(2, out.size());
        OutgoingTransaction o = out.get(0);
        assertEquals(r1.rowId(), o.rowId());
        assertEquals(r3.rowId(), out.get(1).rowId());
        assertEquals(Env.kudos("4.25"), o.amount());
        assertEquals(wtid, o.wtid());
        assertEquals("http://localhost:8081/", o.exchangeBaseUrl());
        assertTrue(o.creditAccount().startsWith(merchant), o.creditAccount());
        // outgoing transfers do not show up as incoming
        assertEquals(List.of(), client.incomingHistory(0, 10, Duration.ZERO));
    }

    @Test
    void bankErrorsCarryStatusAndCode() throws Exception {
        EddsaPublicKey p = pub();
        client.addIncoming(Env.kudos("1"), p, DEBTOR);
        WireGatewayException dup = assertThrows(WireGatewayException.class,
                () -> client.addIncoming(Env.kudos("2"), p, DEBTOR));
        assertEquals(409, dup.httpStatus());
        assertEquals(TalerErrorCode.BANK_DUPLICATE_RESERVE_PUB_SUBJECT, dup.errorCode().orElseThrow());

        try (WireGatewayClient unknown = new WireGatewayClient(WireGatewayCredentials.none(fb.wireGatewayUrl("nobody")),
                "KUDOS")) {
            WireGatewayException e = assertThrows(WireGatewayException.class,
                    () -> unknown.incomingHistory(0, 5, Duration.ZERO));
            assertEquals(404, e.httpStatus());
            assertEquals(TalerErrorCode.BANK_UNKNOWN_ACCOUNT.code(), e.talerCode());
        }
        assertThrows(IllegalArgumentException.class, () -> client.addIncoming(Amount.parse("EUR:1"), pub(), DEBTOR));
        assertThrows(IllegalArgumentException.class, () -> client.incomingHistory(0, 0, Duration.ZERO));
    }

    @Test
    void unreachableBankIsANetworkFailure() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        try (WireGatewayClient c = new WireGatewayClient(
                WireGatewayCredentials.none("http://127.0.0.1:" + port + "/gw/"), "KUDOS")) {
            WireGatewayException e = assertThrows(WireGatewayException.class,
                    () -> c.incomingHistory(0, 5, Duration.ZERO));
            assertEquals(WireGatewayException.Kind.NETWORK, e.kind());
            assertTrue(e.isNetworkFailure());
            assertEquals(0, e.httpStatus());
            assertEquals(0, e.talerCode());
        }
    }

    @Test
    void basicAuthHeaderIsWellFormed() {
        WireGatewayCredentials c = WireGatewayCredentials.basic("http://h/x/", "myexchange", "x");
        assertEquals("Basic bXlleGNoYW5nZTp4", c.authorizationHeader().orElseThrow());
        assertTrue(WireGatewayCredentials.none("http://h/x/").authorizationHeader().isEmpty());
        assertTrue(!WireGatewayCredentials.basic("http://h/x/", "u", "s3cret").toString().contains("s3cret"));
        assertThrows(IllegalArgumentException.class, () -> WireGatewayCredentials.none("http://h/x"));
        assertThrows(IllegalArgumentException.class, () -> WireGatewayCredentials.none("ftp://h/x/"));
    }
}

package net.taler.fakebank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.taler.common.amount.Amount;
import net.taler.common.encoding.Crockford;

/** The Wire Gateway API over real HTTP (wire-gateway.md 2). */
class WireGatewayTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String CUR = "TESTKUDOS";

    private Fakebank bank;
    private BankClient c;

    @BeforeEach
    void start() throws Exception {
        bank = Fakebank.start(FakebankSettings.defaults(CUR));
        c = new BankClient(bank.baseUrl());
    }

    @AfterEach
    void stop() {
        bank.close();
    }

    static String random(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Crockford.encode(b);
    }

    static ObjectNode incoming(String amount, String reservePub, String debtor) {
        ObjectNode o = BankClient.M.createObjectNode();
        o.put("amount", amount);
        o.put("reserve_pub", reservePub);
        o.put("debit_account", "payto://x-taler-bank/localhost/" + debtor);
        return o;
    }

    static ObjectNode transfer(String uid, String amount, String wtid, String creditor) {
        ObjectNode o = BankClient.M.createObjectNode();
        o.put("request_uid", uid);
        o.put("amount", amount);
        o.put("exchange_base_url", "http://localhost:8081/");
        o.put("wtid", wtid);
        o.put("credit_account", "payto://x-taler-bank/localhost/" + creditor + "?receiver-name=" + creditor);
        return o;
    }

    private long addIncoming(String account, String amount) throws Exception {
        BankClient.Resp r = c.post("/taler-wire-gateway/" + account + "/admin/add-incoming",
                incoming(amount, random(32), "testdebtor"));
        assertEquals(200, r.status(), r.text());
        return r.json().get("row_id").asLong();
    }

    private static List<Long> rows(JsonNode history, String field) {
        List<Long> out = new ArrayList<>();
        history.get(field).forEach(t -> out.add(t.get("row_id").asLong()));
        return out;
    }

    @Test
    void transferIsIdempotentOnRequestUidAndConflictsOnReuse() throws Exception {
        String uid = random(64);
        String wtid = random(32);
        BankClient.Resp first = c.post("/taler-wire-gateway/myexchange/transfer",
                transfer(uid, CUR + ":1.5", wtid, "merchant"));
        assertEquals(200, first.status(), first.text());
        BankClient.Resp again = c.post("/taler-wire-gateway/myexchange/transfer",
                transfer(uid, CUR + ":1.5", wtid, "merchant"));
        assertEquals(200, again.status());
        assertEquals(first.json().get("row_id"), again.json().get("row_id"));
        assertEquals(first.json().get("timestamp"), again.json().get("timestamp"));
        assertEquals(1, bank.store().lastRowId(), "the repeat must not book a second transfer");

        BankClient.Resp conflict = c.post("/taler-wire-gateway/myexchange/transfer",
                transfer(uid, CUR + ":2", wtid, "merchant"));
        assertEquals(409, conflict.status());
        assertEquals(5112, conflict.code());

        // both sides were created; the debit shows in the balance and in history/outgoing
        assertEquals(new Balance(Amount.parse(CUR + ":1.5"), true), bank.store().balance("myexchange").orElseThrow());
        assertEquals(new Balance(Amount.parse(CUR + ":1.5"), false), bank.store().balance("merchant").orElseThrow());
        JsonNode out = c.get("/taler-wire-gateway/myexchange/history/outgoing?delta=10").json();
        JsonNode tx = out.get("outgoing_transactions").get(0);
        assertEquals(wtid, tx.get("wtid").asText());
        assertEquals("http://localhost:8081/", tx.get("exchange_base_url").asText());
        assertEquals(CUR + ":1.5", tx.get("amount").asText());
        assertEquals(bank.paytoUri("merchant"), tx.get("credit_account").asText());
        assertEquals(bank.paytoUri("myexchange"), tx.get("debit_account").asText());
        // a transfer is not an incoming credit of the merchant
        assertEquals(204, c.get("/taler-wire-gateway/merchant/history/incoming?delta=10").status());
    }

    @Test
    void historyPagingFollowsDeltaAndExclusiveStart() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(addIncoming("myexchange", CUR + ":" + (i + 1)));
            // noise for another account and an outgoing transfer must not show up
            addIncoming("other", CUR + ":9");
        }
        c.post("/taler-wire-gateway/myexchange/transfer", transfer(random(64), CUR + ":1", random(32), "m"));
        String h = "/taler-wire-gateway/myexchange/history/incoming";

        assertEquals(ids.subList(0, 2), rows(c.get(h + "?delta=2").json(), "incoming_transactions"));
        assertEquals(ids.subList(2, 5), rows(c.get(h + "?delta=3&start=" + ids.get(1)).json(),
                "incoming_transactions"));
        assertEquals(ids.subList(3, 5), rows(c.get(h + "?delta=100&start=" + ids.get(2)).json(),
                "incoming_transactions"));
        assertEquals(List.of(ids.get(4), ids.get(3)), rows(c.get(h + "?delta=-2").json(), "incoming_transactions"));
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)),
                rows(c.get(h + "?delta=-10&start=" + ids.get(3)).json(), "incoming_transactions"));
        JsonNode first = c.get(h + "?delta=1").json().get("incoming_transactions").get(0);
        assertEquals(CUR + ":1", first.get("amount").asText());
        assertEquals(bank.paytoUri("testdebtor"), first.get("debit_account").asText());
        assertTrue(first.get("date").get("t_s").isIntegralNumber());
        assertEquals(52, first.get("reserve_pub").asText().length());

        BankClient.Resp none = c.get(h + "?delta=5&start=" + ids.get(4));
        assertEquals(204, none.status());
        assertEquals("", none.text());
        assertEquals(204, c.get(h + "?delta=-5&start=" + ids.get(0)).status());
        assertEquals(204, c.get("/taler-wire-gateway/myexchange/history/outgoing?delta=-5&start=1").status());
        assertEquals(1, rows(c.get("/taler-wire-gateway/myexchange/history/outgoing?delta=-5").json(),
                "outgoing_transactions").size());
    }

    @Test
    void malformedHistoryParametersAre400With26() throws Exception {
        addIncoming("myexchange", CUR + ":1");
        String h = "/taler-wire-gateway/myexchange/history/incoming";
        for (String q : List.of("", "?delta=0", "?delta=abc", "?delta=5&start=-1", "?delta=5&start=x",
                "?delta=5&long_poll_ms=-3", "?delta=99999999999999999999")) {
            BankClient.Resp r = c.get(h + q);
            assertEquals(400, r.status(), q);
            assertEquals(26, r.code(), q);
        }
        BankClient.Resp unknown = c.get("/taler-wire-gateway/nobody/history/incoming?delta=5");
        assertEquals(404, unknown.status());
        assertEquals(5106, unknown.code());
    }

    @Test
    void longPollWakesPromptlyOnAddIncoming() throws Exception {
        long first = addIncoming("myexchange", CUR + ":1");
        long t0 = System.nanoTime();
        CompletableFuture<BankClient.Resp> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return c.get("/taler-wire-gateway/myexchange/history/incoming?delta=5&start=" + first
                        + "&long_poll_ms=20000");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(poll.isDone(), "the long poll must wait for a new record");
        // the account-first path of the wallet (no prefix, no authorization)
        BankClient.Resp add = c.post("/myexchange/admin/add-incoming", incoming(CUR + ":7", random(32), "testdebtor"));
        assertEquals(200, add.status(), add.text());
        BankClient.Resp r = poll.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(200, r.status(), r.text());
        assertTrue(ms < 5000, "woke after " + ms + " ms");
        assertEquals(List.of(add.json().get("row_id").asLong()), rows(r.json(), "incoming_transactions"));
    }

    @Test
    void longPollTimesOutWith204() throws Exception {
        addIncoming("myexchange", CUR + ":1");
        long t0 = System.nanoTime();
        // an unrelated credit to another account must not end the wait early with data
        CompletableFuture<BankClient.Resp> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return c.get("/taler-wire-gateway/myexchange/history/incoming?delta=5&start=1&long_poll_ms=800");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(100);
        addIncoming("other", CUR + ":1");
        BankClient.Resp r = poll.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(204, r.status());
        assertTrue(ms >= 700, "answered after only " + ms + " ms");
        assertTrue(ms < 10_000, "answered after " + ms + " ms");
    }

    @Test
    void ringBufferOverflowForgetsOldRowsWith410() throws Exception {
        try (Fakebank small = Fakebank.start(FakebankSettings.defaults(CUR).withRamLimit(3))) {
            BankClient s = new BankClient(small.baseUrl());
            for (int i = 0; i < 5; i++) {
                assertEquals(200, s.post("/taler-wire-gateway/ex/admin/add-incoming",
                        incoming(CUR + ":1", random(32), "d")).status());
            }
            // rows 1 and 2 are gone, 3..5 remain
            BankClient.Resp gone = s.get("/taler-wire-gateway/ex/history/incoming?delta=5&start=1");
            assertEquals(410, gone.status());
            assertEquals(5115, gone.code());
            assertEquals(List.of(3L, 4L, 5L),
                    rows(s.get("/taler-wire-gateway/ex/history/incoming?delta=5&start=2").json(),
                            "incoming_transactions"));
            assertEquals(List.of(3L, 4L, 5L),
                    rows(s.get("/taler-wire-gateway/ex/history/incoming?delta=5").json(), "incoming_transactions"));
            assertEquals(410, s.get("/taler-wire-gateway/ex/history/incoming?delta=-5&start=3").status());
            assertTrue(small.store().transaction(2).isEmpty());
        }
    }

    @Test
    void duplicateReservePubIs409() throws Exception {
        String pub = random(32);
        assertEquals(200, c.post("/taler-wire-gateway/myexchange/admin/add-incoming",
                incoming(CUR + ":1", pub, "a")).status());
        BankClient.Resp dup = c.post("/taler-wire-gateway/myexchange/admin/add-incoming",
                incoming(CUR + ":2", pub.toLowerCase(), "b"));
        assertEquals(409, dup.status());
        assertEquals(5114, dup.code());
        assertEquals(1, bank.store().lastRowId());
    }

    @Test
    void currencyMismatchIs409() throws Exception {
        BankClient.Resp r = c.post("/taler-wire-gateway/myexchange/admin/add-incoming",
                incoming("EUR:1", random(32), "a"));
        assertEquals(409, r.status());
        assertEquals(30, r.code());
        BankClient.Resp t = c.post("/taler-wire-gateway/myexchange/transfer",
                transfer(random(64), "EUR:1", random(32), "m"));
        assertEquals(409, t.status());
        assertEquals(0, bank.store().lastRowId());
    }

    @Test
    void malformedInputIs400JsonWithCode() throws Exception {
        String p = "/taler-wire-gateway/myexchange/admin/add-incoming";
        assertEquals(22, expect400(c.post(p, "{not json")));
        assertEquals(22, expect400(c.post(p, "")));
        assertEquals(22, expect400(c.post(p, "[1,2]")));
        assertEquals(22, expect400(c.post(p, incoming("TESTKUDOS:x", random(32), "a"))));
        assertEquals(22, expect400(c.post(p, incoming(CUR + ":1", random(31), "a"))));
        assertEquals(22, expect400(c.post(p, incoming(CUR + ":1", "!!!", "a"))));
        ObjectNode badPayto = incoming(CUR + ":1", random(32), "a");
        badPayto.put("debit_account", "payto://iban/DE89370400440532013000");
        BankClient.Resp r = c.post(p, badPayto);
        assertEquals(22, expect400(r));
        assertEquals("debit_account", r.json().get("field").asText());
        ObjectNode noAmount = incoming(CUR + ":1", random(32), "a");
        noAmount.remove("amount");
        assertEquals(22, expect400(c.post(p, noAmount)));
        ObjectNode badUid = transfer("short", CUR + ":1", random(32), "m");
        assertEquals(22, expect400(c.post("/taler-wire-gateway/myexchange/transfer", badUid)));
        assertEquals(0, bank.store().lastRowId());
    }

    @Test
    void malformedInputIsDescribedInTheClientsTerms() throws Exception {
        String p = "/taler-wire-gateway/myexchange/admin/add-incoming";
        String amount = expect400Detail(c.post(p, incoming("TESTKUDOS:x", random(32), "a")));
        assertTrue(amount.contains("CURRENCY:VALUE.FRACTION"), amount);
        String dup = expect400Detail(c.post(p, "{\"amount\":\"" + CUR + ":1\",\n\"amount\":\"" + CUR + ":2\"}"));
        assertTrue(dup.contains("duplicate key \"amount\"") && dup.contains("line 2"), dup);
        String[] broken = {"{not json", "{\"amount\":NaN}", "{\"amount\":\"" + CUR + ":1\"} {}", "[".repeat(100)};
        for (String b : broken) {
            String d = expect400Detail(c.post(p, b));
            for (String internal : List.of("`", "Feature", "jackson", "Exception", "Constraints", "Source")) {
                assertFalse(d.contains(internal), b + " -> " + d);
            }
        }
        assertEquals(0, bank.store().lastRowId());
    }

    private static String expect400Detail(BankClient.Resp r) {
        assertEquals(22, expect400(r));
        return r.json().get("detail").asText();
    }

    private static long expect400(BankClient.Resp r) {
        assertEquals(400, r.status(), r.text());
        return r.code();
    }

    @Test
    void routingRootUnknownPathsAndMethods() throws Exception {
        BankClient.Resp root = c.get("/");
        assertEquals(200, root.status());
        assertEquals("Hello, Fakebank!", root.text());
        for (String path : List.of("/nope", "/taler-bank-access/nope", "/taler-wire-gateway/x/nope",
                "/taler-bank-integration/withdrawal-operation", "/taler-wire-gateway")) {
            BankClient.Resp r = c.get(path);
            assertEquals(404, r.status(), path);
            assertEquals(21, r.code(), path);
        }
        BankClient.Resp wrong = c.get("/taler-wire-gateway/myexchange/transfer");
        assertEquals(405, wrong.status());
        assertEquals(20, wrong.code());
    }

    @Test
    void accountFirstPathsServeTheWireGatewayWithoutPrefix() throws Exception {
        // the wallet's WithdrawFakebank path: /<exchange account>/admin/add-incoming
        c.post("/taler-bank-access/testing/register", "{\"username\":\"myexchange\",\"password\":\"x\"}");
        BankClient.Resp r = c.post("/myexchange/admin/add-incoming", incoming(CUR + ":3", random(32), "testdebtor"));
        assertEquals(200, r.status(), r.text());
        long row = r.json().get("row_id").asLong();
        JsonNode h = c.get("/myexchange/history/incoming?delta=1").json();
        assertEquals(List.of(row), rows(h, "incoming_transactions"));
        assertEquals(h, c.get("/taler-wire-gateway/myexchange/history/incoming?delta=1").json());
        // the debtor, created implicitly, is reachable the same way
        assertEquals(204, c.get("/testdebtor/history/incoming?delta=1").status());
        assertNotEquals(404, c.get("/testdebtor/history/outgoing?delta=1").status());
    }
}

package net.taler.fakebank;

import static net.taler.fakebank.WireGatewayTest.CUR;
import static net.taler.fakebank.WireGatewayTest.incoming;
import static net.taler.fakebank.WireGatewayTest.random;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.taler.common.amount.Amount;

/** Bank access and bank integration APIs (wire-gateway.md 3.2-3.4). */
class BankAccessTest {
    private Fakebank bank;
    private BankClient c;

    @BeforeEach
    void start() throws Exception {
        bank = Fakebank.start(FakebankSettings.defaults(CUR).withSignupBonus(Amount.parse(CUR + ":100"))
                .withSuggestedExchange("http://localhost:8081/"));
        c = new BankClient(bank.baseUrl());
    }

    @AfterEach
    void stop() {
        bank.close();
    }

    private BankClient.Resp register(String user, String password) throws Exception {
        return c.post("/taler-bank-access/testing/register",
                "{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}");
    }

    private JsonNode balance(String user) throws Exception {
        BankClient.Resp r = c.get("/taler-bank-access/accounts/" + user);
        assertEquals(200, r.status(), r.text());
        return r.json();
    }

    @Test
    void configEndpoints() throws Exception {
        JsonNode i = c.get("/taler-bank-integration/config").json();
        assertEquals("0:0:0", i.get("version").asText());
        assertEquals(CUR, i.get("currency").asText());
        assertEquals("taler-bank-integration", i.get("name").asText());
        JsonNode a = c.get("/taler-bank-access/config").json();
        assertEquals("taler-bank-access", a.get("name").asText());
        assertEquals(CUR, a.get("currency").asText());
        assertEquals(0, c.get("/taler-bank-access/public-accounts").json().get("publicAccounts").size());
    }

    @Test
    void registerGivesBonusOnceAndConflictsOnOtherPassword() throws Exception {
        BankClient.Resp r = register("user1", "pw1");
        assertEquals(204, r.status());
        assertEquals("", r.text());
        JsonNode b = balance("user1");
        assertEquals("payto://x-taler-bank/localhost/user1?receiver-name=user1", b.get("paytoUri").asText());
        assertEquals(CUR + ":100", b.get("balance").get("amount").asText());
        assertEquals("credit", b.get("balance").get("credit_debit_indicator").asText());

        assertEquals(204, register("user1", "pw1").status());
        assertEquals(CUR + ":100", balance("user1").get("balance").get("amount").asText(), "no second bonus");
        BankClient.Resp conflict = register("user1", "other");
        assertEquals(409, conflict.status());
        assertEquals(5118, conflict.code());

        assertEquals(400, c.post("/taler-bank-access/testing/register", "{\"username\":\"a/b\",\"password\":\"x\"}")
                .status());
        assertEquals(400, c.post("/taler-bank-access/testing/register", "{\"username\":\"u\"}").status());
        BankClient.Resp unknown = c.get("/taler-bank-access/accounts/nobody");
        assertEquals(404, unknown.status());
        assertEquals(5106, unknown.code());
    }

    @Test
    void balanceGoesIntoDebitAsInTestBankApi() throws Exception {
        assertEquals(204, register("user1", "pw").status());
        assertEquals(204, register("exchange", "x").status());
        assertEquals(200, c.post("/taler-wire-gateway/exchange/admin/add-incoming",
                incoming(CUR + ":115", random(32), "user1")).status());
        JsonNode b = balance("user1").get("balance");
        assertEquals(CUR + ":15", b.get("amount").asText());
        assertEquals("debit", b.get("credit_debit_indicator").asText());
        assertEquals(CUR + ":215", balance("exchange").get("balance").get("amount").asText());
    }

    private String createWithdrawal(String user, String amount) throws Exception {
        BankClient.Resp r = c.post("/taler-bank-access/accounts/" + user + "/withdrawals",
                "{\"amount\":\"" + amount + "\"}");
        assertEquals(200, r.status(), r.text());
        String id = r.json().get("withdrawal_id").asText();
        assertEquals(52, id.length());
        assertEquals("taler+http://withdraw/localhost:" + bank.port() + "/taler-bank-integration/" + id,
                r.json().get("taler_withdraw_uri").asText());
        return id;
    }

    private static String select(String reservePub, String exchangePayto) {
        ObjectNode o = BankClient.M.createObjectNode();
        o.put("reserve_pub", reservePub);
        o.put("selected_exchange", exchangePayto);
        return o.toString();
    }

    @Test
    void withdrawalFlowEndsInAnIncomingCreditAndWakesTheLongPoll() throws Exception {
        assertEquals(204, register("myexchange", "x").status());
        assertEquals(204, register("user-a", "pw-a").status());
        String id = createWithdrawal("user-a", CUR + ":5");
        String op = "/taler-bank-integration/withdrawal-operation/" + id;

        JsonNode s = c.get(op).json();
        assertFalse(s.get("selection_done").asBoolean());
        assertFalse(s.get("transfer_done").asBoolean());
        assertFalse(s.get("aborted").asBoolean());
        assertEquals(CUR + ":5", s.get("amount").asText());
        assertEquals("http://localhost:8081/", s.get("suggested_exchange").asText());
        assertEquals("x-taler-bank", s.get("wire_types").get(0).asText());

        BankClient.Resp early = c.post("/taler-bank-access/accounts/user-a/withdrawals/" + id + "/confirm", "{}");
        assertEquals(400, early.status());
        assertEquals(5119, early.code());

        String reserve = random(32);
        String exchangePayto = "payto://x-taler-bank/localhost/myexchange";
        BankClient.Resp sel = c.post(op, select(reserve, exchangePayto));
        assertEquals(200, sel.status(), sel.text());
        assertFalse(sel.json().get("transfer_done").asBoolean());
        assertEquals(200, c.post(op, select(reserve, exchangePayto)).status(), "same selection again is fine");
        BankClient.Resp other = c.post(op, select(random(32), exchangePayto));
        assertEquals(409, other.status());
        assertEquals(5113, other.code());

        JsonNode access = c.get("/taler-bank-access/accounts/user-a/withdrawals/" + id).json();
        assertTrue(access.get("selection_done").asBoolean());
        assertEquals(reserve, access.get("selected_reserve_pub").asText());
        assertEquals(exchangePayto, access.get("selected_exchange_account").asText());

        long t0 = System.nanoTime();
        CompletableFuture<BankClient.Resp> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return c.get(op + "?long_poll_ms=20000");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(300);
        assertFalse(poll.isDone(), "the long poll must wait for the confirmation");
        BankClient.Resp confirm = c.post("/taler-bank-access/accounts/user-a/withdrawals/" + id + "/confirm", "{}");
        assertEquals(200, confirm.status(), confirm.text());
        BankClient.Resp woke = poll.get();
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5000, "woke after " + ms + " ms");
        assertTrue(woke.json().get("transfer_done").asBoolean());

        JsonNode in = c.get("/taler-wire-gateway/myexchange/history/incoming?delta=10").json()
                .get("incoming_transactions");
        assertEquals(1, in.size());
        assertEquals(reserve, in.get(0).get("reserve_pub").asText());
        assertEquals(CUR + ":5", in.get(0).get("amount").asText());
        assertEquals(bank.paytoUri("user-a"), in.get(0).get("debit_account").asText());
        assertEquals(CUR + ":95", balance("user-a").get("balance").get("amount").asText());

        BankClient.Resp abort = c.post("/taler-bank-access/accounts/user-a/withdrawals/" + id + "/abort", "{}");
        assertEquals(409, abort.status());
        assertEquals(5116, abort.code());
        // the same reserve cannot be credited twice
        BankClient.Resp dup = c.post("/taler-wire-gateway/myexchange/admin/add-incoming",
                incoming(CUR + ":1", reserve, "x"));
        assertEquals(5114, dup.code());
    }

    @Test
    void abortWakesTheLongPollAndBlocksConfirmation() throws Exception {
        assertEquals(204, register("myexchange", "x").status());
        assertEquals(204, register("u", "p").status());
        String id = createWithdrawal("u", CUR + ":1");
        String op = "/taler-bank-integration/withdrawal-operation/" + id;
        assertEquals(200, c.post(op, select(random(32), "payto://x-taler-bank/localhost/myexchange")).status());
        CompletableFuture<BankClient.Resp> poll = CompletableFuture.supplyAsync(() -> {
            try {
                return c.get(op + "?long_poll_ms=20000");
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200);
        assertEquals(200, c.post("/taler-bank-access/accounts/u/withdrawals/" + id + "/abort", "{}").status());
        assertTrue(poll.get().json().get("aborted").asBoolean());
        BankClient.Resp confirm = c.post("/taler-bank-access/accounts/u/withdrawals/" + id + "/confirm", "{}");
        assertEquals(409, confirm.status());
        assertEquals(5117, confirm.code());
        assertEquals(0, bank.store().lastRowId());
    }

    @Test
    void withdrawalErrors() throws Exception {
        assertEquals(204, register("u", "p").status());
        assertEquals(204, register("v", "p").status());
        String id = createWithdrawal("u", CUR + ":1");
        String op = "/taler-bank-integration/withdrawal-operation/";
        BankClient.Resp unknown = c.get(op + random(32));
        assertEquals(404, unknown.status());
        assertEquals(5107, unknown.code());
        // exchange account must exist
        BankClient.Resp noExchange = c.post(op + id, select(random(32), "payto://x-taler-bank/localhost/nobody"));
        assertEquals(404, noExchange.status());
        assertEquals(5106, noExchange.code());
        assertEquals(400, c.post(op + id, select(random(32), "http://example.com/")).status());
        // someone else's operation
        assertEquals(404, c.get("/taler-bank-access/accounts/v/withdrawals/" + id).status());
        assertEquals(404, c.post("/taler-bank-access/accounts/v/withdrawals/" + id + "/confirm", "{}").status());
        assertEquals(404, c.post("/taler-bank-access/accounts/nobody/withdrawals", "{\"amount\":\"" + CUR + ":1\"}")
                .status());
        // a long poll on an unconfirmed operation ends with its state after the timeout
        long t0 = System.nanoTime();
        BankClient.Resp timedOut = c.get(op + id + "?long_poll_ms=500");
        assertEquals(200, timedOut.status());
        assertFalse(timedOut.json().get("transfer_done").asBoolean());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 400);
        assertEquals(List.of(), List.copyOf(bank.store().transactions()));
    }
}

package net.taler.fakebank;

import static net.taler.fakebank.WireGatewayTest.CUR;
import static net.taler.fakebank.WireGatewayTest.incoming;
import static net.taler.fakebank.WireGatewayTest.random;
import static net.taler.fakebank.WireGatewayTest.transfer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.taler.common.amount.Amount;
import net.taler.common.error.TalerErrorCode;

/**
 * Every money-moving request is all or nothing: a transfer the balances cannot take (beyond the
 * largest amount, 2^52) is refused with a 409 and leaves no row, no balance change, no remembered
 * request_uid and no implicitly created account.
 */
class BookkeepingTest {
    private static final String MAX = CUR + ":" + Amount.MAX_VALUE;

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

    private String balance(String account) throws Exception {
        BankClient.Resp r = c.get("/taler-bank-access/accounts/" + account);
        assertEquals(200, r.status(), r.text());
        JsonNode b = r.json().get("balance");
        return b.get("credit_debit_indicator").asText() + " " + b.get("amount").asText();
    }

    private int rows(String account, String direction) throws Exception {
        BankClient.Resp r = c.get("/taler-wire-gateway/" + account + "/history/" + direction + "?delta=100");
        if (r.status() == 204) {
            return 0;
        }
        assertEquals(200, r.status(), r.text());
        return r.json().get(direction + "_transactions").size();
    }

    private BankClient.Resp addIncoming(String exchange, String amount, String debtor) throws Exception {
        return c.post("/taler-wire-gateway/" + exchange + "/admin/add-incoming", incoming(amount, random(32), debtor));
    }

    private static void assertRefused(BankClient.Resp r, TalerErrorCode code) {
        assertEquals(409, r.status(), r.text());
        assertEquals(code.code(), r.code(), r.text());
        assertFalse(r.json().path("detail").asText().isEmpty(), r.text());
    }

    @Test
    void addIncomingBeyondTheDebtorsLimitLeavesNoTrace() throws Exception {
        assertEquals(200, addIncoming("exchange", CUR + ":1", "debtor").status());
        BankClient.Resp r = addIncoming("exchange", MAX, "debtor");
        assertRefused(r, TalerErrorCode.BANK_UNALLOWED_DEBIT);
        // wirewatch must not see a credit the bank refused
        assertEquals(1, rows("exchange", "incoming"));
        assertEquals("debit " + CUR + ":1", balance("debtor"));
        assertEquals("credit " + CUR + ":1", balance("exchange"));
    }

    @Test
    void addIncomingBeyondTheCreditorsLimitCreatesNoAccount() throws Exception {
        assertEquals(200, addIncoming("exchange", MAX, "whale").status());
        BankClient.Resp r = addIncoming("exchange", CUR + ":1", "newcomer");
        assertRefused(r, TalerErrorCode.BANK_NUMBER_TOO_BIG);
        assertEquals(1, rows("exchange", "incoming"));
        assertEquals("credit " + MAX, balance("exchange"));
        assertEquals(404, c.get("/taler-bank-access/accounts/newcomer").status(), "refused: no account created");
    }

    @Test
    void refusedTransferIsNotRememberedUnderItsRequestUid() throws Exception {
        String uid = random(64);
        String wtid = random(32);
        assertEquals(200, c.post("/taler-wire-gateway/exchange/transfer",
                transfer(random(64), CUR + ":1", random(32), "merchant")).status());
        assertRefused(c.post("/taler-wire-gateway/exchange/transfer", transfer(uid, MAX, wtid, "merchant")),
                TalerErrorCode.BANK_UNALLOWED_DEBIT);
        // a retry is refused again, not answered 200 with a row nobody booked
        assertRefused(c.post("/taler-wire-gateway/exchange/transfer", transfer(uid, MAX, wtid, "merchant")),
                TalerErrorCode.BANK_UNALLOWED_DEBIT);
        assertEquals(1, rows("exchange", "outgoing"));
        assertEquals("debit " + CUR + ":1", balance("exchange"));
        assertEquals("credit " + CUR + ":1", balance("merchant"));
        // the uid is free: a transfer the bank can book under it succeeds
        assertEquals(200, c.post("/taler-wire-gateway/exchange/transfer", transfer(uid, CUR + ":2", wtid, "merchant"))
                .status());
        assertEquals(2, rows("exchange", "outgoing"));
    }

    @Test
    void refusedWithdrawalConfirmationLeavesTheOperationOpen() throws Exception {
        assertEquals(204, c.post("/taler-bank-access/testing/register",
                "{\"username\":\"myexchange\",\"password\":\"x\"}").status());
        assertEquals(204, c.post("/taler-bank-access/testing/register",
                "{\"username\":\"user\",\"password\":\"pw\"}").status());
        assertEquals(200, addIncoming("myexchange", CUR + ":1", "user").status());
        BankClient.Resp w = c.post("/taler-bank-access/accounts/user/withdrawals", "{\"amount\":\"" + MAX + "\"}");
        assertEquals(200, w.status(), w.text());
        String id = w.json().get("withdrawal_id").asText();
        BankClient.Resp sel = c.post("/taler-bank-integration/withdrawal-operation/" + id,
                "{\"reserve_pub\":\"" + random(32)
                        + "\",\"selected_exchange\":\"payto://x-taler-bank/localhost/myexchange\"}");
        assertEquals(200, sel.status(), sel.text());

        assertRefused(c.post("/taler-bank-access/accounts/user/withdrawals/" + id + "/confirm", "{}"),
                TalerErrorCode.BANK_UNALLOWED_DEBIT);
        JsonNode op = c.get("/taler-bank-access/accounts/user/withdrawals/" + id).json();
        assertFalse(op.get("transfer_done").asBoolean());
        assertEquals(1, rows("myexchange", "incoming"));
        assertEquals("debit " + CUR + ":1", balance("user"));
        assertEquals("credit " + CUR + ":1", balance("myexchange"));
        // the operation can still be aborted, as it was never confirmed
        assertEquals(200, c.post("/taler-bank-access/accounts/user/withdrawals/" + id + "/abort", "{}").status());
    }
}

package net.taler.fakebank;

import java.util.function.IntSupplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.amount.Amount;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.json.TalerJson;

/** The bank access API subset under {@code /taler-bank-access/} (wire-gateway.md 3.3). No authentication. */
final class AccessApi {
    private static final ObjectMapper M = TalerJson.mapper();
    /** Longest accepted password (it is only compared, never hashed). */
    private static final int MAX_PASSWORD_LENGTH = 1024;

    private final BankStore store;
    private final String hostname;
    private final IntSupplier port;

    /** {@code port}: the listening port, known only after binding (used in withdraw URIs). */
    AccessApi(BankStore store, String hostname, IntSupplier port) {
        this.store = store;
        this.hostname = hostname;
        this.port = port;
    }

    PathRouter routes() {
        return new PathRouter()
                .add(HttpMethod.GET, "config", (r, p) -> config())
                .add(HttpMethod.GET, "public-accounts", (r, p) -> publicAccounts())
                .add(HttpMethod.POST, "testing/register", (r, p) -> register(r))
                .add(HttpMethod.GET, "accounts/{}", (r, p) -> account(p.get(0)))
                .add(HttpMethod.POST, "accounts/{}/withdrawals", (r, p) -> createWithdrawal(r, p.get(0)))
                .add(HttpMethod.GET, "accounts/{}/withdrawals/{}", (r, p) -> withdrawal(p.get(0), p.get(1)))
                .add(HttpMethod.POST, "accounts/{}/withdrawals/{}/confirm", (r, p) -> confirm(r, p.get(0), p.get(1)))
                .add(HttpMethod.POST, "accounts/{}/withdrawals/{}/abort", (r, p) -> abort(r, p.get(0), p.get(1)));
    }

    private Reply config() {
        ObjectNode o = M.createObjectNode();
        o.put("version", "0:0:0");
        o.put("currency", store.currency());
        o.put("name", "taler-bank-access");
        return Reply.json(200, o);
    }

    private static Reply publicAccounts() {
        ObjectNode o = M.createObjectNode();
        o.set("publicAccounts", M.createArrayNode());
        return Reply.json(200, o);
    }

    private Reply register(Request req) {
        JsonFields f = new JsonFields(req.jsonBody(), null);
        String user = f.string("username");
        String password = f.string("password");
        if (!Accounts.validName(user)) {
            throw JsonFields.invalid("username", "1 to " + Accounts.MAX_NAME_LENGTH
                    + " characters without spaces, '/', '?', '#', '%' or '\\' expected");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw JsonFields.invalid("password", "too long");
        }
        if (store.register(user, password) == BankStore.RegisterResult.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.BANK_REGISTER_CONFLICT,
                    "account " + user + " exists with another password");
        }
        return Reply.noContent();
    }

    private Reply account(String name) {
        Balance b = store.balance(name).orElseThrow(() -> BankStore.unknownAccount(name));
        ObjectNode o = M.createObjectNode();
        o.put("paytoUri", Accounts.payto(hostname, name));
        ObjectNode bal = o.putObject("balance");
        bal.put("amount", b.amount().toString());
        bal.put("credit_debit_indicator", b.indicator());
        return Reply.json(200, o);
    }

    private Reply createWithdrawal(Request req, String account) {
        JsonFields f = new JsonFields(req.jsonBody(), null);
        Amount amount = f.amount("amount");
        Withdrawal w = store.createWithdrawal(account, amount);
        ObjectNode o = M.createObjectNode();
        o.put("withdrawal_id", w.id());
        o.put("taler_withdraw_uri",
                "taler+http://withdraw/" + hostname + ":" + port.getAsInt() + "/taler-bank-integration/" + w.id());
        return Reply.json(200, o);
    }

    /** The operation, which must belong to {@code account} (else 404 as if unknown). */
    private Withdrawal owned(String account, String id) {
        Withdrawal w = store.withdrawal(id).orElse(null);
        if (w == null || !w.account().equals(account)) {
            throw new TalerErrorException(TalerErrorCode.BANK_TRANSACTION_NOT_FOUND,
                    "no withdrawal operation " + id + " for account " + account);
        }
        return w;
    }

    private Reply withdrawal(String account, String id) {
        Withdrawal w = owned(account, id);
        ObjectNode o = M.createObjectNode();
        o.put("aborted", w.aborted());
        o.put("selection_done", w.selectionDone());
        o.put("transfer_done", w.transferDone());
        o.put("selected_exchange_account", w.selectedExchangeAccount());
        o.put("selected_reserve_pub", w.selectedReservePub());
        o.put("amount", w.amount().toString());
        return Reply.json(200, o);
    }

    private Reply confirm(Request req, String account, String id) {
        jsonOrEmpty(req);
        owned(account, id);
        store.confirmWithdrawal(id);
        return Reply.json(200, M.createObjectNode());
    }

    private Reply abort(Request req, String account, String id) {
        jsonOrEmpty(req);
        owned(account, id);
        store.abortWithdrawal(id);
        return Reply.json(200, M.createObjectNode());
    }

    /** Confirm/abort carry an empty JSON object; tolerate an empty body too, but not garbage. */
    private static void jsonOrEmpty(Request req) {
        if (req.body().length > 0) {
            req.jsonBody();
        }
    }
}

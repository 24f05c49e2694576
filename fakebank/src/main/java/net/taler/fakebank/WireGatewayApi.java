package net.taler.fakebank;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.amount.Amount;
import net.taler.common.encoding.Crockford;
import net.taler.common.json.JsonFields;
import net.taler.http.LongPoll;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.json.TalerJson;

/** The Wire Gateway API of one account (wire-gateway.md 2); the account is the first parameter. */
final class WireGatewayApi {
    private static final ObjectMapper M = TalerJson.mapper();

    private final BankStore store;
    private final String hostname;
    private final LongPoll<String> poller;

    WireGatewayApi(BankStore store, String hostname, LongPoll<String> poller) {
        this.store = store;
        this.hostname = hostname;
        this.poller = poller;
    }

    /** Long-poll key of an account's incoming or outgoing history. */
    static String key(BankTransaction.Kind kind, String account) {
        return (kind == BankTransaction.Kind.INCOMING ? "in:" : "out:") + account;
    }

    PathRouter routes() {
        return new PathRouter()
                .add(HttpMethod.GET, "{}/config", (r, p) -> config())
                .add(HttpMethod.POST, "{}/transfer", (r, p) -> transfer(r, account(p)))
                .add(HttpMethod.GET, "{}/history/incoming",
                        (r, p) -> history(r, account(p), BankTransaction.Kind.INCOMING))
                .add(HttpMethod.GET, "{}/history/outgoing",
                        (r, p) -> history(r, account(p), BankTransaction.Kind.OUTGOING))
                .add(HttpMethod.POST, "{}/admin/add-incoming", (r, p) -> addIncoming(r, account(p)));
    }

    private static String account(List<String> params) {
        String name = params.get(0);
        if (!Accounts.validName(name)) {
            throw BankStore.unknownAccount(name);
        }
        return name;
    }

    private Reply config() {
        ObjectNode o = M.createObjectNode();
        o.put("name", "taler-wire-gateway");
        o.put("version", "0:0:0");
        o.put("currency", store.currency());
        return Reply.json(200, o);
    }

    private Reply transfer(Request req, String account) {
        JsonFields f = new JsonFields(req.jsonBody(), null);
        String uid = Crockford.encode(f.base32("request_uid", s -> Crockford.decodeFixed(s, 64)));
        Amount amount = f.amount("amount");
        String baseUrl = f.string("exchange_base_url");
        if (baseUrl.length() > 1024) {
            throw JsonFields.invalid("exchange_base_url", "too long");
        }
        String wtid = Crockford.encode(f.base32("wtid", s -> Crockford.decodeFixed(s, 32)));
        String credit = Accounts.fromPayto(f.string("credit_account"), "credit_account");
        BankTransaction tx = store.transfer(account, credit, amount, uid, wtid, baseUrl);
        return rowReply(tx);
    }

    private Reply addIncoming(Request req, String account) {
        JsonFields f = new JsonFields(req.jsonBody(), null);
        Amount amount = f.amount("amount");
        String reservePub = Crockford.encode(f.base32("reserve_pub", s -> Crockford.decodeFixed(s, 32)));
        String debit = Accounts.fromPayto(f.string("debit_account"), "debit_account");
        BankTransaction tx = store.addIncoming(debit, account, amount, reservePub);
        return rowReply(tx);
    }

    private static Reply rowReply(BankTransaction tx) {
        ObjectNode o = M.createObjectNode();
        o.put("row_id", tx.rowId());
        o.set("timestamp", M.valueToTree(tx.date()));
        return Reply.json(200, o);
    }

    private Reply history(Request req, String account, BankTransaction.Kind kind) {
        HistoryQuery q = HistoryQuery.parse(req);
        // The account must exist before anyone waits for it (404 at once).
        List<BankTransaction> first = store.history(account, kind, q.delta(), q.start());
        if (!first.isEmpty() || q.delta() < 0) {
            return historyReply(kind, first);
        }
        return poller.poll(key(kind, account), q.longPoll(), () -> {
            List<BankTransaction> l = store.history(account, kind, q.delta(), q.start());
            return l.isEmpty() ? null : historyReply(kind, l);
        }, Reply::noContent);
    }

    private Reply historyReply(BankTransaction.Kind kind, List<BankTransaction> txs) {
        if (txs.isEmpty()) {
            return Reply.noContent();
        }
        ArrayNode a = M.createArrayNode();
        for (BankTransaction tx : txs) {
            ObjectNode o = a.addObject();
            o.put("row_id", tx.rowId());
            o.set("date", M.valueToTree(tx.date()));
            o.put("amount", tx.amount().toString());
            o.put("debit_account", Accounts.payto(hostname, tx.debitAccount()));
            o.put("credit_account", Accounts.payto(hostname, tx.creditAccount()));
            if (kind == BankTransaction.Kind.INCOMING) {
                o.put("reserve_pub", tx.reservePub());
            } else {
                o.put("exchange_base_url", tx.exchangeBaseUrl());
                o.put("wtid", tx.wtid());
            }
        }
        ObjectNode root = M.createObjectNode();
        root.set(kind == BankTransaction.Kind.INCOMING ? "incoming_transactions" : "outgoing_transactions", a);
        return Reply.json(200, root);
    }
}

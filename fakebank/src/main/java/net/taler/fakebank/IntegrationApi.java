package net.taler.fakebank;

import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;
import net.taler.http.LongPoll;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.json.TalerJson;

/** The bank integration API for wallets, under {@code /taler-bank-integration/} (wire-gateway.md 3.2). */
final class IntegrationApi {
    private static final ObjectMapper M = TalerJson.mapper();

    private final BankStore store;
    private final FakebankSettings settings;
    private final LongPoll<String> poller;

    IntegrationApi(BankStore store, FakebankSettings settings, LongPoll<String> poller) {
        this.store = store;
        this.settings = settings;
        this.poller = poller;
    }

    /** Long-poll key of a withdrawal operation. */
    static String key(String withdrawalId) {
        return "wd:" + withdrawalId;
    }

    PathRouter routes() {
        return new PathRouter()
                .add(HttpMethod.GET, "config", (r, p) -> config())
                .add(HttpMethod.GET, "withdrawal-operation/{}", (r, p) -> status(r, p.get(0)))
                .add(HttpMethod.POST, "withdrawal-operation/{}", (r, p) -> select(r, p.get(0)));
    }

    private Reply config() {
        ObjectNode o = M.createObjectNode();
        o.put("version", "0:0:0");
        o.put("currency", store.currency());
        o.put("name", "taler-bank-integration");
        return Reply.json(200, o);
    }

    private Reply status(Request req, String id) {
        long lp = req.queryParam("long_poll_ms").map(s -> HistoryQuery.unsigned("long_poll_ms", s)).orElse(0L);
        Withdrawal w = find(id);
        if (lp == 0 || w.transferDone() || w.aborted()) {
            return Reply.json(200, statusJson(w));
        }
        return poller.poll(key(id), Duration.ofMillis(lp), () -> {
            Withdrawal now = find(id);
            return now.transferDone() || now.aborted() ? Reply.json(200, statusJson(now)) : null;
        }, () -> Reply.json(200, statusJson(find(id))));
    }

    private Withdrawal find(String id) {
        return store.withdrawal(id).orElseThrow(() -> new TalerErrorException(
                TalerErrorCode.BANK_TRANSACTION_NOT_FOUND, "unknown withdrawal operation " + id));
    }

    private ObjectNode statusJson(Withdrawal w) {
        ObjectNode o = M.createObjectNode();
        o.put("aborted", w.aborted());
        o.put("selection_done", w.selectionDone());
        o.put("transfer_done", w.transferDone());
        if (settings.suggestedExchange() != null) {
            o.put("suggested_exchange", settings.suggestedExchange());
        }
        o.put("amount", w.amount().toString());
        o.put("sender_wire", Accounts.payto(settings.hostname(), w.account()));
        o.set("wire_types", M.createArrayNode().add("x-taler-bank"));
        return o;
    }

    private Reply select(Request req, String id) {
        JsonFields f = new JsonFields(req.jsonBody(), null);
        String reservePub = Crockford.encode(f.base32("reserve_pub", s -> Crockford.decodeFixed(s, 32)));
        String payto = f.string("selected_exchange");
        String exchange = Accounts.fromPayto(payto, "selected_exchange");
        Withdrawal w = store.selectWithdrawal(id, reservePub, exchange, payto);
        ObjectNode o = M.createObjectNode();
        o.put("transfer_done", w.transferDone());
        return Reply.json(200, o);
    }
}

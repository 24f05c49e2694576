package net.taler.httpd.reserve;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.LongPoll;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.json.TalerJson;
import net.taler.db.reserve.ReserveRepository;

/**
 * {@code GET /reserves/$RESERVE_PUB[?timeout_ms=N]} (exchange-api.md 3.1): the balance, or 404
 * (1250). With a timeout an unknown reserve's request is parked, without a thread, until
 * wirewatch's credit NOTIFY wakes it or the timeout passes.
 */
public final class ReserveStatusEndpoint {
    private static final ObjectMapper M = TalerJson.mapper();

    private final ReserveRepository reserves;
    private final LongPoll<EddsaPublicKey> longPoll;

    /**
     * @param recheck     where woken requests query the database again (a bounded pool: the
     *                    callback of a wake-up must not block the notification thread)
     * @param longPollMax {@code [exchange] LONG_POLL_MAX}: a longer {@code timeout_ms} is clamped to it
     */
    public ReserveStatusEndpoint(ReserveRepository reserves, ReserveWatcher watcher, Executor recheck,
            Duration longPollMax) {
        this.reserves = reserves;
        this.longPoll = new LongPoll<>(watcher::await, recheck, longPollMax);
    }

    public Reply handle(Request r) {
        EddsaPublicKey pub = reservePub(r);
        Duration timeout = Duration.ofMillis(timeoutMs(r));
        return longPoll.poll(pub, timeout, () -> lookup(pub).orElse(null), ReserveStatusEndpoint::unknown);
    }

    private Optional<Reply> lookup(EddsaPublicKey pub) {
        return reserves.get(pub).map(res -> {
            ObjectNode o = M.createObjectNode();
            o.set("balance", M.valueToTree(res.balance()));
            return Reply.json(200, o);
        });
    }

    private static Reply unknown() {
        return Reply.error(TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN, null);
    }

    /** The reserve public key of the path; 400 (27) if malformed. */
    public static EddsaPublicKey reservePub(Request r) {
        try {
            return EddsaPublicKey.fromBase32(r.arg(0));
        } catch (RuntimeException e) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED, "reserve_pub");
        }
    }

    private static long timeoutMs(Request r) {
        Optional<String> t = r.queryParam("timeout_ms");
        if (t.isEmpty()) {
            return 0;
        }
        try {
            long v = Long.parseLong(t.get());
            if (v < 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, "timeout_ms");
        }
    }
}

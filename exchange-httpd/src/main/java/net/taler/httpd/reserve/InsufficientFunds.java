package net.taler.httpd.reserve;

import com.fasterxml.jackson.databind.ObjectMapper;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;
import net.taler.db.history.HistoryRepository;

/**
 * The refusal of a withdrawal beyond the reserve's balance (exchange-api.md 3.2): 409
 * {@code EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS} with the balance, the requested amount and the
 * reserve's history, so the wallet can check the exchange's arithmetic itself.
 */
public final class InsufficientFunds {
    private static final ObjectMapper M = TalerJson.mapper();

    private final HistoryRepository history;
    private final ReserveHistoryJson historyJson;

    public InsufficientFunds(HistoryRepository history, ReserveHistoryJson historyJson) {
        this.history = history;
        this.historyJson = historyJson;
    }

    /** The error to throw; reads the reserve's history (one database read). */
    public TalerErrorException refusal(EddsaPublicKey reservePub, Amount balance, Amount requested) {
        var events = history.reserveHistory(reservePub);
        return new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS, null)
                .withField("balance", M.valueToTree(balance))
                .withField("requested_amount", M.valueToTree(requested))
                .withField("history", historyJson.build(reservePub, events));
    }
}

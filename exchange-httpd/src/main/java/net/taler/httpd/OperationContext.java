package net.taler.httpd;

import java.time.Clock;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.time.Timestamp;
import net.taler.db.history.HistoryRepository;
import net.taler.db.reserve.ReserveRepository;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.sign.OnlineSigner;

/**
 * What the wallet-facing endpoints share: settings, key state, online signer, repositories and
 * the (possibly shifted, {@code -T}) clock. Built once in {@link ExchangeServer}.
 */
public record OperationContext(ExchangeSettings settings, KeyStateService keys, OnlineSigner signer,
        ReserveRepository reserves, HistoryRepository history, Clock clock) {

    /** Now, rounded to whole seconds like every timestamp the protocol carries. */
    public Timestamp now() {
        return Timestamp.now(clock).roundedToSeconds();
    }

    /** The current key state; 500 {@code EXCHANGE_GENERIC_KEYS_MISSING} without one (exchange-api.md 4.11). */
    public KeyState keyState() {
        KeyState ks = keys.current();
        if (ks == null) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING, "no key state yet")
                    .withHttpStatus(500);
        }
        return ks;
    }
}

package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Reserve owner's request for the reserve history.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_HISTORY}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd.
 *
 * @param requestTimestamp time of the request
 * @param historyFee history fee the owner agrees to pay
 */
public record ReserveHistoryRequest(
        Timestamp requestTimestamp,
        Amount historyFee) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_HISTORY}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_HISTORY;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 40;

    public ReserveHistoryRequest {
        Objects.requireNonNull(requestTimestamp, "requestTimestamp");
        Objects.requireNonNull(historyFee, "historyFee");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(requestTimestamp)
                .amount(historyFee)
                .build();
    }
}

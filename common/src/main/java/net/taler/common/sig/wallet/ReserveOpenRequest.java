package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Reserve owner's request to keep the reserve open longer.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_OPEN}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd.
 *
 * @param reservePayment amount paid from the reserve balance
 * @param requestTimestamp time of the request
 * @param reserveExpiration requested new expiration
 * @param purseLimit requested number of free purses
 */
public record ReserveOpenRequest(
        Amount reservePayment,
        Timestamp requestTimestamp,
        Timestamp reserveExpiration,
        int purseLimit) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_OPEN}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_OPEN;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 52;

    public ReserveOpenRequest {
        Objects.requireNonNull(reservePayment, "reservePayment");
        Objects.requireNonNull(requestTimestamp, "requestTimestamp");
        Objects.requireNonNull(reserveExpiration, "reserveExpiration");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .amount(reservePayment)
                .timestamp(requestTimestamp)
                .timestamp(reserveExpiration)
                .u32(purseLimit)
                .build();
    }
}

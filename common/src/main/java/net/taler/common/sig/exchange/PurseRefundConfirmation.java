package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Exchange's statement that a coin's purse deposit was refunded (coin history
 * PURSE-REFUND).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_PURSE_REFUND}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param pursePub the expired purse
 * @param coinPub the refunded coin
 * @param refundedAmount amount refunded, without the fee
 * @param refundFee refund fee charged
 */
public record PurseRefundConfirmation(
        EddsaPublicKey pursePub,
        EddsaPublicKey coinPub,
        Amount refundedAmount,
        Amount refundFee) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_PURSE_REFUND}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_PURSE_REFUND;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 120;

    public PurseRefundConfirmation {
        Objects.requireNonNull(pursePub, "pursePub");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(refundedAmount, "refundedAmount");
        Objects.requireNonNull(refundFee, "refundFee");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(pursePub)
                .bytes(coinPub)
                .amount(refundedAmount)
                .amount(refundFee)
                .build();
    }
}

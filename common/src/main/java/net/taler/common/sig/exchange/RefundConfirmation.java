package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Exchange's confirmation of a refund.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_REFUND}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client (merchant).
 *
 * @param hContractTerms contract hash
 * @param coinPub the refunded coin
 * @param merchantPub the merchant
 * @param rtransactionId merchant's refund transaction id
 * @param refundAmount refunded amount
 */
public record RefundConfirmation(
        HashCode hContractTerms,
        EddsaPublicKey coinPub,
        EddsaPublicKey merchantPub,
        long rtransactionId,
        Amount refundAmount) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_REFUND}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_REFUND;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 168;

    public RefundConfirmation {
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(merchantPub, "merchantPub");
        Objects.requireNonNull(refundAmount, "refundAmount");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .bytes(coinPub)
                .bytes(merchantPub)
                .u64(rtransactionId)
                .amount(refundAmount)
                .build();
    }
}

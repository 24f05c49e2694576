package net.taler.common.sig.merchant;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Merchant's request to refund (part of) a coin's deposit.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MERCHANT_REFUND}), {@value #SIZE} bytes.
 * Signed by: merchant key.
 * Verified by: httpd.
 *
 * @param hContractTerms contract hash
 * @param coinPub the coin to refund
 * @param rtransactionId merchant's refund transaction id
 * @param refundAmount amount to refund
 */
public record RefundRequest(
        HashCode hContractTerms,
        EddsaPublicKey coinPub,
        long rtransactionId,
        Amount refundAmount) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MERCHANT_REFUND}). */
    public static final int PURPOSE = Purposes.MERCHANT_REFUND;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 136;

    public RefundRequest {
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(refundAmount, "refundAmount");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .bytes(coinPub)
                .u64(rtransactionId)
                .amount(refundAmount)
                .build();
    }
}

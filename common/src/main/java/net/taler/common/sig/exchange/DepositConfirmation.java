package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's confirmation of a deposit (deposit / batch-deposit reply; the merchant
 * forwards it to the auditor).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_DEPOSIT}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client (merchant), auditor.
 *
 * @param hContractTerms contract hash
 * @param hWire salted merchant wire hash
 * @param hPolicy policy hash, {@link HashCode#ZERO} if none
 * @param exchangeTimestamp when the exchange accepted the deposit
 * @param wireDeadline wire transfer deadline
 * @param refundDeadline refund deadline
 * @param amountWithoutFee deposited amount minus the deposit fee
 * @param coinPub the deposited coin
 * @param merchantPub the merchant
 */
public record DepositConfirmation(
        HashCode hContractTerms,
        HashCode hWire,
        HashCode hPolicy,
        Timestamp exchangeTimestamp,
        Timestamp wireDeadline,
        Timestamp refundDeadline,
        Amount amountWithoutFee,
        EddsaPublicKey coinPub,
        EddsaPublicKey merchantPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_DEPOSIT}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_DEPOSIT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 312;

    public DepositConfirmation {
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(hWire, "hWire");
        Objects.requireNonNull(hPolicy, "hPolicy");
        Objects.requireNonNull(exchangeTimestamp, "exchangeTimestamp");
        Objects.requireNonNull(wireDeadline, "wireDeadline");
        Objects.requireNonNull(refundDeadline, "refundDeadline");
        Objects.requireNonNull(amountWithoutFee, "amountWithoutFee");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(merchantPub, "merchantPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .bytes(hWire)
                .bytes(hPolicy)
                .timestamp(exchangeTimestamp)
                .timestamp(wireDeadline)
                .timestamp(refundDeadline)
                .amount(amountWithoutFee)
                .bytes(coinPub)
                .bytes(merchantPub)
                .build();
    }
}

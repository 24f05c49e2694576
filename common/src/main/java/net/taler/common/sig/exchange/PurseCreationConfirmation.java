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
 * Exchange's confirmation of a purse creation or purse deposit.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_PURSE_CREATION}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param exchangeTime when the exchange handled the request
 * @param purseExpiration purse expiration
 * @param amountWithoutFee purse value (target amount without fees)
 * @param totalDeposited total deposited into the purse so far
 * @param pursePub the purse
 * @param hContractTerms contract hash
 */
public record PurseCreationConfirmation(
        Timestamp exchangeTime,
        Timestamp purseExpiration,
        Amount amountWithoutFee,
        Amount totalDeposited,
        EddsaPublicKey pursePub,
        HashCode hContractTerms) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_PURSE_CREATION}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_PURSE_CREATION;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 168;

    public PurseCreationConfirmation {
        Objects.requireNonNull(exchangeTime, "exchangeTime");
        Objects.requireNonNull(purseExpiration, "purseExpiration");
        Objects.requireNonNull(amountWithoutFee, "amountWithoutFee");
        Objects.requireNonNull(totalDeposited, "totalDeposited");
        Objects.requireNonNull(pursePub, "pursePub");
        Objects.requireNonNull(hContractTerms, "hContractTerms");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(exchangeTime)
                .timestamp(purseExpiration)
                .amount(amountWithoutFee)
                .amount(totalDeposited)
                .bytes(pursePub)
                .bytes(hContractTerms)
                .build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's confirmation of a purse merge. The provider URL is the exchange's own
 * configured base URL, byte-identical to what clients use (pitfall 6).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_PURSE_MERGED}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param exchangeTime when the merge happened
 * @param purseExpiration purse expiration
 * @param amountWithoutFee purse value
 * @param pursePub the purse
 * @param reservePub the reserve that received the purse
 * @param hContractTerms contract hash
 * @param hProviderUrl SHA-512 of the exchange base URL including its NUL
 */
public record PurseMergedConfirmation(
        Timestamp exchangeTime,
        Timestamp purseExpiration,
        Amount amountWithoutFee,
        EddsaPublicKey pursePub,
        EddsaPublicKey reservePub,
        HashCode hContractTerms,
        HashCode hProviderUrl) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_PURSE_MERGED}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_PURSE_MERGED;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 240;

    public PurseMergedConfirmation {
        Objects.requireNonNull(exchangeTime, "exchangeTime");
        Objects.requireNonNull(purseExpiration, "purseExpiration");
        Objects.requireNonNull(amountWithoutFee, "amountWithoutFee");
        Objects.requireNonNull(pursePub, "pursePub");
        Objects.requireNonNull(reservePub, "reservePub");
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(hProviderUrl, "hProviderUrl");
    }

    /** Hashes the exchange base URL (with NUL). */
    public static PurseMergedConfirmation of(Timestamp exchangeTime, Timestamp purseExpiration,
            Amount amountWithoutFee, EddsaPublicKey pursePub, EddsaPublicKey reservePub, HashCode hContractTerms,
            String exchangeBaseUrl) {
        return new PurseMergedConfirmation(exchangeTime, purseExpiration, amountWithoutFee, pursePub, reservePub,
                hContractTerms, Hashes.hashString(exchangeBaseUrl));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(exchangeTime)
                .timestamp(purseExpiration)
                .amount(amountWithoutFee)
                .bytes(pursePub)
                .bytes(reservePub)
                .bytes(hContractTerms)
                .bytes(hProviderUrl)
                .build();
    }
}

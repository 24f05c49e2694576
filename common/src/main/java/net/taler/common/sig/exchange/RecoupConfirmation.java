package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's confirmation of a recoup into a reserve (reserve history RECOUP entries).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_RECOUP}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param timestamp when the recoup happened
 * @param recoupAmount amount credited to the reserve
 * @param coinPub the recouped coin
 * @param reservePub the credited reserve
 */
public record RecoupConfirmation(
        Timestamp timestamp,
        Amount recoupAmount,
        EddsaPublicKey coinPub,
        EddsaPublicKey reservePub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_RECOUP}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_RECOUP;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 104;

    public RecoupConfirmation {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(recoupAmount, "recoupAmount");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(reservePub, "reservePub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(timestamp)
                .amount(recoupAmount)
                .bytes(coinPub)
                .bytes(reservePub)
                .build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's confirmation of a recoup of a refreshed coin into its old coin.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_RECOUP_REFRESH}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param timestamp when the recoup happened
 * @param recoupAmount amount credited to the old coin
 * @param coinPub the recouped (fresh) coin
 * @param oldCoinPub the old (melted) coin
 */
public record RecoupRefreshConfirmation(
        Timestamp timestamp,
        Amount recoupAmount,
        EddsaPublicKey coinPub,
        EddsaPublicKey oldCoinPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_RECOUP_REFRESH}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_RECOUP_REFRESH;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 104;

    public RecoupRefreshConfirmation {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(recoupAmount, "recoupAmount");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(oldCoinPub, "oldCoinPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(timestamp)
                .amount(recoupAmount)
                .bytes(coinPub)
                .bytes(oldCoinPub)
                .build();
    }
}

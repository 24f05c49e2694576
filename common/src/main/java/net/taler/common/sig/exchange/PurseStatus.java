package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's statement of a purse's status ({@code GET /purses/PURSE_PUB/merge|deposit}).
 * {@code mergeTimestamp} is {@link Timestamp#NEVER} while the purse is not merged (and
 * {@code depositTimestamp} likewise while nothing was deposited); this is the one place
 * where "never" is signed, which is fine because the wallet does not verify it (only the C
 * client does).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_PURSE_STATUS}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param mergeTimestamp when the purse was merged, or {@link Timestamp#NEVER}
 * @param depositTimestamp when the purse was fully paid, or {@link Timestamp#NEVER}
 * @param balance amount deposited so far
 */
public record PurseStatus(
        Timestamp mergeTimestamp,
        Timestamp depositTimestamp,
        Amount balance) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_PURSE_STATUS}). */
    public static final int PURPOSE = Purposes.EXCHANGE_PURSE_STATUS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 48;

    public PurseStatus {
        Objects.requireNonNull(mergeTimestamp, "mergeTimestamp");
        Objects.requireNonNull(depositTimestamp, "depositTimestamp");
        Objects.requireNonNull(balance, "balance");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(mergeTimestamp)
                .timestamp(depositTimestamp)
                .amount(balance)
                .build();
    }
}

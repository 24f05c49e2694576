package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Master key's signature over the global fees of one period ({@code /keys}
 * {@code global_fees[].master_sig}). Note the order: purse timeout before history
 * expiration; fees history, account, purse; then the purse account limit.
 *
 * <p><b>Wallet compatibility:</b> the Dec 2022 wallet verifies this signature and cannot
 * decode the symbolic {@code "never"}/{@code "forever"} (it throws), so none of the times
 * may be {@link Timestamp#NEVER} or {@link RelativeTime#FOREVER} when this is published;
 * check with {@link #walletCompatible()} before signing (crypto.md 1.5, pitfall 7).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_GLOBAL_FEES}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, wallet, C client.
 *
 * @param startDate first day the fees apply
 * @param endDate end of the period (exclusive)
 * @param purseTimeout how long an unmerged purse may live
 * @param historyExpiration how long reserve histories are kept
 * @param historyFee fee for a reserve history request
 * @param accountFee fee for opening an account (KYC)
 * @param purseFee fee for a purse not covered by the purse quota
 * @param purseAccountLimit number of free purses per account
 */
public record GlobalFees(
        Timestamp startDate,
        Timestamp endDate,
        RelativeTime purseTimeout,
        RelativeTime historyExpiration,
        Amount historyFee,
        Amount accountFee,
        Amount purseFee,
        int purseAccountLimit) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_GLOBAL_FEES}). */
    public static final int PURPOSE = Purposes.MASTER_GLOBAL_FEES;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 116;

    public GlobalFees {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(purseTimeout, "purseTimeout");
        Objects.requireNonNull(historyExpiration, "historyExpiration");
        Objects.requireNonNull(historyFee, "historyFee");
        Objects.requireNonNull(accountFee, "accountFee");
        Objects.requireNonNull(purseFee, "purseFee");
    }

    /** True if no time is "never"/"forever", i.e. the wallet can verify this signature. */
    public boolean walletCompatible() {
        return !startDate.isNever()
                && !endDate.isNever()
                && !purseTimeout.isForever()
                && !historyExpiration.isForever();
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(startDate)
                .timestamp(endDate)
                .relativeTime(purseTimeout)
                .relativeTime(historyExpiration)
                .amount(historyFee)
                .amount(accountFee)
                .amount(purseFee)
                .u32(purseAccountLimit)
                .build();
    }
}

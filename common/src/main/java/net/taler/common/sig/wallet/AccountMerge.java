package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Reserve owner's agreement to merge a purse into the reserve, or to create a purse from
 * the reserve ({@code flags}, see the {@code FLAG_*} constants; 0 is invalid).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_ACCOUNT_MERGE}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd.
 *
 * @param purseExpiration purse expiration
 * @param purseAmount purse value
 * @param purseFee purse fee paid by the reserve (zero unless flags = 3)
 * @param hContractTerms contract hash
 * @param pursePub the purse
 * @param mergeTimestamp time of the merge
 * @param minAge minimum age (the Dec 2022 wallet always signs 0)
 * @param flags merge mode, one of the {@code FLAG_*} constants
 */
public record AccountMerge(
        Timestamp purseExpiration,
        Amount purseAmount,
        Amount purseFee,
        HashCode hContractTerms,
        EddsaPublicKey pursePub,
        Timestamp mergeTimestamp,
        int minAge,
        int flags) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_ACCOUNT_MERGE}). */
    public static final int PURPOSE = Purposes.WALLET_ACCOUNT_MERGE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 176;

    public AccountMerge {
        Objects.requireNonNull(purseExpiration, "purseExpiration");
        Objects.requireNonNull(purseAmount, "purseAmount");
        Objects.requireNonNull(purseFee, "purseFee");
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(pursePub, "pursePub");
        Objects.requireNonNull(mergeTimestamp, "mergeTimestamp");
    }

    /** Merge a fully paid purse ({@code TALER_WAMF_MODE_MERGE_FULLY_PAID_PURSE}). */
    public static final int FLAG_MERGE_FULLY_PAID_PURSE = 1;
    /** Create a purse from the reserve's purse quota ({@code TALER_WAMF_MODE_CREATE_FROM_PURSE_QUOTA}). */
    public static final int FLAG_CREATE_FROM_PURSE_QUOTA = 2;
    /** Create a purse paying the purse fee ({@code TALER_WAMF_MODE_CREATE_WITH_PURSE_FEE}). */
    public static final int FLAG_CREATE_WITH_PURSE_FEE = 3;

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(purseExpiration)
                .amount(purseAmount)
                .amount(purseFee)
                .bytes(hContractTerms)
                .bytes(pursePub)
                .timestamp(mergeTimestamp)
                .u32(minAge)
                .u32(flags)
                .build();
    }
}

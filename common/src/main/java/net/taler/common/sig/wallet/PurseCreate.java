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
 * Purse key's signature on a purse creation ({@code POST /purses/PURSE_PUB/create}, and
 * for reserve-funded purses in {@code POST /reserves/RESERVE_PUB/purse}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_PURSE_CREATE}), {@value #SIZE} bytes.
 * Signed by: purse key.
 * Verified by: httpd.
 *
 * @param purseExpiration when the purse expires
 * @param purseAmount purse value (target amount without fees)
 * @param hContractTerms contract hash
 * @param mergePub the merge key
 * @param minAge minimum age required for deposits (the Dec 2022 wallet signs 0 for reserve-funded purses)
 */
public record PurseCreate(
        Timestamp purseExpiration,
        Amount purseAmount,
        HashCode hContractTerms,
        EddsaPublicKey mergePub,
        int minAge) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_PURSE_CREATE}). */
    public static final int PURPOSE = Purposes.WALLET_PURSE_CREATE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 140;

    public PurseCreate {
        Objects.requireNonNull(purseExpiration, "purseExpiration");
        Objects.requireNonNull(purseAmount, "purseAmount");
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(mergePub, "mergePub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(purseExpiration)
                .amount(purseAmount)
                .bytes(hContractTerms)
                .bytes(mergePub)
                .u32(minAge)
                .build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's statement that a deposit was (or will be) wired in a given transfer
 * ({@code GET /deposits/...}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_WIRE}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client (merchant).
 *
 * @param hWire salted merchant wire hash
 * @param hContractTerms contract hash
 * @param wtid identifier of the wire transfer
 * @param coinPub the deposited coin
 * @param executionTime execution date of the transfer
 * @param coinContribution the coin's contribution to the transfer (after fees)
 */
public record WireConfirmation(
        HashCode hWire,
        HashCode hContractTerms,
        WireTransferId wtid,
        EddsaPublicKey coinPub,
        Timestamp executionTime,
        Amount coinContribution) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_WIRE}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_WIRE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 232;

    public WireConfirmation {
        Objects.requireNonNull(hWire, "hWire");
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(wtid, "wtid");
        Objects.requireNonNull(coinPub, "coinPub");
        Objects.requireNonNull(executionTime, "executionTime");
        Objects.requireNonNull(coinContribution, "coinContribution");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hWire)
                .bytes(hContractTerms)
                .bytes(wtid)
                .bytes(coinPub)
                .timestamp(executionTime)
                .amount(coinContribution)
                .build();
    }
}

package net.taler.common.sig.wallet;

import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Purse owner's status request: the bare header without fields. Defined in Dec 2022 but
 * not checked by the exchange.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_PURSE_STATUS}), {@value #SIZE} bytes.
 * Signed by: purse key.
 * Verified by: nobody in Dec 2022.
 *
 * (no fields: the block is the bare header)
 */
public record PurseStatusRequest() implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_PURSE_STATUS}). */
    public static final int PURPOSE = Purposes.WALLET_PURSE_STATUS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 8;

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE).build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Exchange's confirmation of a melt, fixing the no-reveal index.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_MELT}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param rc refresh commitment
 * @param norevealIndex the cut-and-choose index the client keeps secret (0..2)
 */
public record MeltConfirmation(
        HashCode rc,
        int norevealIndex) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_MELT}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_MELT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 76;

    public MeltConfirmation {
        Objects.requireNonNull(rc, "rc");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(rc)
                .u32(norevealIndex)
                .build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's affirmation that it does not know a denomination (error replies).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_AFFIRM_DENOM_UNKNOWN}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param timestamp when the request was handled
 * @param hDenomPub the unknown denomination hash
 */
public record DenominationUnknown(
        Timestamp timestamp,
        HashCode hDenomPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_AFFIRM_DENOM_UNKNOWN}). */
    public static final int PURPOSE = Purposes.EXCHANGE_AFFIRM_DENOM_UNKNOWN;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 80;

    public DenominationUnknown {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(timestamp)
                .bytes(hDenomPub)
                .build();
    }
}

package net.taler.common.sig.secmod;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * EdDSA security module's signature over an announced online signing key (AVAIL message;
 * republished as {@code signkey_secmod_sig} in {@code /management/keys}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_SM_SIGNING_KEY}), {@value #SIZE} bytes.
 * Signed by: EdDSA secmod's SM key.
 * Verified by: httpd, offline tool.
 *
 * @param exchangePub the online signing key
 * @param anchorTime start of the key's validity
 * @param duration length of its signing period
 */
public record SigningKeyAnnouncement(
        EddsaPublicKey exchangePub,
        Timestamp anchorTime,
        RelativeTime duration) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_SM_SIGNING_KEY}). */
    public static final int PURPOSE = Purposes.SM_SIGNING_KEY;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 56;

    public SigningKeyAnnouncement {
        Objects.requireNonNull(exchangePub, "exchangePub");
        Objects.requireNonNull(anchorTime, "anchorTime");
        Objects.requireNonNull(duration, "duration");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(exchangePub)
                .timestamp(anchorTime)
                .relativeTime(duration)
                .build();
    }
}

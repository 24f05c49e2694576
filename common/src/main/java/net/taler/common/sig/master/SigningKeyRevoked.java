package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Master key's revocation of an online signing key.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_SIGNING_KEY_REVOKED}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, auditor.
 *
 * @param exchangePub the revoked online signing key
 */
public record SigningKeyRevoked(
        EddsaPublicKey exchangePub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_SIGNING_KEY_REVOKED}). */
    public static final int PURPOSE = Purposes.MASTER_SIGNING_KEY_REVOKED;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 40;

    public SigningKeyRevoked {
        Objects.requireNonNull(exchangePub, "exchangePub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(exchangePub)
                .build();
    }
}

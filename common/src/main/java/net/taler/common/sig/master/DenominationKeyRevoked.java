package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Master key's revocation of a denomination (enables recoup).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_DENOMINATION_KEY_REVOKED}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload and before recoup, auditor.
 *
 * @param hDenomPub Taler denomination hash of the revoked denomination
 */
public record DenominationKeyRevoked(
        HashCode hDenomPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_DENOMINATION_KEY_REVOKED}). */
    public static final int PURPOSE = Purposes.MASTER_DENOMINATION_KEY_REVOKED;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 72;

    public DenominationKeyRevoked {
        Objects.requireNonNull(hDenomPub, "hDenomPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hDenomPub)
                .build();
    }
}

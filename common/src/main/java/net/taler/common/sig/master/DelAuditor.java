package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's deactivation of an auditor.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_DEL_AUDITOR}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload.
 *
 * @param endDate when the auditor stops being active
 * @param auditorPub the auditor's public key
 */
public record DelAuditor(
        Timestamp endDate,
        EddsaPublicKey auditorPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_DEL_AUDITOR}). */
    public static final int PURPOSE = Purposes.MASTER_DEL_AUDITOR;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 48;

    public DelAuditor {
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(auditorPub, "auditorPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(endDate)
                .bytes(auditorPub)
                .build();
    }
}

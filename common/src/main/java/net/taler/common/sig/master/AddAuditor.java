package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's activation of an auditor.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_ADD_AUDITOR}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload.
 *
 * @param startDate when the auditor becomes active
 * @param auditorPub the auditor's public key
 * @param hAuditorUrl SHA-512 of the auditor base URL including its NUL
 */
public record AddAuditor(
        Timestamp startDate,
        EddsaPublicKey auditorPub,
        HashCode hAuditorUrl) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_ADD_AUDITOR}). */
    public static final int PURPOSE = Purposes.MASTER_ADD_AUDITOR;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 112;

    public AddAuditor {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(auditorPub, "auditorPub");
        Objects.requireNonNull(hAuditorUrl, "hAuditorUrl");
    }

    /** Hashes the auditor base URL (with NUL). */
    public static AddAuditor of(Timestamp startDate, EddsaPublicKey auditorPub, String auditorUrl) {
        return new AddAuditor(startDate, auditorPub, Hashes.hashString(auditorUrl));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(startDate)
                .bytes(auditorPub)
                .bytes(hAuditorUrl)
                .build();
    }
}

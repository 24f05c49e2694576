package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Wallet's signature on a backup upload to a sync service (not exchange protocol; here
 * for the Java test wallet).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_SYNC_BACKUP_UPLOAD}), {@value #SIZE} bytes.
 * Signed by: the wallet's sync account key.
 * Verified by: sync service.
 *
 * @param oldHash hash of the previous backup, {@link HashCode#ZERO} if none
 * @param newHash hash of the new backup
 */
public record SyncBackupUpload(
        HashCode oldHash,
        HashCode newHash) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_SYNC_BACKUP_UPLOAD}). */
    public static final int PURPOSE = Purposes.SYNC_BACKUP_UPLOAD;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 136;

    public SyncBackupUpload {
        Objects.requireNonNull(oldHash, "oldHash");
        Objects.requireNonNull(newHash, "newHash");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(oldHash)
                .bytes(newHash)
                .build();
    }
}

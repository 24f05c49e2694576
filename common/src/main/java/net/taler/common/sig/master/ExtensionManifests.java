package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Master key's signature over the extension manifests.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_EXTENSION}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload.
 *
 * @param hManifest salted manifests hash (crypto.md 2.4, {@code "taler-extensions-manifests"})
 */
public record ExtensionManifests(
        HashCode hManifest) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_EXTENSION}). */
    public static final int PURPOSE = Purposes.MASTER_EXTENSION;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 72;

    public ExtensionManifests {
        Objects.requireNonNull(hManifest, "hManifest");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hManifest)
                .build();
    }
}

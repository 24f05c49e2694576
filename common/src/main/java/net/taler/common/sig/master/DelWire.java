package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's deactivation of an exchange bank account ({@code disable-account}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_DEL_WIRE}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload.
 *
 * @param endDate end of the account's validity
 * @param hPayto {@code h_payto} of the account's payto URI
 */
public record DelWire(
        Timestamp endDate,
        ShortHash hPayto) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_DEL_WIRE}). */
    public static final int PURPOSE = Purposes.MASTER_DEL_WIRE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 48;

    public DelWire {
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(hPayto, "hPayto");
    }

    /** Hashes the payto URI (crypto.md 2.5.1). */
    public static DelWire forPayto(Timestamp endDate, String paytoUri) {
        return new DelWire(endDate, Hashes.hPayto(paytoUri));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(endDate)
                .bytes(hPayto)
                .build();
    }
}

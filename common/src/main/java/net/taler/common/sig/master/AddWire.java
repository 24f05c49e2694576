package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's activation of an exchange bank account ({@code enable-account},
 * {@code master_sig_add}). The same account also gets a {@link WireDetails} signature.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_ADD_WIRE}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload.
 *
 * @param startDate validity start of the account
 * @param hPayto {@code h_payto} of the account's payto URI
 */
public record AddWire(
        Timestamp startDate,
        ShortHash hPayto) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_ADD_WIRE}). */
    public static final int PURPOSE = Purposes.MASTER_ADD_WIRE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 48;

    public AddWire {
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(hPayto, "hPayto");
    }

    /** Hashes the payto URI (crypto.md 2.5.1, with NUL, no normalisation). */
    public static AddWire forPayto(Timestamp startDate, String paytoUri) {
        return new AddWire(startDate, Hashes.hPayto(paytoUri));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(startDate)
                .bytes(hPayto)
                .build();
    }
}

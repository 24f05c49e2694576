package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Master key's signature on an exchange bank account as published in {@code /wire}
 * {@code accounts[].master_sig} ({@code master_sig_wire}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_WIRE_DETAILS}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, wallet, C client.
 *
 * @param hPayto {@code h_payto} of the account's payto URI
 */
public record WireDetails(
        ShortHash hPayto) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_WIRE_DETAILS}). */
    public static final int PURPOSE = Purposes.MASTER_WIRE_DETAILS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 40;

    public WireDetails {
        Objects.requireNonNull(hPayto, "hPayto");
    }

    /** Hashes the payto URI (crypto.md 2.5.1). */
    public static WireDetails forPayto(String paytoUri) {
        return new WireDetails(Hashes.hPayto(paytoUri));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hPayto)
                .build();
    }
}

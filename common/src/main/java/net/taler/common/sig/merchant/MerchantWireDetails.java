package net.taler.common.sig.merchant;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Merchant's signature over its salted wire hash (registered, unused in Dec 2022).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MERCHANT_WIRE_DETAILS}), {@value #SIZE} bytes.
 * Signed by: merchant key.
 * Verified by: nobody in Dec 2022.
 *
 * @param hWire salted merchant wire hash
 */
public record MerchantWireDetails(
        HashCode hWire) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MERCHANT_WIRE_DETAILS}). */
    public static final int PURPOSE = Purposes.MERCHANT_WIRE_DETAILS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 72;

    public MerchantWireDetails {
        Objects.requireNonNull(hWire, "hWire");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hWire)
                .build();
    }
}

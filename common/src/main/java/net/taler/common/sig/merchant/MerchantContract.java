package net.taler.common.sig.merchant;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Merchant's signature on contract terms.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MERCHANT_CONTRACT}), {@value #SIZE} bytes.
 * Signed by: merchant key.
 * Verified by: wallet.
 *
 * @param hContractTerms contract hash
 */
public record MerchantContract(
        HashCode hContractTerms) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MERCHANT_CONTRACT}). */
    public static final int PURPOSE = Purposes.MERCHANT_CONTRACT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 72;

    public MerchantContract {
        Objects.requireNonNull(hContractTerms, "hContractTerms");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Exchange's statement about an aggregated wire transfer ({@code GET /transfers/WTID}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_WIRE_DEPOSIT}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client (merchant).
 *
 * @param total total amount wired
 * @param wireFee wire fee charged
 * @param merchantPub the merchant
 * @param hPayto {@code h_payto} of the merchant's account (unsalted)
 * @param hDetails hash over the per-deposit records (crypto.md 2.5.10)
 */
public record WireDepositConfirmation(
        Amount total,
        Amount wireFee,
        EddsaPublicKey merchantPub,
        ShortHash hPayto,
        HashCode hDetails) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_CONFIRM_WIRE_DEPOSIT}). */
    public static final int PURPOSE = Purposes.EXCHANGE_CONFIRM_WIRE_DEPOSIT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 184;

    public WireDepositConfirmation {
        Objects.requireNonNull(total, "total");
        Objects.requireNonNull(wireFee, "wireFee");
        Objects.requireNonNull(merchantPub, "merchantPub");
        Objects.requireNonNull(hPayto, "hPayto");
        Objects.requireNonNull(hDetails, "hDetails");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .amount(total)
                .amount(wireFee)
                .bytes(merchantPub)
                .bytes(hPayto)
                .bytes(hDetails)
                .build();
    }
}

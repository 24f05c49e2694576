package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Coin's contribution to paying for a reserve-open request.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_OPEN_DEPOSIT}), {@value #SIZE} bytes.
 * Signed by: coin key.
 * Verified by: httpd.
 *
 * @param reserveSig the {@link ReserveOpenRequest} signature being paid for
 * @param coinContribution the coin's contribution
 */
public record ReserveOpenDeposit(
        EddsaSignature reserveSig,
        Amount coinContribution) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_OPEN_DEPOSIT}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_OPEN_DEPOSIT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 96;

    public ReserveOpenDeposit {
        Objects.requireNonNull(reserveSig, "reserveSig");
        Objects.requireNonNull(coinContribution, "coinContribution");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(reserveSig)
                .amount(coinContribution)
                .build();
    }
}

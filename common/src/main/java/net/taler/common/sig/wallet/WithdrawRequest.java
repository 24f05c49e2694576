package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Reserve owner's authorisation of one withdrawal
 * ({@code POST /reserves/RESERVE_PUB/withdraw}, {@code reserve_sig}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_WITHDRAW}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd, auditor.
 *
 * @param amountWithFee denomination value plus withdraw fee
 * @param hDenomPub Taler denomination hash
 * @param hCoinEnvelope blinded planchet hash (crypto.md 2.5.6)
 */
public record WithdrawRequest(
        Amount amountWithFee,
        HashCode hDenomPub,
        HashCode hCoinEnvelope) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_WITHDRAW}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_WITHDRAW;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 160;

    public WithdrawRequest {
        Objects.requireNonNull(amountWithFee, "amountWithFee");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(hCoinEnvelope, "hCoinEnvelope");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .amount(amountWithFee)
                .bytes(hDenomPub)
                .bytes(hCoinEnvelope)
                .build();
    }
}

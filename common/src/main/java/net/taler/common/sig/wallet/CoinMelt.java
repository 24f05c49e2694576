package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Coin's signature on a melt (refresh) request.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_COIN_MELT}), {@value #SIZE} bytes.
 * Signed by: coin key (old coin).
 * Verified by: httpd, auditor.
 *
 * @param rc refresh commitment (crypto.md 2.5.8)
 * @param hDenomPub Taler denomination hash of the melted coin
 * @param hAgeCommitment age commitment hash of the melted coin, {@link ShortHash#ZERO} if none
 * @param amountWithFee melt amount including the melt fee
 * @param meltFee the denomination's refresh fee
 */
public record CoinMelt(
        HashCode rc,
        HashCode hDenomPub,
        ShortHash hAgeCommitment,
        Amount amountWithFee,
        Amount meltFee) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_COIN_MELT}). */
    public static final int PURPOSE = Purposes.WALLET_COIN_MELT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 216;

    public CoinMelt {
        Objects.requireNonNull(rc, "rc");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(hAgeCommitment, "hAgeCommitment");
        Objects.requireNonNull(amountWithFee, "amountWithFee");
        Objects.requireNonNull(meltFee, "meltFee");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(rc)
                .bytes(hDenomPub)
                .bytes(hAgeCommitment)
                .amount(amountWithFee)
                .amount(meltFee)
                .build();
    }
}

package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Coin's request for recoup into its reserve. {@link CoinRecoupRefresh} has the same
 * layout with another purpose.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_COIN_RECOUP}), {@value #SIZE} bytes.
 * Signed by: coin key.
 * Verified by: httpd, auditor.
 *
 * @param hDenomPub Taler denomination hash of the (revoked) denomination
 * @param coinBlind the coin's blinding secret: RSA {@code bks}, or for CS the 32-byte blinding seed
 */
public record CoinRecoup(
        HashCode hDenomPub,
        BlindingKeySecret coinBlind) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_COIN_RECOUP}). */
    public static final int PURPOSE = Purposes.WALLET_COIN_RECOUP;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 104;

    public CoinRecoup {
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(coinBlind, "coinBlind");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hDenomPub)
                .bytes(coinBlind)
                .build();
    }
}

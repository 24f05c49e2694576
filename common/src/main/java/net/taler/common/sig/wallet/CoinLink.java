package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Old coin's link signature over one fresh coin of a refresh ({@code link_sigs} in the
 * reveal request, returned by {@code /coins/COIN_PUB/link}).
 *
 * <p><b>Quirk:</b> the block has an {@code h_age_commitment} field between the transfer
 * key and the envelope hash which neither the wallet nor C ever fill: it is always 32 zero
 * bytes, so it is not a component of this record (crypto.md 3.4.6, pitfall 4).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_COIN_LINK}), {@value #SIZE} bytes.
 * Signed by: coin key (old coin).
 * Verified by: httpd, wallet (link).
 *
 * @param hDenomPub Taler denomination hash of the fresh coin
 * @param transferPub transfer public key of the not-revealed cut-and-choose index
 * @param hCoinEnvelope blinded planchet hash of the fresh coin (crypto.md 2.5.6)
 */
public record CoinLink(
        HashCode hDenomPub,
        EcdhePublicKey transferPub,
        HashCode hCoinEnvelope) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_COIN_LINK}). */
    public static final int PURPOSE = Purposes.WALLET_COIN_LINK;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 200;

    public CoinLink {
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(transferPub, "transferPub");
        Objects.requireNonNull(hCoinEnvelope, "hCoinEnvelope");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hDenomPub)
                .bytes(transferPub)
                .bytes(ShortHash.ZERO)
                .bytes(hCoinEnvelope)
                .build();
    }
}

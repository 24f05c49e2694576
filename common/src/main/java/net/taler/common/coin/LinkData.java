package net.taler.common.coin;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.sig.wallet.CoinLink;

/**
 * One refresh of a coin as {@code GET /coins/$COIN_PUB/link} returns it: the not-revealed
 * transfer public key and the fresh coins. The melted coin's owner recovers the fresh coins
 * with {@link #recover} (crypto.md 7.3 "Link").
 *
 * @param transferPub the {@code transfer_pub} of the refresh
 * @param coins the fresh coins, in the order returned
 */
public record LinkData(EcdhePublicKey transferPub, List<LinkedCoin> coins) {
    public LinkData {
        Objects.requireNonNull(transferPub, "transferPub");
        coins = List.copyOf(Objects.requireNonNull(coins, "coins"));
    }

    /**
     * One fresh coin in the link answer.
     *
     * @param denomination {@code denom_pub}
     * @param blindSignature {@code ev_sig}
     * @param coinIndex {@code coin_idx}, the coin's position in the refresh
     * @param linkSignature {@code link_sig} (purpose 1204 by the melted coin)
     * @param csValues {@code ewv} (R0, R1) for CS, null for RSA
     * @param csNonce {@code cs_nonce} for CS, null for RSA
     */
    public record LinkedCoin(DenominationKey denomination, BlindSignature blindSignature, int coinIndex,
            EddsaSignature linkSignature, CsRPublicPair csValues, CsNonce csNonce) {
        public LinkedCoin {
            Objects.requireNonNull(denomination, "denomination");
            Objects.requireNonNull(blindSignature, "blindSignature");
            Objects.requireNonNull(linkSignature, "linkSignature");
            if (coinIndex < 0) {
                throw new IllegalArgumentException("negative coin index");
            }
        }
    }

    /** Verifies a link signature (purpose 1204) of the melted coin over a fresh coin. */
    public static boolean verifyLinkSignature(EddsaPublicKey meltedCoinPub, EcdhePublicKey transferPub,
            HashCode freshDenomPubHash, HashCode freshEnvelopeHash, EddsaSignature signature) {
        return new CoinLink(freshDenomPubHash, transferPub, freshEnvelopeHash).verify(meltedCoinPub, signature);
    }

    /**
     * Recovers the fresh coins: transfer secret from the old coin's private key and
     * {@code transferPub}, each planchet re-derived from it and its {@code coin_idx} (with
     * the derived age commitment if the old coin has one), the link signature checked, the
     * blind signature unblinded and verified.
     *
     * @param oldAgeCommitmentProof the melted coin's age commitment proof, null if none
     * @throws IllegalArgumentException if the transfer key is unusable, a link signature does
     *     not verify or a denomination signature is invalid
     */
    public List<Coin> recover(EddsaPrivateKey oldCoinPriv, AgeCommitmentProof oldAgeCommitmentProof) {
        Objects.requireNonNull(oldCoinPriv, "oldCoinPriv");
        TransferSecret ts = TransferSecret.derive(oldCoinPriv, transferPub)
                .orElseThrow(() -> new IllegalArgumentException("unusable transfer public key"));
        AgeCommitmentProof freshAcp = oldAgeCommitmentProof == null ? null : oldAgeCommitmentProof.derive(ts);
        EddsaPublicKey oldCoinPub = oldCoinPriv.publicKey();
        List<Coin> out = new ArrayList<>(coins.size());
        for (LinkedCoin lc : coins) {
            DenominationKey d = lc.denomination();
            Planchet p = Planchets.create(d, Planchets.refreshSecrets(ts, lc.coinIndex(), d, lc.csValues()), freshAcp,
                    lc.csValues(), lc.csNonce());
            if (!verifyLinkSignature(oldCoinPub, transferPub, p.denomPubHash(), p.envelopeHash(), lc.linkSignature())) {
                throw new IllegalArgumentException("link signature of fresh coin " + lc.coinIndex() + " is invalid");
            }
            out.add(p.toCoin(lc.blindSignature()));
        }
        return List.copyOf(out);
    }
}

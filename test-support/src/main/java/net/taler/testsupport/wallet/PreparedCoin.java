package net.taler.testsupport.wallet;

import java.util.Objects;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.Coin;
import net.taler.common.coin.Planchet;
import net.taler.common.coin.Planchets;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.CsRPublicPair;

/**
 * A coin ready to be withdrawn: its planchet (secrets, envelope) and the signed request the
 * reserve sends for it. Immutable; turn it into a coin with the exchange's blind signature.
 *
 * @param index coin number within its withdrawal (the {@link Seeds} index)
 * @param denomination what is withdrawn
 * @param planchet the planchet
 * @param request the signed {@code {denom_pub_hash, reserve_sig, coin_ev}}
 */
public record PreparedCoin(int index, Denomination denomination, Planchet planchet, SignedPlanchet request) {
    public PreparedCoin {
        Objects.requireNonNull(denomination, "denomination");
        Objects.requireNonNull(planchet, "planchet");
        Objects.requireNonNull(request, "request");
    }

    /**
     * Builds the planchet from a planchet master secret the way the C client does (coin key and
     * blinding secret derived from it; CS nonce {@code KDF(32; "n"; ps)}) and signs the request
     * for value + withdraw fee with the reserve key.
     *
     * @param csValues the exchange's {@code /csr-withdraw} answer for the nonce of {@code ps}
     *     (CS only; null for RSA)
     * @param ageCommitment null for none (must be non-null exactly for age-restricted
     *     denominations if the exchange is to accept the coin later)
     */
    public static PreparedCoin create(int index, Reserve reserve, Denomination denomination, PlanchetMasterSecret ps,
            CsRPublicPair csValues, AgeCommitmentProof ageCommitment) {
        Planchet p = Planchets.forWithdraw(ps, denomination.key(), csValues, ageCommitment);
        return new PreparedCoin(index, denomination, p,
                SignedPlanchet.sign(p, denomination.withdrawCost(), reserve.priv()));
    }

    /**
     * Unblinds and verifies the exchange's blind signature.
     *
     * @throws WalletException if the cipher does not match or the signature does not verify
     */
    public WithdrawnCoin toCoin(BlindSignature blindSignature) {
        Coin coin;
        try {
            coin = planchet.toCoin(blindSignature);
        } catch (RuntimeException e) {
            // IllegalArgumentException for a bad signature; anything else means a malformed value
            throw new WalletException("coin " + index + " (" + denomination + "): " + e.getMessage(), e);
        }
        return new WithdrawnCoin(denomination, coin, planchet.blindingKeySecret(), planchet.envelopeHash(),
                blindSignature);
    }
}

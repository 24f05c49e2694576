package net.taler.common.coin;

import java.util.Objects;

import net.taler.common.age.AgeCommitment;
import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.age.AgeRestriction;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsBlindingResult;
import net.taler.common.crypto.cs.CsBlindingSecrets;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.rsa.RsaBlinding;

/**
 * Creating planchets (crypto.md 2.4, 2.5.5, 2.5.6, 7). The general entry points take the
 * coin secrets directly; the others first derive them the way the wallet (withdraw seed,
 * tip seed), the C client (planchet master secret) or refresh (transfer secret) does.
 *
 * <p>CS planchets need the exchange's (R0, R1) for the nonce ({@code /csr-withdraw} or
 * {@code /csr-melt}) and the nonce itself; RSA planchets take {@code null} for both.
 */
public final class Planchets {
    private Planchets() {
    }

    /**
     * The message a denomination signs: {@code SHA512(coin_pub)}, or with an age commitment
     * (non-zero hash) {@code SHA512(coin_pub || h_age_commitment)} (crypto.md 2.5.5).
     */
    public static HashCode coinPubHash(EddsaPublicKey coinPub, ShortHash ageCommitmentHash) {
        return RsaBlinding.coinPubHash(coinPub, ageCommitmentHash);
    }

    /**
     * Blinds a coin public key for a denomination, e.g. for the exchange's recoup check (it
     * knows the coin public key and the blinding secret, not the coin private key).
     *
     * @param ageCommitmentHash null or zero for none
     * @param csValues (R0, R1) for CS, ignored for RSA
     * @param csNonce the planchet's nonce for CS, ignored for RSA
     * @throws IllegalArgumentException for invalid keys or missing CS inputs
     */
    public static BlindedPlanchet blind(DenominationKey denomination, EddsaPublicKey coinPub,
            ShortHash ageCommitmentHash, BlindingKeySecret blindingKeySecret, CsRPublicPair csValues, CsNonce csNonce) {
        Objects.requireNonNull(coinPub, "coinPub");
        return blindMessage(denomination, coinPubHash(coinPub, ageCommitmentHash), blindingKeySecret, csValues,
                csNonce).planchet();
    }

    /**
     * A planchet from its secrets, for a wallet that keeps the age commitment proof.
     *
     * @param ageCommitmentProof null for a coin without age commitment
     */
    public static Planchet create(DenominationKey denomination, CoinSecrets secrets,
            AgeCommitmentProof ageCommitmentProof, CsRPublicPair csValues, CsNonce csNonce) {
        ShortHash ach = ageCommitmentProof == null ? ShortHash.ZERO : ageCommitmentProof.hash();
        return build(denomination, secrets, ach, ageCommitmentProof, csValues, csNonce);
    }

    /**
     * A planchet from its secrets when only {@code h_age_commitment} is known (the
     * exchange's refresh recheck).
     *
     * @param ageCommitmentHash null or zero for none
     */
    public static Planchet createWithAgeHash(DenominationKey denomination, CoinSecrets secrets,
            ShortHash ageCommitmentHash, CsRPublicPair csValues, CsNonce csNonce) {
        return build(denomination, secrets, ageCommitmentHash == null ? ShortHash.ZERO : ageCommitmentHash, null,
                csValues, csNonce);
    }

    /**
     * The wallet's withdrawal planchet (wallet-core {@code createPlanchet}): secrets from
     * {@link CoinSecrets#walletWithdrawal}; RSA only, as in the Dec 2022 wallet. The wallet
     * creates a random age commitment ({@link AgeRestriction#commit}) for age-restricted
     * denominations, committing to {@code restrictAge}, or {@link AgeRestriction#AGE_UNRESTRICTED}
     * when that is unset or 0.
     *
     * @param ageCommitmentProof null for none
     */
    public static Planchet forWalletWithdrawal(DenominationKey.Rsa denomination, byte[] withdrawalSeed,
            int coinIndex, AgeCommitmentProof ageCommitmentProof) {
        return create(denomination, CoinSecrets.walletWithdrawal(withdrawalSeed, coinIndex), ageCommitmentProof,
                null, null);
    }

    /**
     * The wallet's tip planchet ({@code createTipPlanchet}): secrets from
     * {@link CoinSecrets#walletTip}; for an age-restricted denomination the commitment is
     * {@link AgeRestriction#commitSeeded} with the tip seed and age 32.
     */
    public static Planchet forTip(DenominationKey.Rsa denomination, byte[] tipSeed, int planchetIndex) {
        AgeCommitmentProof acp = denomination.ageMask().isRestricted()
                ? AgeRestriction.commitSeeded(denomination.ageMask(), AgeRestriction.AGE_UNRESTRICTED, tipSeed)
                : null;
        return create(denomination, CoinSecrets.walletTip(tipSeed, planchetIndex), acp, null, null);
    }

    /**
     * A C-client withdrawal planchet from a planchet master secret: secrets per
     * {@link CoinSecrets#fromPlanchetSecret}, and for CS the nonce {@code KDF(32; "n"; ps)}
     * (crypto.md 7.5), for which {@code csValues} must be the exchange's {@code /csr-withdraw}
     * answer.
     */
    public static Planchet forWithdraw(PlanchetMasterSecret ps, DenominationKey denomination, CsRPublicPair csValues,
            AgeCommitmentProof ageCommitmentProof) {
        Objects.requireNonNull(denomination, "denomination");
        CoinSecrets secrets = CoinSecrets.fromPlanchetSecret(ps, denomination.cipher(), csValues);
        CsNonce nonce = denomination instanceof DenominationKey.Cs ? CsNonce.forWithdraw(ps) : null;
        return create(denomination, secrets, ageCommitmentProof, csValues, nonce);
    }

    /**
     * Fresh coin {@code coinIndex} of cut-and-choose session with transfer secret
     * {@code ts} (crypto.md 7.3 step 2), wallet side: planchet secret
     * {@code KDF(32; u32be(j); ts; "taler-coin-derivation")}, coin secrets from it, and if
     * the melted coin has an age commitment, the derived one (whatever the fresh
     * denomination's mask, as wallet and exchange do).
     *
     * @param oldAgeCommitmentProof the melted coin's proof, null if none
     * @param csValues {@code /csr-melt} (R0, R1) for this coin's nonce (CS only)
     * @param csNonce this coin's refresh nonce (CS only)
     */
    public static Planchet forRefresh(TransferSecret ts, int coinIndex, DenominationKey denomination,
            AgeCommitmentProof oldAgeCommitmentProof, CsRPublicPair csValues, CsNonce csNonce) {
        AgeCommitmentProof fresh = oldAgeCommitmentProof == null ? null : oldAgeCommitmentProof.derive(ts);
        return create(denomination, refreshSecrets(ts, coinIndex, denomination, csValues), fresh, csValues, csNonce);
    }

    /**
     * {@link #forRefresh} as the exchange recomputes it in reveal, from the public
     * {@code old_age_commitment} only.
     *
     * @throws IllegalArgumentException if the old commitment has an invalid key
     */
    public static Planchet forRefreshCheck(TransferSecret ts, int coinIndex, DenominationKey denomination,
            AgeCommitment oldAgeCommitment, CsRPublicPair csValues, CsNonce csNonce) {
        return createWithAgeHash(denomination, refreshSecrets(ts, coinIndex, denomination, csValues),
                derivedAgeHash(oldAgeCommitment, ts), csValues, csNonce);
    }

    /** Coin secrets of fresh coin {@code coinIndex} for the transfer secret {@code ts}. */
    public static CoinSecrets refreshSecrets(TransferSecret ts, int coinIndex, DenominationKey denomination,
            CsRPublicPair csValues) {
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(denomination, "denomination");
        return CoinSecrets.fromPlanchetSecret(ts.planchetSecret(coinIndex), denomination.cipher(), csValues);
    }

    /** Hash of the old commitment derived with {@code ts}; zero if there is none. */
    static ShortHash derivedAgeHash(AgeCommitment old, TransferSecret ts) {
        if (old == null) {
            return ShortHash.ZERO;
        }
        return old.derive(ts).orElseThrow(() -> new IllegalArgumentException("old age commitment has an invalid key"))
                .hash();
    }

    private static Planchet build(DenominationKey denomination, CoinSecrets secrets, ShortHash ach,
            AgeCommitmentProof acp, CsRPublicPair csValues, CsNonce csNonce) {
        Objects.requireNonNull(denomination, "denomination");
        Objects.requireNonNull(secrets, "secrets");
        HashCode hm = coinPubHash(secrets.coinPub(), ach);
        Blinded b = blindMessage(denomination, hm, secrets.blindingKeySecret(), csValues, csNonce);
        boolean cs = denomination instanceof DenominationKey.Cs;
        return new Planchet(denomination, secrets, ach, acp, hm, b.planchet(), cs ? csValues : null,
                b.blindedR());
    }

    private record Blinded(BlindedPlanchet planchet, CsRPublicPair blindedR) {
    }

    private static Blinded blindMessage(DenominationKey denomination, HashCode message, BlindingKeySecret bks,
            CsRPublicPair csValues, CsNonce csNonce) {
        Objects.requireNonNull(denomination, "denomination");
        Objects.requireNonNull(bks, "blindingKeySecret");
        if (denomination instanceof DenominationKey.Rsa rsa) {
            return new Blinded(new BlindedPlanchet.Rsa(RsaBlinding.blind(rsa.key(), message, bks)), null);
        }
        DenominationKey.Cs cs = (DenominationKey.Cs) denomination;
        if (csValues == null || csNonce == null) {
            throw new IllegalArgumentException("CS planchet needs the exchange's R values and a nonce");
        }
        CsBlindingResult r = Cs.blind(cs.key(), csValues, CsBlindingSecrets.derive(bks.bytes()), message, csNonce);
        return new Blinded(new BlindedPlanchet.Cs(r.message()), r.blindedR());
    }
}

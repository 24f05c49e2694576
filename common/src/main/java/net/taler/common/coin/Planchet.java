package net.taler.common.coin;

import java.util.Objects;
import java.util.Optional;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsBlindingSecrets;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.sig.wallet.CoinLink;
import net.taler.common.sig.wallet.WithdrawRequest;

/**
 * A coin before the denomination signature: its secrets, its (optional) age commitment,
 * the blinded envelope sent to the exchange and the hashes derived from them. Made by
 * {@link Planchets}; turned into a {@link Coin} with the exchange's blind signature.
 * Immutable.
 */
public final class Planchet {
    private final DenominationKey denomination;
    private final HashCode denomPubHash;
    private final CoinSecrets secrets;
    private final ShortHash ageCommitmentHash;
    private final AgeCommitmentProof ageCommitmentProof;
    private final HashCode coinPubHash;
    private final BlindedPlanchet blinded;
    private final HashCode envelopeHash;
    private final CsRPublicPair csValues;
    private final CsRPublicPair csBlindedR;

    Planchet(DenominationKey denomination, CoinSecrets secrets, ShortHash ageCommitmentHash,
            AgeCommitmentProof ageCommitmentProof, HashCode coinPubHash, BlindedPlanchet blinded,
            CsRPublicPair csValues, CsRPublicPair csBlindedR) {
        this.denomination = Objects.requireNonNull(denomination, "denomination");
        this.denomPubHash = denomination.hash();
        this.secrets = Objects.requireNonNull(secrets, "secrets");
        this.ageCommitmentHash = Objects.requireNonNull(ageCommitmentHash, "ageCommitmentHash");
        this.ageCommitmentProof = ageCommitmentProof;
        this.coinPubHash = Objects.requireNonNull(coinPubHash, "coinPubHash");
        this.blinded = Objects.requireNonNull(blinded, "blinded");
        this.envelopeHash = blinded.envelopeHash(denomPubHash);
        this.csValues = csValues;
        this.csBlindedR = csBlindedR;
    }

    public DenominationKey denomination() {
        return denomination;
    }

    /** {@code h_denom_pub} of the denomination. */
    public HashCode denomPubHash() {
        return denomPubHash;
    }

    public CoinSecrets secrets() {
        return secrets;
    }

    public EddsaPrivateKey coinPriv() {
        return secrets.coinPriv();
    }

    public EddsaPublicKey coinPub() {
        return secrets.coinPub();
    }

    /** RSA bks or CS blinding seed ({@code coin_blind_key_secret} in recoup). */
    public BlindingKeySecret blindingKeySecret() {
        return secrets.blindingKeySecret();
    }

    /** {@code h_age_commitment}, {@link ShortHash#ZERO} if the coin has no age commitment. */
    public ShortHash ageCommitmentHash() {
        return ageCommitmentHash;
    }

    /** The age commitment with private keys, if the creator had it (wallet side). */
    public Optional<AgeCommitmentProof> ageCommitmentProof() {
        return Optional.ofNullable(ageCommitmentProof);
    }

    /** The message the denomination signs (crypto.md 2.5.5). */
    public HashCode coinPubHash() {
        return coinPubHash;
    }

    /** The envelope ({@code coin_ev}). */
    public BlindedPlanchet blinded() {
        return blinded;
    }

    /** {@code h_coin_envelope} (crypto.md 2.5.6). */
    public HashCode envelopeHash() {
        return envelopeHash;
    }

    /** The exchange's (R0, R1) ({@code ewv}) of a CS planchet. */
    public Optional<CsRPublicPair> csValues() {
        return Optional.ofNullable(csValues);
    }

    /** The CS nonce of a CS planchet. */
    public Optional<CsNonce> csNonce() {
        return blinded instanceof BlindedPlanchet.Cs cs ? Optional.of(cs.message().nonce()) : Optional.empty();
    }

    /** The reserve's signed withdraw request (purpose 1200) for this planchet. */
    public WithdrawRequest withdrawRequest(Amount amountWithFee) {
        return new WithdrawRequest(amountWithFee, denomPubHash, envelopeHash);
    }

    /** The old coin's link signature block (purpose 1204) for this fresh coin of a refresh. */
    public CoinLink linkRequest(EcdhePublicKey transferPub) {
        return new CoinLink(denomPubHash, transferPub, envelopeHash);
    }

    /**
     * Unblinds the exchange's blind signature and checks the result (C
     * {@code TALER_planchet_to_coin}).
     *
     * @throws IllegalArgumentException if the cipher does not match or the unblinded
     *     signature does not verify
     */
    public DenominationSignature unblind(BlindSignature blindSignature) {
        Objects.requireNonNull(blindSignature, "blindSignature");
        DenominationSignature sig;
        if (denomination instanceof DenominationKey.Rsa rsa && blindSignature instanceof BlindSignature.Rsa b) {
            RsaSignature s = RsaBlinding.unblind(rsa.key(), b.signature(), secrets.blindingKeySecret());
            sig = new DenominationSignature.Rsa(s);
        } else if (denomination instanceof DenominationKey.Cs && blindSignature instanceof BlindSignature.Cs b) {
            CsBlindingSecrets bs = CsBlindingSecrets.derive(secrets.blindingKeySecret().bytes());
            sig = new DenominationSignature.Cs(Cs.unblind(b.signature(), bs, csBlindedR));
        } else {
            throw new IllegalArgumentException("blind signature cipher " + blindSignature.cipher()
                    + " does not match denomination cipher " + denomination.cipher());
        }
        if (!sig.verify(denomination, coinPubHash)) {
            throw new IllegalArgumentException("unblinded denomination signature does not verify");
        }
        return sig;
    }

    /** {@link #unblind} and package the result as a spendable coin. */
    public Coin toCoin(BlindSignature blindSignature) {
        return new Coin(denomination, secrets.coinPriv(), unblind(blindSignature), ageCommitmentHash,
                ageCommitmentProof);
    }

    @Override
    public String toString() {
        return "Planchet(" + coinPub() + ", h_denom_pub " + denomPubHash.toBase32().substring(0, 12)
                + "…, h_coin_envelope " + envelopeHash.toBase32().substring(0, 12) + "…)";
    }
}

package net.taler.common.coin;

import java.util.Objects;
import java.util.Optional;

import net.taler.common.age.AgeCommitmentProof;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;

/**
 * A spendable coin: private key, denomination, unblinded denomination signature and age
 * commitment (hash always, zero if none; proof if the holder has it).
 *
 * @param denomination the denomination
 * @param coinPriv the coin private key
 * @param signature the denomination signature over {@link #coinPubHash()}
 * @param ageCommitmentHash {@code h_age_commitment}, {@link ShortHash#ZERO} if none
 * @param ageCommitmentProof the age commitment with private keys, or {@code null}
 */
public record Coin(DenominationKey denomination, EddsaPrivateKey coinPriv, DenominationSignature signature,
        ShortHash ageCommitmentHash, AgeCommitmentProof ageCommitmentProof) {
    public Coin {
        Objects.requireNonNull(denomination, "denomination");
        Objects.requireNonNull(coinPriv, "coinPriv");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(ageCommitmentHash, "ageCommitmentHash");
    }

    public EddsaPublicKey coinPub() {
        return coinPriv.publicKey();
    }

    public Optional<AgeCommitmentProof> ageCommitmentProofIfAny() {
        return Optional.ofNullable(ageCommitmentProof);
    }

    /** The message the denomination signed (crypto.md 2.5.5). */
    public HashCode coinPubHash() {
        return Planchets.coinPubHash(coinPub(), ageCommitmentHash);
    }

    /** What the exchange checks on deposit: the denomination signature. */
    public boolean verify() {
        return signature.verify(denomination, coinPubHash());
    }
}

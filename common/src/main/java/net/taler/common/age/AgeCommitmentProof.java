package net.taler.common.age;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519;
import net.taler.common.crypto.Edx25519PrivateKey;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.sig.wallet.AgeAttestation;

/**
 * An age commitment together with the private keys its owner kept (wallet
 * {@code AgeCommitmentProof}): the private keys of groups 1..g, where g is the age group of
 * the committed age, so the owner can attest any minimum age up to that group and no higher.
 * Held by wallets only; never sent to the exchange.
 *
 * @param commitment the public commitment
 * @param privateKeys the kept private keys, {@code privateKeys.get(i)} belongs to
 *     {@code commitment.publicKeys().get(i)}; at most as many as there are public keys
 */
public record AgeCommitmentProof(AgeCommitment commitment, List<Edx25519PrivateKey> privateKeys) {
    /**
     * @throws IllegalArgumentException if there are more private than public keys
     */
    public AgeCommitmentProof {
        Objects.requireNonNull(commitment, "commitment");
        Objects.requireNonNull(privateKeys, "privateKeys");
        privateKeys = List.copyOf(privateKeys);
        if (privateKeys.size() > commitment.publicKeys().size()) {
            throw new IllegalArgumentException("more private keys (" + privateKeys.size() + ") than public keys ("
                    + commitment.publicKeys().size() + ")");
        }
    }

    /** From Crockford base32 keys, as in the wallet's JSON form. */
    public static AgeCommitmentProof fromBase32(AgeMask mask, List<String> publicKeys, List<String> privateKeys) {
        Objects.requireNonNull(privateKeys, "privateKeys");
        List<Edx25519PrivateKey> privs = new ArrayList<>(privateKeys.size());
        for (String k : privateKeys) {
            privs.add(Edx25519PrivateKey.fromBase32(k));
        }
        return new AgeCommitmentProof(AgeCommitment.fromBase32(mask, publicKeys), privs);
    }

    public AgeMask mask() {
        return commitment.mask();
    }

    /** {@code h_age_commitment} of the public part. */
    public ShortHash hash() {
        return commitment.hash();
    }

    /** The highest age group this proof can attest (= number of private keys). */
    public int attestableGroup() {
        return privateKeys.size();
    }

    /** True if {@link #attest} gives a signature for this minimum age. */
    public boolean canAttest(int minimumAge) {
        return minimumAge >= 0 && minimumAge <= 255 && mask().groupIndex(minimumAge) <= privateKeys.size();
    }

    /**
     * Attests {@code minimumAge} (crypto.md 8.5, wallet {@code commitmentAttest}, C
     * {@code TALER_age_commitment_attest}): group 0 gives 64 zero bytes; otherwise the key of
     * that group signs purpose 1207 {@code (mask, minimumAge)}.
     *
     * @return empty if the committed age is below the group of {@code minimumAge}
     * @throws IllegalArgumentException if {@code minimumAge} is outside 0..255
     */
    public Optional<EddsaSignature> attest(int minimumAge) {
        if (minimumAge < 0 || minimumAge > 255) {
            throw new IllegalArgumentException("minimum age out of range: " + minimumAge);
        }
        int group = mask().groupIndex(minimumAge);
        if (group == 0) {
            return Optional.of(new EddsaSignature(new byte[EddsaSignature.SIZE]));
        }
        if (group > privateKeys.size()) {
            return Optional.empty();
        }
        return Optional.of(new AgeAttestation(mask().bits(), minimumAge).sign(privateKeys.get(group - 1)));
    }

    /**
     * The proof of a fresh coin in refresh (crypto.md 8.4, wallet {@code commitmentDerive}):
     * public and private keys derived with the same salt (the transfer secret), so the
     * result still matches and its public part equals {@link AgeCommitment#derive}.
     *
     * @throws IllegalArgumentException if a public key is not a valid point
     */
    public AgeCommitmentProof derive(TransferSecret transferSecret) {
        Objects.requireNonNull(transferSecret, "transferSecret");
        return derive(transferSecret.bytes());
    }

    /** {@link #derive(TransferSecret)} with an arbitrary salt. */
    public AgeCommitmentProof derive(byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        AgeCommitment derived = commitment.derive(salt)
                .orElseThrow(() -> new IllegalArgumentException("age commitment has an invalid public key"));
        List<Edx25519PrivateKey> privs = new ArrayList<>(privateKeys.size());
        for (Edx25519PrivateKey k : privateKeys) {
            privs.add(Edx25519.derivePrivate(k, salt));
        }
        return new AgeCommitmentProof(derived, privs);
    }

    /**
     * True if every private key belongs to the public key at its position (one scalar
     * multiplication per key, so not done by the constructor).
     */
    public boolean isConsistent() {
        List<Edx25519PublicKey> pubs = commitment.publicKeys();
        for (int i = 0; i < privateKeys.size(); i++) {
            if (!Edx25519.publicKey(privateKeys.get(i)).equals(pubs.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** The private keys as Crockford base32 strings (wallet storage form). */
    public List<String> privateKeysBase32() {
        return privateKeys.stream().map(Edx25519PrivateKey::toBase32).toList();
    }
}

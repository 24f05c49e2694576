package net.taler.common.age;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;
import net.taler.common.sig.wallet.AgeAttestation;

/**
 * The public half of an age commitment: the mask and one Edx25519 public key per age group
 * after group 0 ({@code popcount(mask) - 1} keys, crypto.md 8). This is what the exchange
 * sees (refresh {@code old_age_commitment}, purse deposit {@code age_commitment}) and what
 * it hashes into {@code h_age_commitment}.
 *
 * @param mask the denomination's age mask (never {@link AgeMask#NONE})
 * @param publicKeys the keys in group order, exactly {@code mask.keyCount()} of them
 */
public record AgeCommitment(AgeMask mask, List<Edx25519PublicKey> publicKeys) {
    /**
     * @throws IllegalArgumentException if the mask is {@link AgeMask#NONE} or the number of
     *     keys does not match the mask
     */
    public AgeCommitment {
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(publicKeys, "publicKeys");
        if (!mask.isRestricted()) {
            throw new IllegalArgumentException("an age commitment needs a non-zero age mask");
        }
        publicKeys = List.copyOf(publicKeys);
        if (publicKeys.size() != mask.keyCount()) {
            throw new IllegalArgumentException("age mask " + Integer.toUnsignedString(mask.bits()) + " needs "
                    + mask.keyCount() + " public keys, got " + publicKeys.size());
        }
    }

    /** From the Crockford base32 keys as sent in JSON ({@code old_age_commitment}, {@code age_commitment}). */
    public static AgeCommitment fromBase32(AgeMask mask, List<String> publicKeys) {
        Objects.requireNonNull(publicKeys, "publicKeys");
        List<Edx25519PublicKey> keys = new ArrayList<>(publicKeys.size());
        for (String k : publicKeys) {
            keys.add(Edx25519PublicKey.fromBase32(k));
        }
        return new AgeCommitment(mask, keys);
    }

    /** The keys as Crockford base32 strings, in order (JSON form). */
    public List<String> publicKeysBase32() {
        return publicKeys.stream().map(Edx25519PublicKey::toBase32).toList();
    }

    /**
     * {@code h_age_commitment} (crypto.md 2.5.7): the first 32 bytes of SHA-512 over the
     * concatenated public keys.
     */
    public ShortHash hash() {
        Hashes.HashContext ctx = Hashes.sha512Context();
        for (Edx25519PublicKey k : publicKeys) {
            ctx.update(k);
        }
        return ctx.finish().truncate();
    }

    /** The hash of an optional commitment: {@link ShortHash#ZERO} for {@code null}. */
    public static ShortHash hashOrZero(AgeCommitment commitment) {
        return commitment == null ? ShortHash.ZERO : commitment.hash();
    }

    /**
     * The commitment of a fresh coin in refresh (crypto.md 8.4): every key derived with
     * {@code Edx25519} public derivation, the mask kept. What the exchange recomputes from
     * {@code old_age_commitment} and the transfer secret during reveal.
     *
     * @return empty if one of the keys is not a valid prime-order point
     */
    public Optional<AgeCommitment> derive(TransferSecret transferSecret) {
        Objects.requireNonNull(transferSecret, "transferSecret");
        return derive(transferSecret.bytes());
    }

    /** {@link #derive(TransferSecret)} with an arbitrary salt (the wallet treats it as opaque bytes). */
    public Optional<AgeCommitment> derive(byte[] salt) {
        Objects.requireNonNull(salt, "salt");
        List<Edx25519PublicKey> out = new ArrayList<>(publicKeys.size());
        for (Edx25519PublicKey k : publicKeys) {
            Optional<Edx25519PublicKey> d = Edx25519.derivePublic(k, salt);
            if (d.isEmpty()) {
                return Optional.empty();
            }
            out.add(d.get());
        }
        return Optional.of(new AgeCommitment(mask, out));
    }

    /**
     * True if {@code derived} is exactly this commitment derived with {@code salt}
     * (wallet {@code commitCompare}).
     */
    public boolean isDerivation(AgeCommitment derived, byte[] salt) {
        return derived != null && derive(salt).map(derived::equals).orElse(false);
    }

    /**
     * Checks an age attestation for {@code minimumAge} (crypto.md 8.5, C
     * {@code TALER_age_commitment_verify}): group 0 needs no signature (always true, whatever
     * the signature bytes); otherwise the signature must verify under the key of that group
     * over purpose 1207 {@code (mask, minimumAge)}. Never throws; ages outside 0..255 (C
     * takes a {@code uint8_t}) are refused.
     */
    public boolean verifyAttestation(int minimumAge, EddsaSignature signature) {
        if (minimumAge < 0 || minimumAge > 255) {
            return false;
        }
        int group = mask.groupIndex(minimumAge);
        if (group == 0) {
            return true;
        }
        if (group > publicKeys.size() || signature == null) {
            return false;
        }
        return new AgeAttestation(mask.bits(), minimumAge).verify(publicKeys.get(group - 1), signature);
    }
}

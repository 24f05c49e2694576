package net.taler.common.age;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edwards25519;
import net.taler.common.crypto.Edx25519;
import net.taler.common.crypto.Edx25519PrivateKey;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.TransferSecret;

/**
 * Age-restriction operations (crypto.md 8): creating commitments (the wallet's random and
 * seeded variants and the C library's), hashing, refresh derivation, attesting and verifying
 * a minimum age. Thin static entry points over {@link AgeMask}, {@link AgeCommitment} and
 * {@link AgeCommitmentProof}.
 *
 * <p>Performance note: every key creation, derivation and signature costs one or two
 * Edwards25519 scalar multiplications of {@link Edx25519} (a few milliseconds each).
 */
public final class AgeRestriction {
    /** The age the wallet commits to when the user sets no restriction. */
    public static final int AGE_UNRESTRICTED = 32;

    private static final byte[] SEEDED_INFO = "age-restriction-commit".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private AgeRestriction() {
    }

    /** The age group of {@code age} under {@code mask} (see {@link AgeMask#groupIndex}). */
    public static int groupIndex(AgeMask mask, int age) {
        return mask.groupIndex(age);
    }

    /**
     * A fresh commitment to {@code age} with random keys (wallet {@code restrictionCommit}):
     * one 32-byte random seed per public key, in key order.
     */
    public static AgeCommitmentProof commit(AgeMask mask, int age) {
        return commit(mask, age, RANDOM);
    }

    /** {@link #commit(AgeMask, int)} with the given randomness source. */
    public static AgeCommitmentProof commit(AgeMask mask, int age, SecureRandom random) {
        Objects.requireNonNull(random, "random");
        int n = requireRestricted(mask).keyCount();
        List<byte[]> seeds = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] s = new byte[32];
            random.nextBytes(s);
            seeds.add(s);
        }
        return commitFromKeySeeds(mask, age, seeds);
    }

    /**
     * A commitment whose key {@code i} is {@code Edx25519} from the 32-byte seed
     * {@code keySeeds.get(i)}; the private keys of the groups up to the group of {@code age}
     * are kept. {@link #commit} draws these seeds at random.
     *
     * @throws IllegalArgumentException if the number of seeds differs from
     *     {@code mask.keyCount()} or a seed is not 32 bytes
     */
    public static AgeCommitmentProof commitFromKeySeeds(AgeMask mask, int age, List<byte[]> keySeeds) {
        Objects.requireNonNull(keySeeds, "keySeeds");
        int n = requireRestricted(mask).keyCount();
        if (keySeeds.size() != n) {
            throw new IllegalArgumentException("need " + n + " key seeds, got " + keySeeds.size());
        }
        List<Edx25519PrivateKey> privs = new ArrayList<>(n);
        for (byte[] seed : keySeeds) {
            privs.add(Edx25519.privateKeyFromSeed(seed));
        }
        return fromPrivateKeys(mask, age, privs);
    }

    /**
     * The wallet's deterministic commitment ({@code restrictionCommitSeeded}, used for tips
     * with {@link #AGE_UNRESTRICTED}): key seed {@code i} is
     * {@code KDF(32; u32be(i); seed; "age-restriction-commit")}.
     */
    public static AgeCommitmentProof commitSeeded(AgeMask mask, int age, byte[] seed) {
        return commitFromKeySeeds(mask, age, seededKeySeeds(mask, seed));
    }

    /** The per-key seeds of {@link #commitSeeded}, in key order. */
    public static List<byte[]> seededKeySeeds(AgeMask mask, byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        int n = requireRestricted(mask).keyCount();
        List<byte[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] salt = {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
            out.add(Kdf.kdf(32, salt, seed, SEEDED_INFO));
        }
        return out;
    }

    /**
     * The C library's deterministic commitment ({@code TALER_age_restriction_commit}, C
     * clients only): key {@code i} is {@code SHA512(seed_i)} with the first half clamped,
     * where {@code seed_0} is the 64-byte seed and each next seed increments its first 32-bit
     * word in host (little-endian) order.
     */
    public static AgeCommitmentProof commitSeededC(AgeMask mask, int age, HashCode seed) {
        Objects.requireNonNull(seed, "seed");
        int n = requireRestricted(mask).keyCount();
        byte[] s = seed.bytes();
        List<Edx25519PrivateKey> privs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] h = Hashes.sha512(s).bytes();
            byte[] a = Edwards25519.clamp(java.util.Arrays.copyOf(h, 32));
            System.arraycopy(a, 0, h, 0, 32);
            privs.add(new Edx25519PrivateKey(h));
            int word = (s[0] & 0xff) | (s[1] & 0xff) << 8 | (s[2] & 0xff) << 16 | (s[3] & 0xff) << 24;
            word++;
            s[0] = (byte) word;
            s[1] = (byte) (word >>> 8);
            s[2] = (byte) (word >>> 16);
            s[3] = (byte) (word >>> 24);
        }
        return fromPrivateKeys(mask, age, privs);
    }

    private static AgeCommitmentProof fromPrivateKeys(AgeMask mask, int age, List<Edx25519PrivateKey> privs) {
        if (age < 0) {
            throw new IllegalArgumentException("negative age " + age);
        }
        int kept = mask.groupIndex(age);
        List<Edx25519PublicKey> pubs = new ArrayList<>(privs.size());
        for (Edx25519PrivateKey k : privs) {
            pubs.add(Edx25519.publicKey(k));
        }
        return new AgeCommitmentProof(new AgeCommitment(mask, pubs), privs.subList(0, kept));
    }

    private static AgeMask requireRestricted(AgeMask mask) {
        Objects.requireNonNull(mask, "mask");
        if (!mask.isRestricted()) {
            throw new IllegalArgumentException("age mask 0: nothing to commit to");
        }
        return mask;
    }

    /** {@code h_age_commitment} (32 bytes). */
    public static ShortHash hash(AgeCommitment commitment) {
        return commitment.hash();
    }

    /** {@code h_age_commitment}, or {@link ShortHash#ZERO} for no commitment. */
    public static ShortHash hashOrZero(AgeCommitment commitment) {
        return AgeCommitment.hashOrZero(commitment);
    }

    /** Exchange side of crypto.md 8.4; empty if the old commitment has an invalid key. */
    public static Optional<AgeCommitment> derive(AgeCommitment old, TransferSecret transferSecret) {
        return old.derive(transferSecret);
    }

    /** Wallet side of crypto.md 8.4. */
    public static AgeCommitmentProof derive(AgeCommitmentProof old, TransferSecret transferSecret) {
        return old.derive(transferSecret);
    }

    /** Attests a minimum age; empty if the committed age is too low. */
    public static Optional<EddsaSignature> attest(AgeCommitmentProof proof, int minimumAge) {
        return proof.attest(minimumAge);
    }

    /** Verifies an attestation; never throws. */
    public static boolean verifyAttestation(AgeCommitment commitment, int minimumAge, EddsaSignature signature) {
        return commitment != null && commitment.verifyAttestation(minimumAge, signature);
    }
}

package net.taler.common.crypto;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * Edx25519, the Ed25519 variant used for age-restriction keys (crypto.md 8.3,
 * 8.4): the private key is the expanded pair {@code a || b} instead of a seed,
 * so that keys can be derived from public data during refresh. Signatures are
 * deterministic and verify as ordinary Ed25519.
 */
public final class Edx25519 {
    private static final byte[] DERIVATION_CTX = "edx25519-derivation".getBytes(StandardCharsets.US_ASCII);
    private static final BigInteger L = Edwards25519.L;
    private static final BigInteger EIGHT = BigInteger.valueOf(8);
    private static final BigInteger INV_EIGHT = EIGHT.modInverse(L);

    private Edx25519() {
    }

    /** {@code SHA512(seed)} with the first half clamped. */
    public static Edx25519PrivateKey privateKeyFromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != 32) {
            throw new IllegalArgumentException("Edx25519 seed must be 32 bytes");
        }
        byte[] h = Hashes.sha512(seed).bytes();
        byte[] a = Edwards25519.clamp(Arrays.copyOf(h, 32));
        System.arraycopy(a, 0, h, 0, 32);
        return new Edx25519PrivateKey(h);
    }

    public static Edx25519PrivateKey generatePrivateKey() {
        return privateKeyFromSeed(Randomness.bytes(32));
    }

    /** {@code A = a·B} without clamping. */
    public static Edx25519PublicKey publicKey(Edx25519PrivateKey priv) {
        return new Edx25519PublicKey(Edwards25519.scalarMultBaseNoclamp(scalarA(priv)));
    }

    public static EddsaSignature sign(Edx25519PrivateKey priv, PurposeBlock block) {
        return sign(priv, block.raw());
    }

    /**
     * {@code r = SHA512(b || M) mod L, R = r·B, k = SHA512(R || A || M) mod L,
     * S = k·a + r mod L}; signature {@code R || S}.
     */
    public static EddsaSignature sign(Edx25519PrivateKey priv, byte[] message) {
        byte[] key = priv.raw();
        byte[] pub = publicKey(priv).raw();
        byte[] b = Arrays.copyOfRange(key, 32, 64);
        BigInteger r = reduce(Hashes.sha512(b, message));
        byte[] bigR = Edwards25519.scalarMultBaseNoclamp(Edwards25519.scalarToLe(r));
        BigInteger k = reduce(Hashes.sha512(bigR, pub, message));
        BigInteger a = Edwards25519.scalarFromLe(scalarA(priv));
        BigInteger s = k.multiply(a).add(r).mod(L);
        byte[] sig = new byte[64];
        System.arraycopy(bigR, 0, sig, 0, 32);
        System.arraycopy(Edwards25519.scalarToLe(s), 0, sig, 32, 32);
        return new EddsaSignature(sig);
    }

    public static boolean verify(Edx25519PublicKey pub, PurposeBlock block, EddsaSignature sig) {
        return block != null && verify(pub, block.raw(), sig);
    }

    public static boolean verify(Edx25519PublicKey pub, byte[] message, EddsaSignature sig) {
        if (pub == null || sig == null) {
            return false;
        }
        return Eddsa.verifyRaw(pub.raw(), message, sig.raw());
    }

    /** The unreduced 64-byte factor {@code h = KDF(64; seed; A; "edx25519-derivation")}. */
    public static byte[] derivationFactor(Edx25519PublicKey pub, byte[] seed) {
        return Kdf.kdf(64, seed, pub.raw(), DERIVATION_CTX);
    }

    /** {@code A' = (h mod L)·A}; empty if {@code A} is not a valid subgroup point. */
    public static Optional<Edx25519PublicKey> derivePublic(Edx25519PublicKey pub, byte[] seed) {
        byte[] h = Edwards25519.scalarToLe(reduce(derivationFactor(pub, seed)));
        try {
            return Optional.of(new Edx25519PublicKey(Edwards25519.scalarMultNoclamp(h, pub.raw())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Refresh derivation with the transfer secret as seed. */
    public static Optional<Edx25519PublicKey> derivePublic(Edx25519PublicKey pub, TransferSecret seed) {
        return derivePublic(pub, seed.raw());
    }

    /**
     * {@code a' = ((a·8⁻¹ mod L)·(h mod L) mod L)·8 mod L}, {@code b' = first 32
     * bytes of SHA512(b || h)} with the unreduced {@code h}. For a clamped
     * {@code a} (keys made from a seed) {@code a·8⁻¹ mod L} is the exact
     * division the wallet and C use, and the bytes equal the wallet's (the C
     * code skips the final {@code mod L}: different bytes, same scalar, same
     * public key and signatures). For keys derived twice the wallet's integer
     * division would no longer match the public derivation; the modular
     * inverse always does.
     */
    public static Edx25519PrivateKey derivePrivate(Edx25519PrivateKey priv, byte[] seed) {
        byte[] key = priv.raw();
        byte[] h = derivationFactor(publicKey(priv), seed);
        BigInteger hModL = reduce(h);
        BigInteger a = Edwards25519.scalarFromLe(scalarA(priv));
        BigInteger aPrime = a.multiply(INV_EIGHT).mod(L).multiply(hModL).mod(L).multiply(EIGHT).mod(L);
        byte[] bPrime = Hashes.sha512(Arrays.copyOfRange(key, 32, 64), h).bytes();
        byte[] out = new byte[64];
        System.arraycopy(Edwards25519.scalarToLe(aPrime), 0, out, 0, 32);
        System.arraycopy(bPrime, 0, out, 32, 32);
        return new Edx25519PrivateKey(out);
    }

    public static Edx25519PrivateKey derivePrivate(Edx25519PrivateKey priv, TransferSecret seed) {
        return derivePrivate(priv, seed.raw());
    }

    private static byte[] scalarA(Edx25519PrivateKey priv) {
        return Arrays.copyOf(priv.raw(), 32);
    }

    private static BigInteger reduce(HashCode h) {
        return reduce(h.raw());
    }

    private static BigInteger reduce(byte[] le) {
        return Edwards25519.scalarFromLe(le).mod(L);
    }
}

package net.taler.common.crypto;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Optional;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * X25519 key exchange between an ECDHE key and an EdDSA key, as GNUnet does it
 * ({@code GNUNET_CRYPTO_ecdh_eddsa} / {@code GNUNET_CRYPTO_eddsa_ecdh}): the
 * EdDSA side is mapped to Curve25519 and the result is SHA-512 of the raw
 * shared point, so both directions give the same 64 bytes. Invalid keys and
 * an all-zero shared point give an empty result (libsodium fails there too).
 */
public final class Ecdh {
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

    private Ecdh() {
    }

    public static EcdhePrivateKey generatePrivateKey() {
        return EcdhePrivateKey.generate();
    }

    /** {@code X25519(priv, 9)}; the scalar is clamped inside X25519. */
    public static EcdhePublicKey publicKey(EcdhePrivateKey priv) {
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.scalarMultBase(priv.raw(), 0, pub, 0);
        return new EcdhePublicKey(pub);
    }

    /** ECDHE private key with EdDSA public key (exchange side of the transfer secret). */
    public static Optional<HashCode> ecdhEddsa(EcdhePrivateKey priv, EddsaPublicKey pub) {
        return eddsaPublicToX25519(pub).flatMap(u -> x25519(priv.raw(), u)).map(Ecdh::keyMaterial);
    }

    /**
     * EdDSA private key with ECDHE public key (old coin owner's side): the
     * X25519 scalar is the first half of SHA-512(seed), clamped by X25519.
     */
    public static Optional<HashCode> eddsaEcdh(EddsaPrivateKey priv, EcdhePublicKey pub) {
        byte[] h = Hashes.sha512(priv.raw()).bytes();
        byte[] scalar = Arrays.copyOf(h, 32);
        Arrays.fill(h, (byte) 0);
        Optional<HashCode> out = x25519(scalar, pub.raw()).map(Ecdh::keyMaterial);
        Arrays.fill(scalar, (byte) 0);
        return out;
    }

    /**
     * Raw X25519 of a 32-byte scalar and a 32-byte u-coordinate; empty if the
     * result is all zero (small-order input).
     */
    public static Optional<byte[]> x25519(byte[] scalar, byte[] u) {
        if (scalar.length != X25519.SCALAR_SIZE || u.length != X25519.POINT_SIZE) {
            return Optional.empty();
        }
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(scalar, 0, u, 0, shared, 0)) {
            return Optional.empty();
        }
        return Optional.of(shared);
    }

    /**
     * Ed25519 public key to Curve25519 u-coordinate, {@code u = (1+y)/(1-y)};
     * empty for encodings libsodium refuses (invalid, small order, outside the
     * prime-order subgroup).
     */
    public static Optional<byte[]> eddsaPublicToX25519(EddsaPublicKey pub) {
        byte[] enc = pub.raw();
        if (!Ed25519.validatePublicKeyFull(enc, 0)) {
            return Optional.empty();
        }
        byte[] yLe = enc.clone();
        yLe[31] &= 127;
        BigInteger y = Edwards25519.scalarFromLe(yLe);
        BigInteger den = BigInteger.ONE.subtract(y).mod(P);
        if (den.signum() == 0) {
            return Optional.empty();
        }
        BigInteger u = BigInteger.ONE.add(y).multiply(den.modInverse(P)).mod(P);
        return Optional.of(Edwards25519.scalarToLe(u));
    }

    private static HashCode keyMaterial(byte[] shared) {
        HashCode h = Hashes.sha512(shared);
        Arrays.fill(shared, (byte) 0);
        return h;
    }
}

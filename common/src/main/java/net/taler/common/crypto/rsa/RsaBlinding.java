package net.taler.common.crypto.rsa;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.ShortHash;
import org.bouncycastle.util.BigIntegers;

/**
 * Chaum-blinded RSA-FDH signatures exactly as GNUnet's {@code crypto_rsa.c} and the Dec 2022
 * wallet compute them (crypto.md 5). The exchange only signs and verifies; blinding and
 * unblinding are here too because the exchange's tests, the auditor and test clients must
 * reproduce the wallet's bytes.
 *
 * <p>All methods are stateless and thread safe. Malformed or out-of-range input makes the
 * signer and the blinding side throw {@link IllegalArgumentException} and makes
 * {@link #verify} return false; nothing crashes on attacker-controlled values.
 */
public final class RsaBlinding {
    private static final byte[] FDH_CTX = ascii("RSA-FDA FTpsW!");
    private static final byte[] BLINDING_XTS = ascii("Blinding KDF extractor HMAC key");
    private static final byte[] BLINDING_CTX = ascii("Blinding KDF");

    private RsaBlinding() {
    }

    /**
     * Full-domain hash of a 64-byte message hash: {@code kdf_mod(n; xts = encoding(pub); skm =
     * m; "RSA-FDA FTpsW!")}.
     *
     * @throws IllegalArgumentException if the result shares a factor with n (C treats such a
     *     key as malicious)
     */
    public static BigInteger fullDomainHash(RsaPublicKey pub, HashCode message) {
        Objects.requireNonNull(pub, "pub");
        Objects.requireNonNull(message, "message");
        BigInteger r = Kdf.kdfMod(pub.modulus(), pub.rawEncoding(), message.bytes(), FDH_CTX);
        requireCoprime(r, pub.modulus(), "full-domain hash");
        return r;
    }

    /**
     * Blinding factor {@code r = kdf_mod(n; "Blinding KDF extractor HMAC key"; bks; "Blinding
     * KDF")}.
     *
     * @throws IllegalArgumentException if r shares a factor with n (malicious key)
     */
    public static BigInteger blindingFactor(RsaPublicKey pub, BlindingKeySecret bks) {
        Objects.requireNonNull(pub, "pub");
        Objects.requireNonNull(bks, "bks");
        BigInteger r = Kdf.kdfMod(pub.modulus(), BLINDING_XTS, bks.bytes(), BLINDING_CTX);
        requireCoprime(r, pub.modulus(), "blinding factor");
        return r;
    }

    private static void requireCoprime(BigInteger v, BigInteger n, String what) {
        // BouncyCastle's safegcd-based test is several times faster than BigInteger.gcd
        // and is what dominates verification after the exponentiation (n is always odd)
        if (v.signum() == 0 || !BigIntegers.modOddIsCoprimeVar(n, v)) {
            throw new IllegalArgumentException(what + " is not coprime to the modulus: malicious RSA key");
        }
    }

    /**
     * Wallet side: the blinded message {@code FDH(m) · r^e mod n} as minimal big-endian bytes
     * (the planchet's {@code rsa_blinded_planchet}; possibly shorter than the modulus).
     */
    public static byte[] blind(RsaPublicKey pub, HashCode message, BlindingKeySecret bks) {
        BigInteger fdh = fullDomainHash(pub, message);
        BigInteger r = blindingFactor(pub, bks);
        BigInteger n = pub.modulus();
        return Mpi.toUnsigned(fdh.multiply(r.modPow(pub.exponent(), n)).mod(n));
    }

    /**
     * Signer side ({@code GNUNET_CRYPTO_rsa_sign_blinded}): {@code m'^d mod n} of the blinded
     * message bytes as received (leading zeros allowed). Uses CRT, base blinding and a
     * verification of the result (see {@link RsaPrivateKey}).
     *
     * @throws IllegalArgumentException if the message is empty, zero or not below n
     * @throws IllegalStateException if the self-check detects a computation fault
     */
    public static RsaSignature sign(RsaPrivateKey key, byte[] blindedMessage) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(blindedMessage, "blindedMessage");
        if (blindedMessage.length == 0) {
            throw new IllegalArgumentException("empty blinded message");
        }
        if (blindedMessage.length > key.publicKey().modulusBytes() + 64) {
            throw new IllegalArgumentException("blinded message longer than the modulus");
        }
        return sign(key, Mpi.fromUnsigned(blindedMessage));
    }

    /** {@link #sign(RsaPrivateKey, byte[])} on an integer. */
    public static RsaSignature sign(RsaPrivateKey key, BigInteger blindedMessage) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(blindedMessage, "blindedMessage");
        BigInteger n = key.publicKey().modulus();
        if (blindedMessage.signum() <= 0 || blindedMessage.compareTo(n) >= 0) {
            throw new IllegalArgumentException("blinded message must be in [1, n)");
        }
        return RsaSignature.of(key.rawSign(blindedMessage));
    }

    /**
     * Plain (unblinded) FDH signature of a message hash, {@code FDH(m)^d mod n}
     * ({@code GNUNET_CRYPTO_rsa_sign_fdh}); equals unblinding a blind signature.
     */
    public static RsaSignature signFdh(RsaPrivateKey key, HashCode message) {
        Objects.requireNonNull(key, "key");
        return RsaSignature.of(key.rawSign(fullDomainHash(key.publicKey(), message)));
    }

    /**
     * Wallet side: {@code s = s' · r^-1 mod n}. (Variable time in r; only clients and tests
     * unblind, never the exchange.)
     *
     * @throws IllegalArgumentException if the blind signature is not below n or the key is
     *     malicious
     */
    public static RsaSignature unblind(RsaPublicKey pub, RsaSignature blindSignature, BlindingKeySecret bks) {
        Objects.requireNonNull(pub, "pub");
        Objects.requireNonNull(blindSignature, "blindSignature");
        BigInteger n = pub.modulus();
        BigInteger sb = blindSignature.value();
        if (sb.compareTo(n) >= 0) {
            throw new IllegalArgumentException("blind signature not below the modulus");
        }
        BigInteger rInv = BigIntegers.modOddInverseVar(n, blindingFactor(pub, bks));
        BigInteger s = sb.multiply(rInv).mod(n);
        if (s.signum() == 0) {
            throw new IllegalArgumentException("blind signature shares a factor with the modulus");
        }
        return RsaSignature.of(s);
    }

    /**
     * Verifies {@code s^e mod n == FDH(m)}. Signatures not in [1, n) and keys whose FDH is not
     * coprime to n are rejected (false), as GNUnet does.
     */
    public static boolean verify(RsaPublicKey pub, HashCode message, RsaSignature signature) {
        Objects.requireNonNull(pub, "pub");
        Objects.requireNonNull(message, "message");
        if (signature == null) {
            return false;
        }
        BigInteger n = pub.modulus();
        BigInteger s = signature.value();
        if (s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        BigInteger fdh;
        try {
            fdh = fullDomainHash(pub, message);
        } catch (IllegalArgumentException ex) {
            return false;
        }
        return s.modPow(pub.exponent(), n).equals(fdh);
    }

    /**
     * Checks a blind signature as it leaves the signer: {@code s'^e mod n == m'} for the blinded
     * message {@code m'} (big-endian bytes as the wallet sent them). Cheap (e is small); the
     * httpd's {@code -I} uses it to catch a faulty security module before a reply leaves.
     */
    public static boolean verifyBlind(RsaPublicKey pub, byte[] blindedMessage, RsaSignature blindSignature) {
        Objects.requireNonNull(pub, "pub");
        Objects.requireNonNull(blindedMessage, "blindedMessage");
        if (blindSignature == null) {
            return false;
        }
        BigInteger n = pub.modulus();
        BigInteger m = new BigInteger(1, blindedMessage);
        BigInteger s = blindSignature.value();
        if (m.signum() <= 0 || m.compareTo(n) >= 0 || s.signum() <= 0 || s.compareTo(n) >= 0) {
            return false;
        }
        return s.modPow(pub.exponent(), n).equals(m);
    }

    /**
     * The message an RSA denomination signs for a coin (crypto.md 2.5.5):
     * {@code SHA512(coin_pub)} without age commitment (null or all zero), else
     * {@code SHA512(coin_pub || h_age_commitment)}.
     */
    public static HashCode coinPubHash(EddsaPublicKey coinPub, ShortHash ageCommitmentHash) {
        Objects.requireNonNull(coinPub, "coinPub");
        if (ageCommitmentHash == null || ageCommitmentHash.isZero()) {
            return Hashes.sha512(coinPub.bytes());
        }
        return Hashes.sha512(coinPub.bytes(), ageCommitmentHash.bytes());
    }

    /**
     * RSA coin-envelope hash {@code h_coin_envelope} (crypto.md 2.5.6):
     * {@code SHA512(h_denom_pub || u32be(1) || envelope)}, over the blinded message bytes
     * exactly as received (a non-minimal encoding gives a different hash, as in C).
     */
    public static HashCode coinEnvelopeHash(HashCode denominationHash, byte[] blindedMessage) {
        Objects.requireNonNull(denominationHash, "denominationHash");
        Objects.requireNonNull(blindedMessage, "blindedMessage");
        byte[] cipher = new byte[4];
        RsaPublicKey.u32be(cipher, 0, RsaPublicKey.CIPHER_RSA);
        return Hashes.sha512(denominationHash.bytes(), cipher, blindedMessage);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

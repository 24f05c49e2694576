package net.taler.common.crypto.cs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.Edwards25519;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.Kdf;

/**
 * Clause-Schnorr blind signatures as GNUnet's {@code crypto_cs.c} computes them
 * (crypto.md 6): plain Ed25519 points, little-endian scalars mod L, and every
 * secret derived by KDF so that the exchange can answer a repeated request
 * identically. Signer side ({@link #deriveRPublic}, {@link #sign}) for the
 * exchange and its CS secmod; client side ({@link #blind}, {@link #unblind})
 * for test wallets and the exchange's refresh-reveal recheck; {@link #verify}
 * for everyone.
 *
 * <p>Malformed points make the client-side operations throw
 * {@link IllegalArgumentException} and {@link #verify} return false; the C
 * code aborts in those cases instead.
 */
public final class Cs {
    private static final byte[] LABEL_WITHDRAW = ascii("rw");
    private static final byte[] LABEL_MELT = ascii("rm");
    private static final byte[] LABEL_B = ascii("b");
    private static final byte[] FDH_CONTEXT = ascii("Curve25519FDH");
    private static final BigInteger L = Edwards25519.L;
    private static final BigInteger MASK_256 = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

    private Cs() {
    }

    // ---- signer (exchange / secmod) ------------------------------------

    /**
     * {@code (r0 || r1) = KDF(64; "rw"|"rm"; x; nonce)}, each half clamped
     * (crypto.md 6.3). {@code forMelt} selects the label, as the secmod's
     * {@code for_melt} field does.
     */
    public static CsRSecretPair deriveRSecrets(CsPrivateKey key, CsNonce nonce, boolean forMelt) {
        byte[][] r = deriveR(key, nonce, forMelt);
        try {
            return new CsRSecretPair(new CsRSecret(r[0]), new CsRSecret(r[1]));
        } finally {
            wipe(r[0], r[1]);
        }
    }

    /** {@code R = r·B} for one secret. */
    public static CsRPublic rPublic(CsRSecret r) {
        byte[] k = r.bytes();
        try {
            return new CsRPublic(encodeNonIdentity(CsCurve.mulCt(CsCurve.BASE_TABLE, k), true));
        } finally {
            wipe(k);
        }
    }

    /**
     * The public pair (R0, R1) for a nonce: what {@code /csr-withdraw} and
     * {@code /csr-melt} return and the secmod's RDERIVE computes.
     */
    public static CsRPublicPair deriveRPublic(CsPrivateKey key, CsNonce nonce, boolean forMelt) {
        byte[][] r = deriveR(key, nonce, forMelt);
        try {
            CsCurve.Point p0 = CsCurve.mulCt(CsCurve.BASE_TABLE, r[0]);
            CsCurve.Point p1 = CsCurve.mulCt(CsCurve.BASE_TABLE, r[1]);
            // clamped scalars lie in [2^254, 2^255) and are multiples of 8, so never ≡ 0 mod L
            byte[][] enc = CsCurve.encode2(p0, p1, true);
            return new CsRPublicPair(new CsRPublic(enc[0]), new CsRPublic(enc[1]));
        } finally {
            wipe(r[0], r[1]);
        }
    }

    /**
     * Blind signing (crypto.md 6.5): re-derives r0, r1 from the planchet's
     * nonce, picks {@code b} = lowest bit of {@code KDF(4; "b"; x; nonce)} and
     * returns {@code s = r_b + c_b·x mod L}. Needs no point arithmetic. The
     * caller must have checked that the nonce was not used for another message.
     */
    public static CsBlindSignature sign(CsPrivateKey key, CsBlindedMessage planchet, boolean forMelt) {
        Objects.requireNonNull(planchet, "planchet");
        CsNonce nonce = planchet.nonce();
        byte[][] r = deriveR(key, nonce, forMelt);
        byte[] x = key.bytes();
        try {
            int b = deriveB(x, nonce);
            byte[] c = planchet.c(b);
            byte[] cx = Edwards25519.scalarMul(c, x);
            byte[] s = sodiumScalarAdd(r[b], cx);
            wipe(cx);
            return new CsBlindSignature(b, s);
        } finally {
            wipe(r[0], r[1], x);
        }
    }

    /** The signer's choice bit for a nonce (crypto.md 6.5 step 2). */
    static int deriveB(CsPrivateKey key, CsNonce nonce) {
        byte[] x = key.bytes();
        try {
            return deriveB(x, nonce);
        } finally {
            wipe(x);
        }
    }

    private static int deriveB(byte[] x, CsNonce nonce) {
        // C reads the 4 bytes as a host-order (little-endian) uint32 and takes it mod 2
        return Kdf.kdf(4, LABEL_B, x, nonce.bytes())[0] & 1;
    }

    private static byte[][] deriveR(CsPrivateKey key, CsNonce nonce, boolean forMelt) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(nonce, "nonce");
        byte[] x = key.bytes();
        byte[] both = Kdf.kdf(64, forMelt ? LABEL_MELT : LABEL_WITHDRAW, x, nonce.bytes());
        byte[] r0 = Edwards25519.clamp(Arrays.copyOfRange(both, 0, 32));
        byte[] r1 = Edwards25519.clamp(Arrays.copyOfRange(both, 32, 64));
        wipe(x, both);
        return new byte[][] {r0, r1};
    }

    // ---- client (wallet, exchange refresh recheck) ---------------------

    /**
     * Client-side blinding (crypto.md 6.4): {@code R'_i = R_i + α_i·B + β_i·X},
     * {@code c_i = FDH(R'_i, m, X) + β_i}. {@code message} is the 64-byte coin
     * public key hash.
     *
     * @throws IllegalArgumentException if X or one of the R points is not a valid point
     */
    public static CsBlindingResult blind(CsPublicKey pub, CsRPublicPair r, CsBlindingSecrets secrets,
            HashCode message, CsNonce nonce) {
        Objects.requireNonNull(pub, "pub");
        Objects.requireNonNull(r, "r");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(nonce, "nonce");
        CsCurve.Table tx = pub.table();
        CsCurve.Point[] blinded = new CsCurve.Point[2];
        for (int i = 0; i < 2; i++) {
            CsCurve.Point ri = CsCurve.decode(r.get(i).bytes());
            if (ri == null) {
                throw new IllegalArgumentException("R" + i + " is not a valid curve point");
            }
            byte[] alpha = secrets.alpha(i);
            byte[] beta = secrets.beta(i);
            // α, β are clamped, hence never ≡ 0 mod L: α·B and β·X are never the identity
            CsCurve.Point sum = CsCurve.mulVar2(CsCurve.BASE_TABLE, alpha, tx, beta);
            CsCurve.add(sum, ri, sum);
            blinded[i] = sum;
            wipe(alpha, beta);
        }
        byte[][] enc = CsCurve.encode2(blinded[0], blinded[1], false);
        byte[] msg = message.bytes();
        byte[][] c = new byte[2][];
        for (int i = 0; i < 2; i++) {
            byte[] beta = secrets.beta(i);
            c[i] = sodiumScalarAdd(fdh(enc[i], msg, pub), beta);
            wipe(beta);
        }
        return new CsBlindingResult(new CsBlindedMessage(c[0], c[1], nonce),
                new CsRPublicPair(new CsRPublic(enc[0]), new CsRPublic(enc[1])));
    }

    /** Unblinding with the blinded points kept from {@link #blind}: {@code (R'_b, s + α_b)}. */
    public static CsSignature unblind(CsBlindSignature blindSig, CsBlindingSecrets secrets, CsRPublicPair blindedR) {
        Objects.requireNonNull(blindSig, "blindSig");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(blindedR, "blindedR");
        int b = blindSig.b();
        byte[] alpha = secrets.alpha(b);
        try {
            return new CsSignature(blindedR.get(b), sodiumScalarAdd(blindSig.s(), alpha));
        } finally {
            wipe(alpha);
        }
    }

    /**
     * Unblinding as the C library does it, recomputing R' from the exchange's
     * (R0, R1), the key and the message.
     */
    public static CsSignature unblind(CsBlindSignature blindSig, CsBlindingSecrets secrets, CsRPublicPair r,
            CsPublicKey pub, HashCode message) {
        CsBlindingResult blinded = blind(pub, r, secrets, message, new CsNonce(new byte[CsNonce.SIZE]));
        return unblind(blindSig, secrets, blinded.blindedR());
    }

    // ---- verification --------------------------------------------------

    /**
     * Checks {@code s·B == R + FDH(R, m, X)·X} (crypto.md 6.6), computed as
     * {@code encode(s·B + (L - c')·X) == R}, so R is never decoded: a bad R
     * encoding simply does not match. Never throws; invalid keys and the
     * cases where C would abort (s ≡ 0, c' = 0) give false.
     */
    public static boolean verify(CsSignature sig, CsPublicKey pub, HashCode message) {
        if (sig == null || pub == null || message == null) {
            return false;
        }
        try {
            CsCurve.Table tx = pub.state().orElse(null);
            if (tx == null) {
                return false;
            }
            byte[] rEnc = sig.r().bytes();
            byte[] s = sig.s();
            s[31] &= 0x7f; // base_noclamp ignores bit 255
            if (Edwards25519.scalarFromLe(s).mod(L).signum() == 0) {
                return false;
            }
            BigInteger c = Edwards25519.scalarFromLe(fdh(rEnc, message.bytes(), pub));
            if (c.signum() == 0) {
                return false;
            }
            byte[] negC = Edwards25519.scalarToLe(L.subtract(c));
            CsCurve.Point q = CsCurve.mulVar2(CsCurve.BASE_TABLE, s, tx, negC);
            return MessageDigest.isEqual(CsCurve.encode(q, false), rEnc);
        } catch (RuntimeException e) {
            return false;
        }
    }

    // ---- helpers -------------------------------------------------------

    /**
     * {@code FDH_cs(R', m, X)}: {@code kdf_mod(L; X; SHA512(R' || m);
     * "Curve25519FDH")} as a 32-byte little-endian scalar (crypto.md 6.4 step 3).
     */
    static byte[] fdh(byte[] rBlind, byte[] message, CsPublicKey pub) {
        HashCode prehash = Hashes.sha512(rBlind, message);
        BigInteger c = Kdf.kdfMod(L, pub.bytes(), prehash.bytes(), FDH_CONTEXT);
        return Edwards25519.scalarToLe(c);
    }

    /**
     * libsodium {@code crypto_core_ed25519_scalar_add}: the 256-bit sum loses
     * its carry before the reduction mod L. Equal to {@code (x + y) mod L} for
     * every sum the protocol forms (one operand is always below L or clamped),
     * but kept exact for hostile inputs.
     */
    static byte[] sodiumScalarAdd(byte[] x, byte[] y) {
        BigInteger sum = Edwards25519.scalarFromLe(x).add(Edwards25519.scalarFromLe(y)).and(MASK_256);
        return Edwards25519.scalarToLe(sum.mod(L));
    }

    private static byte[] encodeNonIdentity(CsCurve.Point p, boolean constantTime) {
        if (CsCurve.isIdentity(p)) {
            throw new IllegalArgumentException("scalar multiplication gave the identity");
        }
        return CsCurve.encode(p, constantTime);
    }

    private static void wipe(byte[]... arrays) {
        for (byte[] a : arrays) {
            if (a != null) {
                Arrays.fill(a, (byte) 0);
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

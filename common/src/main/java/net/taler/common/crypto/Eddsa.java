package net.taler.common.crypto;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Plain RFC 8032 Ed25519 as GNUnet uses it (32-byte seed as private key, no
 * prehash, no context), backed by BouncyCastle's constant-time implementation
 * (much faster than the JDK's SunEC). Verification never throws: malformed
 * sizes, bad points and tampered data all give {@code false}.
 */
public final class Eddsa {
    private Eddsa() {
    }

    public static EddsaPrivateKey generatePrivateKey() {
        return EddsaPrivateKey.generate();
    }

    public static EddsaPublicKey publicKey(EddsaPrivateKey priv) {
        return priv.publicKey();
    }

    static EddsaPublicKey computePublicKey(byte[] seed) {
        byte[] pub = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(seed, 0, pub, 0);
        return new EddsaPublicKey(pub);
    }

    /** Signs a purpose block (what every Taler signature covers). */
    public static EddsaSignature sign(EddsaPrivateKey priv, PurposeBlock block) {
        return signRaw(priv, block.raw());
    }

    /** Signs arbitrary bytes; protocol code should prefer {@link #sign(EddsaPrivateKey, PurposeBlock)}. */
    public static EddsaSignature signRaw(EddsaPrivateKey priv, byte[] message) {
        byte[] sig = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(priv.raw(), 0, priv.publicKey().raw(), 0, message, 0, message.length, sig, 0);
        return new EddsaSignature(sig);
    }

    /** Checks a signature over a block the verifier built itself. */
    public static boolean verify(EddsaPublicKey pub, PurposeBlock block, EddsaSignature sig) {
        if (block == null) {
            return false;
        }
        return verifyRaw(pub, block.raw(), sig);
    }

    /**
     * Checks a signature over received block bytes: the size field must match
     * the length and the purpose must be {@code expectedPurpose} before the
     * signature itself is checked (as the C verifier does).
     */
    public static boolean verify(EddsaPublicKey pub, int expectedPurpose, byte[] block, EddsaSignature sig) {
        if (block == null || block.length < PurposeBlock.HEADER_SIZE) {
            return false;
        }
        PurposeBlock parsed;
        try {
            parsed = PurposeBlock.parse(block);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return parsed.purpose() == expectedPurpose && verifyRaw(pub, parsed.raw(), sig);
    }

    public static boolean verifyRaw(EddsaPublicKey pub, byte[] message, EddsaSignature sig) {
        if (pub == null || sig == null) {
            return false;
        }
        return verifyRaw(pub.raw(), message, sig.raw());
    }

    /** Variant for unparsed input: wrong sizes are simply invalid. */
    public static boolean verifyRaw(byte[] pub, byte[] message, byte[] sig) {
        if (pub == null || message == null || sig == null
                || pub.length != Ed25519.PUBLIC_KEY_SIZE || sig.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        try {
            return Ed25519.verify(sig, 0, pub, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }
}

package net.taler.common.crypto;

/**
 * Ed25519 private key in the GNUnet form: the 32-byte RFC 8032 seed (not the
 * expanded key). Key files hold exactly these bytes.
 */
public final class EddsaPrivateKey extends SecretBytes {
    public static final int SIZE = 32;

    private volatile EddsaPublicKey publicKey;

    public EddsaPrivateKey(byte[] value) {
        super(value, SIZE);
    }

    public static EddsaPrivateKey fromBase32(String text) {
        return new EddsaPrivateKey(decodeBase32(text, SIZE));
    }

    /** A fresh random key. */
    public static EddsaPrivateKey generate() {
        return new EddsaPrivateKey(Randomness.bytes(SIZE));
    }

    /** The matching public key (computed once, then cached). */
    public EddsaPublicKey publicKey() {
        EddsaPublicKey pub = publicKey;
        if (pub == null) {
            pub = Eddsa.computePublicKey(raw());
            publicKey = pub;
        }
        return pub;
    }
}

package net.taler.common.crypto;

/** Ed25519 public key (coin, reserve, merchant, master, signing keys, ...); the 32-byte RFC 8032 point encoding. */
public final class EddsaPublicKey extends FixedBytes {
    public static final int SIZE = 32;

    public EddsaPublicKey(byte[] value) {
        super(value, SIZE);
    }

    public static EddsaPublicKey fromBase32(String text) {
        return new EddsaPublicKey(decodeBase32(text, SIZE));
    }
}

package net.taler.common.crypto;

/** Ed25519 signature {@code R || S}. Also the type of Edx25519 signatures, which verify as plain Ed25519. */
public final class EddsaSignature extends FixedBytes {
    public static final int SIZE = 64;

    public EddsaSignature(byte[] value) {
        super(value, SIZE);
    }

    public static EddsaSignature fromBase32(String text) {
        return new EddsaSignature(decodeBase32(text, SIZE));
    }
}

package net.taler.common.crypto;

/**
 * X25519 private key (32 random bytes, stored unclamped; X25519 clamps
 * internally), e.g. a refresh transfer private key.
 */
public final class EcdhePrivateKey extends SecretBytes {
    public static final int SIZE = 32;

    public EcdhePrivateKey(byte[] value) {
        super(value, SIZE);
    }

    public static EcdhePrivateKey fromBase32(String text) {
        return new EcdhePrivateKey(decodeBase32(text, SIZE));
    }

    /** A fresh random key. */
    public static EcdhePrivateKey generate() {
        return new EcdhePrivateKey(Randomness.bytes(SIZE));
    }

    /** The matching X25519 public key. */
    public EcdhePublicKey publicKey() {
        return Ecdh.publicKey(this);
    }
}

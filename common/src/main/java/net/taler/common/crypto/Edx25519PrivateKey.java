package net.taler.common.crypto;

/**
 * Edx25519 private key {@code a || b} (64 bytes): {@code a} is the clamped
 * scalar, {@code b} the nonce key. Unlike Ed25519 there is no seed, because
 * derived keys (refresh) have none.
 */
public final class Edx25519PrivateKey extends SecretBytes {
    public static final int SIZE = 64;

    public Edx25519PrivateKey(byte[] value) {
        super(value, SIZE);
    }

    public static Edx25519PrivateKey fromBase32(String text) {
        return new Edx25519PrivateKey(decodeBase32(text, SIZE));
    }

    /** The matching public key {@code a·B}. */
    public Edx25519PublicKey publicKey() {
        return Edx25519.publicKey(this);
    }
}

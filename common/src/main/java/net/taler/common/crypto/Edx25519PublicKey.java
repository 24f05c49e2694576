package net.taler.common.crypto;

/** Edx25519 (age-restriction) public key; an ordinary Ed25519 point, but derived keys have no seed. */
public final class Edx25519PublicKey extends FixedBytes {
    public static final int SIZE = 32;

    public Edx25519PublicKey(byte[] value) {
        super(value, SIZE);
    }

    public static Edx25519PublicKey fromBase32(String text) {
        return new Edx25519PublicKey(decodeBase32(text, SIZE));
    }
}

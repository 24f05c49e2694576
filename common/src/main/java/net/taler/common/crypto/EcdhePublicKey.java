package net.taler.common.crypto;

/** X25519 public key (Montgomery u-coordinate), e.g. a refresh transfer public key. */
public final class EcdhePublicKey extends FixedBytes {
    public static final int SIZE = 32;

    public EcdhePublicKey(byte[] value) {
        super(value, SIZE);
    }

    public static EcdhePublicKey fromBase32(String text) {
        return new EcdhePublicKey(decodeBase32(text, SIZE));
    }
}

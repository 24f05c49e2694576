package net.taler.common.crypto;

/** RSA blinding key secret ({@code bks}) from which the blinding factor is derived. */
public final class BlindingKeySecret extends FixedBytes {
    public static final int SIZE = 32;

    public BlindingKeySecret(byte[] value) {
        super(value, SIZE);
    }

    public static BlindingKeySecret fromBase32(String text) {
        return new BlindingKeySecret(decodeBase32(text, SIZE));
    }
}

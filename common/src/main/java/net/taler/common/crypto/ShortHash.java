package net.taler.common.crypto;

/** GNUnet ShortHashCode: the first 32 bytes of a SHA-512 ({@code h_payto}, {@code h_age_commitment}).
 *  The all-zero value stands for "no age commitment". */
public final class ShortHash extends FixedBytes {
    public static final int SIZE = 32;

    public ShortHash(byte[] value) {
        super(value, SIZE);
    }

    public static ShortHash fromBase32(String text) {
        return new ShortHash(decodeBase32(text, SIZE));
    }

    /** All zero: "no age commitment" wherever a fixed field exists. */
    public static final ShortHash ZERO = new ShortHash(new byte[SIZE]);
}

package net.taler.common.crypto;

/** Merchant's 16-byte salt that keeps {@code h_wire} from revealing the account. */
public final class WireSalt extends FixedBytes {
    public static final int SIZE = 16;

    public WireSalt(byte[] value) {
        super(value, SIZE);
    }

    public static WireSalt fromBase32(String text) {
        return new WireSalt(decodeBase32(text, SIZE));
    }
}

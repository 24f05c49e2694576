package net.taler.common.crypto;

/** Identifier of an outgoing wire transfer (wtid); random 32 bytes. */
public final class WireTransferId extends FixedBytes {
    public static final int SIZE = 32;

    public WireTransferId(byte[] value) {
        super(value, SIZE);
    }

    public static WireTransferId fromBase32(String text) {
        return new WireTransferId(decodeBase32(text, SIZE));
    }
}

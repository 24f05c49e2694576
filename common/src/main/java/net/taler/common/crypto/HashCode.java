package net.taler.common.crypto;

/**
 * GNUnet HashCode: a 64-byte SHA-512 value (contract hash, denomination hash,
 * h_wire, rc, coin-envelope hash, ...).
 */
public final class HashCode extends FixedBytes {
    public static final int SIZE = 64;

    /** All zero, e.g. the {@code h_policy} the Dec 2022 wallet always sends. */
    public static final HashCode ZERO = new HashCode(new byte[SIZE]);

    public HashCode(byte[] value) {
        super(value, SIZE);
    }

    public static HashCode fromBase32(String text) {
        return new HashCode(decodeBase32(text, SIZE));
    }

    /** Bytewise XOR; the order-free combination used for the grouped /keys hashes. */
    public HashCode xor(HashCode other) {
        byte[] a = raw();
        byte[] b = other.raw();
        byte[] out = new byte[SIZE];
        for (int i = 0; i < SIZE; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return new HashCode(out);
    }

    /** The first 32 bytes, as GNUnet derives a ShortHashCode. */
    public ShortHash truncate() {
        byte[] out = new byte[ShortHash.SIZE];
        System.arraycopy(raw(), 0, out, 0, ShortHash.SIZE);
        return new ShortHash(out);
    }
}

package net.taler.common.crypto;

/**
 * Fixed-size value that must never appear in logs: {@link #toString()} names
 * the type only. Use {@link #toBase32()} explicitly where the secret really
 * has to be written out.
 */
public abstract class SecretBytes extends FixedBytes {
    protected SecretBytes(byte[] value, int size) {
        super(value, size);
    }

    @Override
    public final String toString() {
        return getClass().getSimpleName() + "(<secret>)";
    }
}

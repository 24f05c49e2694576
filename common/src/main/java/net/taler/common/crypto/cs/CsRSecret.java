package net.taler.common.crypto.cs;

import net.taler.common.crypto.SecretBytes;

/**
 * One of the signer's two secret nonce scalars r0/r1 (clamped, little-endian).
 * Knowing r_b and the blind signature reveals the denomination private key,
 * hence secret; the exchange never stores it but re-derives it from the nonce.
 */
public final class CsRSecret extends SecretBytes {
    public static final int SIZE = 32;

    public CsRSecret(byte[] value) {
        super(value, SIZE);
    }
}

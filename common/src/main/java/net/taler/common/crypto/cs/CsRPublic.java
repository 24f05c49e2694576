package net.taler.common.crypto.cs;

import net.taler.common.crypto.FixedBytes;

/**
 * A public R point (32-byte Ed25519 encoding): the signer's R0/R1 sent in
 * {@code /csr-withdraw} / {@code /csr-melt}, or a client-blinded R' that ends
 * up in the final signature. Not validated on construction; operations that
 * need the point reject bad encodings.
 */
public final class CsRPublic extends FixedBytes {
    public static final int SIZE = 32;

    public CsRPublic(byte[] value) {
        super(value, SIZE);
    }

    public static CsRPublic fromBase32(String text) {
        return new CsRPublic(decodeBase32(text, SIZE));
    }
}

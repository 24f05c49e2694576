package net.taler.common.crypto.cs;

import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.FixedBytes;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;

/**
 * A CS blinded planchet: the two blinded challenges c0, c1 (32-byte scalars)
 * and the nonce. Stored as the 96 bytes {@code c0 || c1 || nonce}, which is
 * exactly the "envelope" that enters {@code h_coin_envelope} and the refresh
 * commitment (crypto.md 2.5.6). The challenges are taken as given (the signer
 * reduces them), as the C exchange does.
 */
public final class CsBlindedMessage extends FixedBytes {
    public static final int SIZE = 96;

    public CsBlindedMessage(byte[] envelope) {
        super(envelope, SIZE);
    }

    public CsBlindedMessage(byte[] c0, byte[] c1, CsNonce nonce) {
        this(concat(c0, c1, nonce));
    }

    /** c0 or c1 (32 bytes). */
    public byte[] c(int i) {
        if (i != 0 && i != 1) {
            throw new IllegalArgumentException("index must be 0 or 1");
        }
        return Arrays.copyOfRange(bytes(), 32 * i, 32 * i + 32);
    }

    public byte[] c0() {
        return c(0);
    }

    public byte[] c1() {
        return c(1);
    }

    public CsNonce nonce() {
        return new CsNonce(Arrays.copyOfRange(bytes(), 64, 96));
    }

    /** {@code h_coin_envelope = SHA512(h_denom_pub || u32be(2) || c0 || c1 || nonce)}. */
    public HashCode envelopeHash(HashCode denomPubHash) {
        return Hashes.sha512(denomPubHash.bytes(), CsPublicKey.u32be(CsPublicKey.CIPHER), bytes());
    }

    private static byte[] concat(byte[] c0, byte[] c1, CsNonce nonce) {
        Objects.requireNonNull(c0, "c0");
        Objects.requireNonNull(c1, "c1");
        Objects.requireNonNull(nonce, "nonce");
        if (c0.length != 32 || c1.length != 32) {
            throw new IllegalArgumentException("blinded challenges must be 32 bytes");
        }
        byte[] out = new byte[SIZE];
        System.arraycopy(c0, 0, out, 0, 32);
        System.arraycopy(c1, 0, out, 32, 32);
        System.arraycopy(nonce.bytes(), 0, out, 64, 32);
        return out;
    }
}

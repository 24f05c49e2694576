package net.taler.common.crypto.cs;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.Edwards25519;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.SecretBytes;

/**
 * The client's blinding scalars {@code α0 || β0 || α1 || β1} (4 × 32 bytes,
 * each clamped). Derived, never random, so a client (and the exchange when it
 * rechecks a refresh reveal) can recompute them from the blinding seed.
 */
public final class CsBlindingSecrets extends SecretBytes {
    public static final int SIZE = 128;

    private static final byte[] ALPHABETA = "alphabeta".getBytes(StandardCharsets.US_ASCII);

    public CsBlindingSecrets(byte[] value) {
        super(value, SIZE);
    }

    /** {@code KDF(128; "alphabeta"; seed)}, each 32-byte piece clamped (crypto.md 6.4). */
    public static CsBlindingSecrets derive(byte[] blindingSeed) {
        Objects.requireNonNull(blindingSeed, "blindingSeed");
        if (blindingSeed.length != 32) {
            throw new IllegalArgumentException("CS blinding seed must be 32 bytes");
        }
        byte[] raw = Kdf.kdf(SIZE, ALPHABETA, blindingSeed);
        byte[] out = new byte[SIZE];
        for (int i = 0; i < 4; i++) {
            byte[] piece = Edwards25519.clamp(Arrays.copyOfRange(raw, 32 * i, 32 * i + 32));
            System.arraycopy(piece, 0, out, 32 * i, 32);
            Arrays.fill(piece, (byte) 0);
        }
        Arrays.fill(raw, (byte) 0);
        CsBlindingSecrets bs = new CsBlindingSecrets(out);
        Arrays.fill(out, (byte) 0);
        return bs;
    }

    /**
     * The C client's secrets for a planchet: seed {@code KDF(32; "bseed"; ps;
     * R0 || R1)} (crypto.md 2.4), then {@link #derive(byte[])}.
     */
    public static CsBlindingSecrets forPlanchet(PlanchetMasterSecret ps, CsRPublicPair r) {
        return derive(ps.csBlindingSeed(r.r0().bytes(), r.r1().bytes()));
    }

    /** α_i (32 bytes, little-endian). */
    public byte[] alpha(int i) {
        return piece(i, 0);
    }

    /** β_i (32 bytes, little-endian). */
    public byte[] beta(int i) {
        return piece(i, 1);
    }

    private byte[] piece(int i, int which) {
        if (i != 0 && i != 1) {
            throw new IllegalArgumentException("index must be 0 or 1");
        }
        int off = 64 * i + 32 * which;
        return Arrays.copyOfRange(bytes(), off, off + 32);
    }
}

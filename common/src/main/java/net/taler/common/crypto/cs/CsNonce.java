package net.taler.common.crypto.cs;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Objects;

import net.taler.common.crypto.FixedBytes;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.PlanchetMasterSecret;

/**
 * The client's 32-byte Clause-Schnorr session nonce. The exchange derives its
 * R values from it deterministically (so a crashed request can be repeated),
 * which is why the exchange must refuse to sign two different messages under
 * one nonce (nonce-lock table).
 */
public final class CsNonce extends FixedBytes {
    public static final int SIZE = 32;

    private static final byte[] REFRESH_N = "refresh-n".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    public CsNonce(byte[] value) {
        super(value, SIZE);
    }

    public static CsNonce fromBase32(String text) {
        return new CsNonce(decodeBase32(text, SIZE));
    }

    /** A fresh random nonce. */
    public static CsNonce random() {
        byte[] b = new byte[SIZE];
        RANDOM.nextBytes(b);
        return new CsNonce(b);
    }

    /** Withdraw nonce of the C client: {@code KDF(32; "n"; ps)} (crypto.md 7.5). */
    public static CsNonce forWithdraw(PlanchetMasterSecret ps) {
        return new CsNonce(ps.csWithdrawNonce());
    }

    /**
     * Refresh nonce of fresh coin {@code index}: {@code KDF(32; u32be(index);
     * "refresh-n"; rms)}; the same for all three cut-and-choose sessions.
     */
    public static CsNonce forRefresh(byte[] refreshMasterSecret, int index) {
        Objects.requireNonNull(refreshMasterSecret, "refreshMasterSecret");
        if (refreshMasterSecret.length != 32) {
            throw new IllegalArgumentException("refresh master secret must be 32 bytes");
        }
        byte[] salt = {(byte) (index >>> 24), (byte) (index >>> 16), (byte) (index >>> 8), (byte) index};
        return new CsNonce(Kdf.kdf(SIZE, salt, REFRESH_N, refreshMasterSecret));
    }
}

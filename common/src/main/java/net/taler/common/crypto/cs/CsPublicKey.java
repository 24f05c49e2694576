package net.taler.common.crypto.cs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import net.taler.common.crypto.FixedBytes;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;

/**
 * Clause-Schnorr denomination public key X (32-byte Ed25519 point). Any 32
 * bytes can be held (they arrive from JSON and the secmod); {@link #isValid()}
 * tells whether X is a usable prime-order point, and blinding/verification
 * treat an invalid key as an error. The 30 KiB multiplication table of X is
 * built on first use and shared through a small cache, so re-parsing the same
 * key per request stays cheap.
 */
public final class CsPublicKey extends FixedBytes {
    public static final int SIZE = 32;
    /** Cipher number of CS in {@code h_denom_pub} and envelope hashes. */
    public static final int CIPHER = 2;

    private static final int CACHE_LIMIT = 256;
    private static final Map<CsPublicKey, Optional<CsCurve.Table>> TABLES = new ConcurrentHashMap<>();

    private volatile Optional<CsCurve.Table> table;

    public CsPublicKey(byte[] value) {
        super(value, SIZE);
    }

    public static CsPublicKey fromBase32(String text) {
        return new CsPublicKey(decodeBase32(text, SIZE));
    }

    /**
     * True if X is canonical, on the curve, not the identity and in the
     * prime-order subgroup (libsodium {@code crypto_core_ed25519_is_valid_point}).
     */
    public boolean isValid() {
        return state().isPresent();
    }

    /** {@code SHA512(X)}: the key id ("h_cs") the CS secmod uses (secmod.md). */
    public HashCode secmodHash() {
        return Hashes.sha512(bytes());
    }

    /** {@code h_denom_pub = SHA512(u32be(ageMask) || u32be(2) || X)} (crypto.md 2.5.4). */
    public HashCode denomPubHash(int ageMask) {
        return Hashes.sha512(u32be(ageMask), u32be(CIPHER), bytes());
    }

    /** Multiplication table of X; IllegalArgumentException if X is not a valid point. */
    CsCurve.Table table() {
        return state().orElseThrow(() -> new IllegalArgumentException("invalid CS public key"));
    }

    /** The table if X is valid (for callers that must answer "false" instead of throwing). */
    Optional<CsCurve.Table> state() {
        Optional<CsCurve.Table> t = table;
        if (t == null) {
            t = TABLES.get(this);
            if (t == null) {
                t = compute(bytes());
                if (TABLES.size() >= CACHE_LIMIT) {
                    TABLES.clear();
                }
                TABLES.put(this, t);
            }
            table = t;
        }
        return t;
    }

    private static Optional<CsCurve.Table> compute(byte[] enc) {
        CsCurve.Point p = CsCurve.decode(enc);
        if (p == null || CsCurve.isIdentity(p)) {
            return Optional.empty();
        }
        CsCurve.Table t = new CsCurve.Table(p);
        return CsCurve.hasOrderL(t) ? Optional.of(t) : Optional.empty();
    }

    static byte[] u32be(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}

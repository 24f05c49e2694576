package net.taler.testsupport.wallet;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.PlanchetMasterSecret;

/**
 * Deterministic secrets for replayable tests: the same seed always gives the same reserve key,
 * planchet secrets and age commitments, hence byte-identical requests (RSA blinding and EdDSA
 * signing are deterministic, and a CS nonce derived from the planchet secret yields the same
 * R values from the stateless {@code /csr-withdraw}). These derivations are private to this
 * test wallet; the exchange never sees the seed.
 */
public final class Seeds {
    private static final byte[] RESERVE = ascii("taler-java-test-wallet-reserve");
    private static final byte[] PLANCHET = ascii("taler-java-test-wallet-planchet");
    private static final byte[] AGE = ascii("taler-java-test-wallet-age");

    private Seeds() {
    }

    /** Reserve private key {@code KDF(32; "reserve"; seed; label)}. */
    public static EddsaPrivateKey reserveKey(byte[] seed) {
        return new EddsaPrivateKey(Kdf.kdf(32, ascii("reserve"), requireSeed(seed), RESERVE));
    }

    /** Planchet master secret of coin {@code index}: {@code KDF(32; u32be(index); seed; label)}. */
    public static PlanchetMasterSecret planchetSecret(byte[] seed, int index) {
        return new PlanchetMasterSecret(Kdf.kdf(PlanchetMasterSecret.SIZE, u32be(index), requireSeed(seed), PLANCHET));
    }

    /** Seed of the age commitment of the coin with planchet secret {@code ps}. */
    public static byte[] ageCommitmentSeed(PlanchetMasterSecret ps) {
        return Kdf.kdf(32, ascii("age"), ps.bytes(), AGE);
    }

    private static byte[] requireSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length == 0) {
            throw new IllegalArgumentException("empty seed");
        }
        return seed;
    }

    private static byte[] u32be(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

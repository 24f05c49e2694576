package net.taler.common.coin;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.CsRPublicPair;

/**
 * The two per-coin secrets a planchet is built from: the coin's EdDSA private key and the
 * 32-byte blinding secret (the RSA {@code bks}, or for CS the blinding seed; C keeps both in
 * one union, and recoup sends either as {@code coin_blind_key_secret}). The static methods
 * are the derivations of crypto.md 2.4.
 *
 * @param coinPriv the coin private key
 * @param blindingKeySecret RSA blinding key secret or CS blinding seed
 */
public record CoinSecrets(EddsaPrivateKey coinPriv, BlindingKeySecret blindingKeySecret) {
    private static final byte[] WITHDRAWAL_INFO = ascii("taler-withdrawal-coin-derivation");
    private static final byte[] TIP_INFO = ascii("taler-tip-coin-derivation");

    public CoinSecrets {
        Objects.requireNonNull(coinPriv, "coinPriv");
        Objects.requireNonNull(blindingKeySecret, "blindingKeySecret");
    }

    public EddsaPublicKey coinPub() {
        return coinPriv.publicKey();
    }

    /**
     * The wallet's withdrawal derivation ({@code setupWithdrawalPlanchet}, client-side only):
     * {@code KDF(64; u32be(coinIndex); seed; "taler-withdrawal-coin-derivation")}, bytes
     * 0..31 the coin key, 32..63 the RSA bks.
     *
     * @param seed the withdrawal group's secret seed (opaque, the wallet uses 32 bytes)
     * @param coinIndex coin number, an unsigned 32-bit value
     */
    public static CoinSecrets walletWithdrawal(byte[] seed, int coinIndex) {
        return split(seed, coinIndex, WITHDRAWAL_INFO);
    }

    /** The wallet's tip derivation ({@code setupTipPlanchet}): as withdrawal with {@code "taler-tip-coin-derivation"}. */
    public static CoinSecrets walletTip(byte[] seed, int planchetIndex) {
        return split(seed, planchetIndex, TIP_INFO);
    }

    /**
     * From a planchet master secret as C clients and refresh do (crypto.md 2.4):
     * RSA {@code coin = KDF(32; "coin"; ps)}, {@code bks = KDF(32; "bks"; ps)}; CS the same
     * with {@code R0 || R1} as context and {@code "bseed"} for the blinding seed.
     *
     * @param csValues the exchange's (R0, R1) for CS, ignored (may be null) for RSA
     * @throws IllegalArgumentException if CS values are missing for a CS denomination
     */
    public static CoinSecrets fromPlanchetSecret(PlanchetMasterSecret ps, int cipher, CsRPublicPair csValues) {
        Objects.requireNonNull(ps, "ps");
        switch (cipher) {
            case DenominationKey.CIPHER_RSA:
                return new CoinSecrets(ps.coinPrivateKey(), ps.blindingKeySecret());
            case DenominationKey.CIPHER_CS:
                if (csValues == null) {
                    throw new IllegalArgumentException("CS planchet needs the exchange's R values");
                }
                byte[] r0 = csValues.r0().bytes();
                byte[] r1 = csValues.r1().bytes();
                return new CoinSecrets(ps.coinPrivateKeyCs(r0, r1), new BlindingKeySecret(ps.csBlindingSeed(r0, r1)));
            default:
                throw new IllegalArgumentException("unknown cipher " + cipher);
        }
    }

    private static CoinSecrets split(byte[] seed, int index, byte[] info) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length == 0) {
            throw new IllegalArgumentException("empty seed");
        }
        byte[] out = Kdf.kdf(64, u32be(index), seed, info);
        try {
            return new CoinSecrets(new EddsaPrivateKey(Arrays.copyOfRange(out, 0, 32)),
                    new BlindingKeySecret(Arrays.copyOfRange(out, 32, 64)));
        } finally {
            Arrays.fill(out, (byte) 0);
        }
    }

    static byte[] u32be(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

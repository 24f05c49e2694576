package net.taler.common.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Per-coin 32-byte secret from which the coin key and blinding secret are
 * derived (crypto.md 2.4). The exchange needs these derivations to recheck a
 * refresh reveal.
 */
public final class PlanchetMasterSecret extends SecretBytes {
    public static final int SIZE = 32;

    private static final byte[] COIN_DERIVATION = ascii("taler-coin-derivation");
    private static final byte[] COIN = ascii("coin");
    private static final byte[] BKS = ascii("bks");
    private static final byte[] BSEED = ascii("bseed");
    private static final byte[] NONCE = ascii("n");

    public PlanchetMasterSecret(byte[] value) {
        super(value, SIZE);
    }

    public static PlanchetMasterSecret fromBase32(String text) {
        return new PlanchetMasterSecret(decodeBase32(text, SIZE));
    }

    /** {@code KDF(32; u32be(i); transfer secret; "taler-coin-derivation")}. */
    public static PlanchetMasterSecret fromTransferSecret(TransferSecret secret, int coinIndex) {
        return new PlanchetMasterSecret(Kdf.kdf(SIZE, u32be(coinIndex), secret.raw(), COIN_DERIVATION));
    }

    /** Coin private key for an RSA denomination: {@code KDF(32; "coin"; ps)}. */
    public EddsaPrivateKey coinPrivateKey() {
        return new EddsaPrivateKey(Kdf.kdf(EddsaPrivateKey.SIZE, COIN, raw()));
    }

    /** Coin private key for a CS denomination: {@code KDF(32; "coin"; ps; R0 || R1)}. */
    public EddsaPrivateKey coinPrivateKeyCs(byte[] r0, byte[] r1) {
        return new EddsaPrivateKey(Kdf.kdf(EddsaPrivateKey.SIZE, COIN, raw(), r0, r1));
    }

    /** RSA blinding key secret: {@code KDF(32; "bks"; ps)}. */
    public BlindingKeySecret blindingKeySecret() {
        return new BlindingKeySecret(Kdf.kdf(BlindingKeySecret.SIZE, BKS, raw()));
    }

    /** CS blinding seed (32 bytes): {@code KDF(32; "bseed"; ps; R0 || R1)}. */
    public byte[] csBlindingSeed(byte[] r0, byte[] r1) {
        return Kdf.kdf(32, BSEED, raw(), r0, r1);
    }

    /** CS withdraw nonce (32 bytes, C clients): {@code KDF(32; "n"; ps)}. */
    public byte[] csWithdrawNonce() {
        return Kdf.kdf(32, NONCE, raw());
    }

    static byte[] u32be(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

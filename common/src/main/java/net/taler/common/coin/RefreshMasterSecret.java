package net.taler.common.coin;

import java.util.Objects;

import net.taler.common.crypto.EcdhePrivateKey;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.SecretBytes;
import net.taler.common.crypto.cs.CsNonce;

/**
 * The C client's 32-byte refresh master secret {@code rms} (crypto.md 7.5). It seeds the
 * transfer keys and the CS refresh nonces; a client that refreshes into a CS denomination
 * sends it in melt and reveal and it then prefixes the refresh commitment. The Dec 2022
 * wallet has none.
 */
public final class RefreshMasterSecret extends SecretBytes {
    public static final int SIZE = 32;

    private static final byte[] TRANSFER_PRIV_INFO = CoinSecrets.ascii("taler-transfer-priv-derivation");

    public RefreshMasterSecret(byte[] value) {
        super(value, SIZE);
    }

    public static RefreshMasterSecret fromBase32(String text) {
        return new RefreshMasterSecret(decodeBase32(text, SIZE));
    }

    /** A fresh random secret. */
    public static RefreshMasterSecret generate() {
        byte[] b = new byte[SIZE];
        new java.security.SecureRandom().nextBytes(b);
        return new RefreshMasterSecret(b);
    }

    /**
     * C transfer key {@code i} ({@code TALER_planchet_secret_to_transfer_priv}):
     * {@code KDF(32; u32be(i); old_coin_priv; rms, "taler-transfer-priv-derivation")}.
     */
    public EcdhePrivateKey transferPrivateKey(EddsaPrivateKey oldCoinPriv, int index) {
        Objects.requireNonNull(oldCoinPriv, "oldCoinPriv");
        return new EcdhePrivateKey(Kdf.kdf(EcdhePrivateKey.SIZE, CoinSecrets.u32be(index), oldCoinPriv.bytes(),
                bytes(), TRANSFER_PRIV_INFO));
    }

    /** CS nonce of fresh coin {@code index}, the same for all cut-and-choose indices. */
    public CsNonce csNonce(int index) {
        return CsNonce.forRefresh(bytes(), index);
    }
}

package net.taler.common.crypto;

import java.util.Optional;

/**
 * Refresh transfer secret (64 bytes): SHA-512 of the X25519 point shared by a
 * transfer key and the melted coin's key (crypto.md 4.2). The exchange
 * recomputes it in {@code /reveal} from the disclosed transfer private keys to
 * re-derive the fresh coins; the coin owner recomputes it from {@code /link}.
 */
public final class TransferSecret extends SecretBytes {
    public static final int SIZE = 64;

    public TransferSecret(byte[] value) {
        super(value, SIZE);
    }

    public static TransferSecret fromBase32(String text) {
        return new TransferSecret(decodeBase32(text, SIZE));
    }

    /** From the transfer private key and the old coin's public key (exchange / melting wallet). */
    public static Optional<TransferSecret> derive(EcdhePrivateKey transferPriv, EddsaPublicKey oldCoinPub) {
        return Ecdh.ecdhEddsa(transferPriv, oldCoinPub).map(h -> new TransferSecret(h.raw()));
    }

    /** From the old coin's private key and the transfer public key (linking wallet). */
    public static Optional<TransferSecret> derive(EddsaPrivateKey oldCoinPriv, EcdhePublicKey transferPub) {
        return Ecdh.eddsaEcdh(oldCoinPriv, transferPub).map(h -> new TransferSecret(h.raw()));
    }

    /** Planchet master secret of fresh coin {@code coinIndex} ({@code TALER_transfer_secret_to_planchet_secret}). */
    public PlanchetMasterSecret planchetSecret(int coinIndex) {
        return PlanchetMasterSecret.fromTransferSecret(this, coinIndex);
    }
}

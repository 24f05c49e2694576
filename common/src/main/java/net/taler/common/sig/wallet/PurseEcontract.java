package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Purse key's signature over an encrypted contract uploaded with a purse. The exchange
 * stores the contract opaquely and does not interpret {@code contractPub}: the Dec 2022
 * wallet puts an Ed25519 public key there, C clients an X25519 one.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_PURSE_ECONTRACT}), {@value #SIZE} bytes.
 * Signed by: purse key.
 * Verified by: httpd.
 *
 * @param hEcontract SHA-512 of the encrypted contract as uploaded (crypto.md 2.5.9)
 * @param contractPub the contract key (32 bytes, opaque to the exchange)
 */
public record PurseEcontract(
        HashCode hEcontract,
        EcdhePublicKey contractPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_PURSE_ECONTRACT}). */
    public static final int PURPOSE = Purposes.WALLET_PURSE_ECONTRACT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 104;

    public PurseEcontract {
        Objects.requireNonNull(hEcontract, "hEcontract");
        Objects.requireNonNull(contractPub, "contractPub");
    }

    /** Hashes the encrypted contract bytes (nonce || ciphertext). */
    public static PurseEcontract of(byte[] econtract, EcdhePublicKey contractPub) {
        return new PurseEcontract(Hashes.sha512(econtract), contractPub);
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hEcontract)
                .bytes(contractPub)
                .build();
    }
}

package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's certification of an online signing key ({@code /keys}
 * {@code signkeys[].master_sig}). Unlike {@link DenominationKeyValidity} the key comes
 * last.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_SIGNING_KEY_VALIDITY}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, C client (merchant), auditor.
 *
 * @param start {@code stamp_start}: when the key may start signing
 * @param expireSign {@code stamp_expire}: end of signing use
 * @param expireLegal {@code stamp_end}: end of legal validity of its signatures
 * @param signkeyPub the online signing key ({@code exchange_pub})
 */
public record SigningKeyValidity(
        Timestamp start,
        Timestamp expireSign,
        Timestamp expireLegal,
        EddsaPublicKey signkeyPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_SIGNING_KEY_VALIDITY}). */
    public static final int PURPOSE = Purposes.MASTER_SIGNING_KEY_VALIDITY;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 64;

    public SigningKeyValidity {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(expireSign, "expireSign");
        Objects.requireNonNull(expireLegal, "expireLegal");
        Objects.requireNonNull(signkeyPub, "signkeyPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(start)
                .timestamp(expireSign)
                .timestamp(expireLegal)
                .bytes(signkeyPub)
                .build();
    }
}

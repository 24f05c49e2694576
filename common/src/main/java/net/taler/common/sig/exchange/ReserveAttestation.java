package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's attestation of KYC attributes of a reserve's owner.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_RESERVE_ATTEST_DETAILS}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param attestTimestamp when the attestation was made
 * @param expirationTime when the attestation expires
 * @param reservePub the reserve
 * @param hAttributes {@code TALER_json_hash} of the attested attributes (crypto.md 2.5.12)
 */
public record ReserveAttestation(
        Timestamp attestTimestamp,
        Timestamp expirationTime,
        EddsaPublicKey reservePub,
        HashCode hAttributes) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_RESERVE_ATTEST_DETAILS}). */
    public static final int PURPOSE = Purposes.EXCHANGE_RESERVE_ATTEST_DETAILS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 120;

    public ReserveAttestation {
        Objects.requireNonNull(attestTimestamp, "attestTimestamp");
        Objects.requireNonNull(expirationTime, "expirationTime");
        Objects.requireNonNull(reservePub, "reservePub");
        Objects.requireNonNull(hAttributes, "hAttributes");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(attestTimestamp)
                .timestamp(expirationTime)
                .bytes(reservePub)
                .bytes(hAttributes)
                .build();
    }
}

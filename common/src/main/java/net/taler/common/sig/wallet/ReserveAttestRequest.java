package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Reserve owner's request for an attestation of KYC attributes.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_ATTEST_DETAILS}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd.
 *
 * @param requestTimestamp time of the request
 * @param hDetails {@code TALER_json_hash} of the requested attribute list (crypto.md 2.5.12)
 */
public record ReserveAttestRequest(
        Timestamp requestTimestamp,
        HashCode hDetails) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_ATTEST_DETAILS}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_ATTEST_DETAILS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 80;

    public ReserveAttestRequest {
        Objects.requireNonNull(requestTimestamp, "requestTimestamp");
        Objects.requireNonNull(hDetails, "hDetails");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(requestTimestamp)
                .bytes(hDetails)
                .build();
    }
}

package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Reserve owner's request for the reserve status.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_STATUS}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd.
 *
 * @param requestTimestamp time of the request
 */
public record ReserveStatusRequest(
        Timestamp requestTimestamp) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_STATUS}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_STATUS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 16;

    public ReserveStatusRequest {
        Objects.requireNonNull(requestTimestamp, "requestTimestamp");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(requestTimestamp)
                .build();
    }
}

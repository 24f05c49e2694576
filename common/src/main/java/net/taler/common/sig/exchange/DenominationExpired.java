package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's affirmation that a denomination is expired or not yet valid for an
 * operation (error replies).
 *
 * <p>The operation is a C {@code char[8]}: the ASCII name truncated to 8 bytes,
 * NUL-padded if shorter, without terminator if 8 or longer. So
 * {@code "RECOUP-REFRESH"} is signed as {@code "RECOUP-R"}, {@code "PURSE CREATE"}
 * as {@code "PURSE CR"} and {@code "csr-withdraw"} as {@code "csr-with"}; the
 * {@code OP_*} constants hold the full names the C exchange uses.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_AFFIRM_DENOM_EXPIRED}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param timestamp when the request was handled
 * @param operation the operation name, printable ASCII (truncated to 8 bytes when signed)
 * @param hDenomPub the denomination hash
 */
public record DenominationExpired(
        Timestamp timestamp,
        String operation,
        HashCode hDenomPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_AFFIRM_DENOM_EXPIRED}). */
    public static final int PURPOSE = Purposes.EXCHANGE_AFFIRM_DENOM_EXPIRED;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 88;
    /** Width of the operation field. */
    public static final int OPERATION_WIDTH = 8;

    public static final String OP_DEPOSIT = "DEPOSIT";
    public static final String OP_MELT = "MELT";
    public static final String OP_WITHDRAW = "WITHDRAW";
    public static final String OP_REVEAL = "REVEAL";
    public static final String OP_RECOUP = "RECOUP";
    public static final String OP_RECOUP_REFRESH = "RECOUP-REFRESH";
    public static final String OP_PURSE_CREATE = "PURSE CREATE";
    public static final String OP_CSR_MELT = "csr-melt";
    public static final String OP_CSR_WITHDRAW = "csr-withdraw";

    public DenominationExpired {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        for (int i = 0; i < operation.length(); i++) {
            char c = operation.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("operation must be printable ASCII: " + operation);
            }
        }
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(timestamp)
                .fixedString(operation, OPERATION_WIDTH)
                .bytes(hDenomPub)
                .build();
    }
}

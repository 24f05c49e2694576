package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's signature over its key set in {@code /keys}. Signed twice with the same
 * timestamp: {@code eddsa_sig} over SHA-512 of the concatenated {@code h_denom_pub} of the
 * {@code denoms} array, and {@code denominations_sig} over the XOR of all grouped
 * denomination hashes (crypto.md 2.5.11).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_KEY_SET}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client (merchant).
 *
 * @param listIssueDate {@code list_issue_date} of the reply
 * @param hash the key-set hash (one of the two variants above)
 */
public record KeySet(
        Timestamp listIssueDate,
        HashCode hash) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_KEY_SET}). */
    public static final int PURPOSE = Purposes.EXCHANGE_KEY_SET;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 80;

    public KeySet {
        Objects.requireNonNull(listIssueDate, "listIssueDate");
        Objects.requireNonNull(hash, "hash");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(listIssueDate)
                .bytes(hash)
                .build();
    }
}

package net.taler.common.bank;

import java.util.Objects;

import net.taler.common.time.Timestamp;

/**
 * The bank's answer to {@code POST transfer} and {@code POST admin/add-incoming}: where the
 * transaction is in the bank's history and when it was executed.
 *
 * @param rowId the bank's row id of the transaction
 * @param timestamp the bank's execution time
 */
public record TransferResult(long rowId, Timestamp timestamp) {
    public TransferResult {
        Objects.requireNonNull(timestamp, "timestamp");
    }
}

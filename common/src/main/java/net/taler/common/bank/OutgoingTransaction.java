package net.taler.common.bank;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.time.Timestamp;

/**
 * One entry of {@code history/outgoing}: a debit of the exchange's account made via
 * {@code transfer}.
 *
 * @param rowId the bank's row id
 * @param date when the bank executed the transfer
 * @param amount the debited amount
 * @param debitAccount payto URI of the exchange account debited
 * @param creditAccount payto URI of the receiver
 * @param exchangeBaseUrl the exchange base URL given in the transfer request
 * @param wtid the wire transfer identifier given in the transfer request
 */
public record OutgoingTransaction(long rowId, Timestamp date, Amount amount, String debitAccount,
        String creditAccount, String exchangeBaseUrl, WireTransferId wtid) {
    public OutgoingTransaction {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(debitAccount, "debitAccount");
        Objects.requireNonNull(creditAccount, "creditAccount");
        Objects.requireNonNull(exchangeBaseUrl, "exchangeBaseUrl");
        Objects.requireNonNull(wtid, "wtid");
    }
}

package net.taler.common.bank;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.time.Timestamp;

/**
 * One entry of {@code history/incoming}: a credit to the exchange's account whose subject was a
 * reserve public key.
 *
 * @param rowId the bank's row id (unique, increasing; the exchange's {@code wire_reference})
 * @param date when the bank executed the transfer
 * @param amount the credited amount
 * @param debitAccount payto URI of the payer
 * @param creditAccount payto URI of the exchange account credited
 * @param reservePub the reserve the money is for
 */
public record IncomingTransaction(long rowId, Timestamp date, Amount amount, String debitAccount,
        String creditAccount, EddsaPublicKey reservePub) {
    public IncomingTransaction {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(debitAccount, "debitAccount");
        Objects.requireNonNull(creditAccount, "creditAccount");
        Objects.requireNonNull(reservePub, "reservePub");
    }
}

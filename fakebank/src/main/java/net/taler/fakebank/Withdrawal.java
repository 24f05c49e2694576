package net.taler.fakebank;

import net.taler.common.amount.Amount;

/**
 * Snapshot of a bank-integrated withdrawal operation.
 *
 * @param id                      base32 withdrawal id
 * @param account                 the account that pays
 * @param amount                  amount to withdraw
 * @param selectedExchangeAccount payto URI chosen by the wallet, or null
 * @param selectedReservePub      reserve chosen by the wallet, or null
 * @param transferDone            confirmed: the credit to the exchange was booked
 * @param aborted                 aborted by the user
 * @param rowId                   the row of the booked credit (0 until confirmed)
 */
public record Withdrawal(String id, String account, Amount amount, String selectedExchangeAccount,
        String selectedReservePub, boolean transferDone, boolean aborted, long rowId) {
    public boolean selectionDone() {
        return selectedReservePub != null;
    }
}

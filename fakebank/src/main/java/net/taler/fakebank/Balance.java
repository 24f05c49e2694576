package net.taler.fakebank;

import net.taler.common.amount.Amount;

/**
 * A signed account balance: a magnitude plus whether it is a debit (negative). Zero is always
 * a credit.
 */
public record Balance(Amount amount, boolean debit) {
    public Balance {
        if (amount.isZero()) {
            debit = false;
        }
    }

    public static Balance zero(String currency) {
        return new Balance(Amount.zero(currency), false);
    }

    /** {@code "credit"} or {@code "debit"} as in the bank access API. */
    public String indicator() {
        return debit ? "debit" : "credit";
    }

    /** This balance plus {@code a}. */
    public Balance credit(Amount a) {
        if (!debit) {
            return new Balance(amount.add(a), false);
        }
        return amount.compare(a) > 0 ? new Balance(amount.subtract(a), true) : new Balance(a.subtract(amount), false);
    }

    /** This balance minus {@code a} (may go negative without limit). */
    public Balance debit(Amount a) {
        if (debit) {
            return new Balance(amount.add(a), true);
        }
        return amount.compare(a) >= 0 ? new Balance(amount.subtract(a), false) : new Balance(a.subtract(amount), true);
    }
}

package net.taler.common.keys;

import java.util.List;
import java.util.Objects;

import net.taler.common.amount.Amount;

/**
 * The four fees of a denomination (exchange-api.md 2.2: {@code fee_withdraw},
 * {@code fee_deposit}, {@code fee_refresh}, {@code fee_refund}), all in one currency.
 */
public record DenominationFees(Amount withdraw, Amount deposit, Amount refresh, Amount refund) {
    public DenominationFees {
        Objects.requireNonNull(withdraw, "withdraw");
        Objects.requireNonNull(deposit, "deposit");
        Objects.requireNonNull(refresh, "refresh");
        Objects.requireNonNull(refund, "refund");
        for (Amount a : List.of(deposit, refresh, refund)) {
            if (!a.sameCurrency(withdraw)) {
                throw new IllegalArgumentException("denomination fees in different currencies: " + withdraw + ", " + a);
            }
        }
    }

    /** The fees in the order withdraw, deposit, refresh, refund. */
    public List<Amount> all() {
        return List.of(withdraw, deposit, refresh, refund);
    }
}

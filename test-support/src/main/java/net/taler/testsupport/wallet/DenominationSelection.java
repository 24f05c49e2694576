package net.taler.testsupport.wallet;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.time.Timestamp;

/**
 * The coins a wallet withdraws for an amount, chosen like wallet-core's
 * {@code selectWithdrawalDenominations}: only denominations withdrawable now
 * ({@link Denomination#isWithdrawable}), largest value first, as many of each as fit while
 * value + withdraw fee does not exceed what is left.
 *
 * @param denominations one entry per coin, largest first
 * @param totalValue sum of the coin values
 * @param totalCost sum of value + withdraw fee (what the reserve is debited)
 */
public record DenominationSelection(List<Denomination> denominations, Amount totalValue, Amount totalCost) {
    /** Most coins one selection may produce. */
    public static final int MAX_COINS = 4096;

    /** Largest value first; among equal values the one valid longest, then by hash (deterministic). */
    private static final Comparator<Denomination> ORDER = Comparator
            .comparing(Denomination::value, Amount::compare).reversed()
            .thenComparing(Denomination::stampExpireWithdraw, Comparator.reverseOrder())
            .thenComparing(d -> d.hash().toBase32());

    public DenominationSelection {
        denominations = List.copyOf(denominations);
        Objects.requireNonNull(totalValue, "totalValue");
        Objects.requireNonNull(totalCost, "totalCost");
    }

    /** Number of coins. */
    public int size() {
        return denominations.size();
    }

    /** True if not a single coin fits. */
    public boolean isEmpty() {
        return denominations.isEmpty();
    }

    /**
     * Selects coins for {@code amount} (the amount available in the reserve, fees included).
     *
     * @param candidates denominations on offer (e.g. {@link ExchangeKeys#withdrawable} or all)
     * @param now the time for the validity check
     * @throws IllegalArgumentException if more than {@link #MAX_COINS} coins would be needed
     */
    public static DenominationSelection select(Collection<Denomination> candidates, Amount amount, Timestamp now) {
        Objects.requireNonNull(amount, "amount");
        List<Denomination> usable = new ArrayList<>();
        for (Denomination d : candidates) {
            if (d.isWithdrawable(now) && d.value().isCurrency(amount.currency()) && !d.withdrawCost().isZero()) {
                usable.add(d);
            }
        }
        usable.sort(ORDER);
        List<Denomination> out = new ArrayList<>();
        Amount remaining = amount;
        Amount value = Amount.zero(amount.currency());
        Amount cost = Amount.zero(amount.currency());
        for (Denomination d : usable) {
            Amount c = d.withdrawCost();
            while (c.compare(remaining) <= 0) {
                if (out.size() >= MAX_COINS) {
                    throw new IllegalArgumentException(amount + " needs more than " + MAX_COINS + " coins");
                }
                out.add(d);
                remaining = remaining.subtract(c);
                value = value.add(d.value());
                cost = cost.add(c);
            }
        }
        return new DenominationSelection(out, value, cost);
    }
}

package net.taler.common.keys;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * The master-signed global fees for the period [{@code startDate}, {@code endDate}) (table
 * {@code global_fee}; {@code global_fees} of {@code /keys}).
 *
 * @param historyFee        fee for a reserve history request
 * @param accountFee        fee for opening a reserve (account)
 * @param purseFee          fee for a purse that does not use the reserve's purse quota
 * @param purseTimeout      how long an unmerged purse lives at most
 * @param historyExpiration how long the exchange keeps a reserve's history
 * @param purseAccountLimit purses a reserve may have open without paying the purse fee
 * @param masterSig         master signature over all of the above
 */
public record GlobalFee(Timestamp startDate, Timestamp endDate, Amount historyFee, Amount accountFee,
                        Amount purseFee, RelativeTime purseTimeout, RelativeTime historyExpiration,
                        int purseAccountLimit, EddsaSignature masterSig) {
}

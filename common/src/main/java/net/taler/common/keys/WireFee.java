package net.taler.common.keys;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.Timestamp;

/**
 * The master-signed wire fees of one wire method for the period [{@code startDate},
 * {@code endDate}) (table {@code wire_fee}; {@code fees} of {@code /wire}).
 *
 * @param wireMethod the payto target type, e.g. {@code iban} or {@code x-taler-bank}
 * @param wireFee    what an aggregated transfer to a merchant costs
 * @param closingFee what closing a reserve (wiring it back) costs
 * @param masterSig  master signature over method, period and fees
 */
public record WireFee(String wireMethod, Timestamp startDate, Timestamp endDate, Amount wireFee,
                      Amount closingFee, EddsaSignature masterSig) {
}

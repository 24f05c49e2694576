package net.taler.common.keys;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.Timestamp;

/**
 * A bank account of the exchange as announced in {@code /wire} (table {@code wire_accounts}).
 *
 * @param paytoUri   the account
 * @param masterSig  master signature over the payto URI ({@code master_sig} of {@code /wire})
 * @param active     whether it is enabled
 * @param lastChange the validity timestamp of the last enable/disable (later uploads win)
 */
public record WireAccount(String paytoUri, EddsaSignature masterSig, boolean active, Timestamp lastChange) {
}

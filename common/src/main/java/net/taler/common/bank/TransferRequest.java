package net.taler.common.bank;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.WireTransferId;

/**
 * The body of {@code POST transfer}. The bank deduplicates on {@code requestUid}: the caller
 * generates it once and stores it with the transfer, so that re-sending after a crash returns the
 * original result instead of paying twice.
 *
 * @param requestUid 64 random bytes chosen once per transfer
 * @param amount what to pay
 * @param exchangeBaseUrl the exchange's base URL (part of the transfer subject)
 * @param wtid the wire transfer identifier (part of the transfer subject)
 * @param creditAccount payto URI of the receiver
 */
public record TransferRequest(HashCode requestUid, Amount amount, String exchangeBaseUrl, WireTransferId wtid,
        String creditAccount) {
    public TransferRequest {
        Objects.requireNonNull(requestUid, "requestUid");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(exchangeBaseUrl, "exchangeBaseUrl");
        Objects.requireNonNull(wtid, "wtid");
        Objects.requireNonNull(creditAccount, "creditAccount");
    }
}

package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's authorisation to drain profits from the exchange's escrow account to a
 * target account ({@code taler-exchange-offline drain}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_DRAIN_PROFIT}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, auditor.
 *
 * @param wtid identifier of the outgoing drain transfer
 * @param date when the drain was authorised
 * @param amount amount to drain
 * @param hSection SHA-512 of the exchange account's config section name including its NUL ({@link Hashes#hashString})
 * @param hPayto {@code h_payto} of the target account
 */
public record DrainProfit(
        WireTransferId wtid,
        Timestamp date,
        Amount amount,
        HashCode hSection,
        ShortHash hPayto) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_DRAIN_PROFIT}). */
    public static final int PURPOSE = Purposes.MASTER_DRAIN_PROFIT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 168;

    public DrainProfit {
        Objects.requireNonNull(wtid, "wtid");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(hSection, "hSection");
        Objects.requireNonNull(hPayto, "hPayto");
    }

    /** Hashes the account section name and the target payto URI (crypto.md 2.5.1, 2.5.3). */
    public static DrainProfit of(WireTransferId wtid, Timestamp date, Amount amount, String accountSection,
            String paytoUri) {
        return new DrainProfit(wtid, date, amount, Hashes.hashString(accountSection), Hashes.hPayto(paytoUri));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(wtid)
                .timestamp(date)
                .amount(amount)
                .bytes(hSection)
                .bytes(hPayto)
                .build();
    }
}

package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's statement that a reserve was closed (reserve history CLOSING entries).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_RESERVE_CLOSED}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param timestamp when the reserve was closed
 * @param closingAmount amount wired back
 * @param closingFee closing fee charged
 * @param reservePub the closed reserve
 * @param hPayto {@code h_payto} of the receiving account
 * @param wtid identifier of the wire transfer
 */
public record ReserveClosed(
        Timestamp timestamp,
        Amount closingAmount,
        Amount closingFee,
        EddsaPublicKey reservePub,
        ShortHash hPayto,
        WireTransferId wtid) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_RESERVE_CLOSED}). */
    public static final int PURPOSE = Purposes.EXCHANGE_RESERVE_CLOSED;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 160;

    public ReserveClosed {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(closingAmount, "closingAmount");
        Objects.requireNonNull(closingFee, "closingFee");
        Objects.requireNonNull(reservePub, "reservePub");
        Objects.requireNonNull(hPayto, "hPayto");
        Objects.requireNonNull(wtid, "wtid");
    }

    /** Hashes the receiver's payto URI (crypto.md 2.5.1). */
    public static ReserveClosed of(Timestamp timestamp, Amount closingAmount, Amount closingFee,
            EddsaPublicKey reservePub, String receiverPayto, WireTransferId wtid) {
        return new ReserveClosed(timestamp, closingAmount, closingFee, reservePub, Hashes.hPayto(receiverPayto), wtid);
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(timestamp)
                .amount(closingAmount)
                .amount(closingFee)
                .bytes(reservePub)
                .bytes(hPayto)
                .bytes(wtid)
                .build();
    }
}

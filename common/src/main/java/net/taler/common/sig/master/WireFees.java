package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's signature over the wire fees of one wire method and period ({@code /wire}
 * {@code fees[method][].sig}). There is no wad fee in Dec 2022.
 *
 * <p><b>Wallet compatibility:</b> the Dec 2022 wallet verifies this signature and cannot
 * decode the symbolic {@code "never"} (it throws), so none of the timestamps may be
 * {@link Timestamp#NEVER} when this is published; check with {@link #walletCompatible()}
 * before signing (crypto.md 1.5, pitfall 7).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_WIRE_FEES}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, wallet, C client.
 *
 * @param hWireMethod SHA-512 of the wire method name (e.g. {@code x-taler-bank}) including its NUL
 * @param startDate first day the fees apply
 * @param endDate end of the period (exclusive)
 * @param wireFee fee per aggregated wire transfer
 * @param closingFee fee for closing a reserve
 */
public record WireFees(
        HashCode hWireMethod,
        Timestamp startDate,
        Timestamp endDate,
        Amount wireFee,
        Amount closingFee) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_WIRE_FEES}). */
    public static final int PURPOSE = Purposes.MASTER_WIRE_FEES;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 136;

    public WireFees {
        Objects.requireNonNull(hWireMethod, "hWireMethod");
        Objects.requireNonNull(startDate, "startDate");
        Objects.requireNonNull(endDate, "endDate");
        Objects.requireNonNull(wireFee, "wireFee");
        Objects.requireNonNull(closingFee, "closingFee");
    }

    /** Hashes the wire method name (with NUL). */
    public static WireFees forMethod(String wireMethod, Timestamp startDate, Timestamp endDate, Amount wireFee,
            Amount closingFee) {
        return new WireFees(Hashes.hashString(wireMethod), startDate, endDate, wireFee, closingFee);
    }

    /** True if no time is "never"/"forever", i.e. the wallet can verify this signature. */
    public boolean walletCompatible() {
        return !startDate.isNever()
                && !endDate.isNever();
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hWireMethod)
                .timestamp(startDate)
                .timestamp(endDate)
                .amount(wireFee)
                .amount(closingFee)
                .build();
    }
}

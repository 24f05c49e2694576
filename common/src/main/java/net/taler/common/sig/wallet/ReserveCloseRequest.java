package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Reserve owner's request to close the reserve.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_RESERVE_CLOSE}), {@value #SIZE} bytes.
 * Signed by: reserve key.
 * Verified by: httpd.
 *
 * @param requestTimestamp time of the request
 * @param targetHPayto {@code h_payto} of the target account, {@link ShortHash#ZERO} if none was given
 */
public record ReserveCloseRequest(
        Timestamp requestTimestamp,
        ShortHash targetHPayto) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_RESERVE_CLOSE}). */
    public static final int PURPOSE = Purposes.WALLET_RESERVE_CLOSE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 48;

    public ReserveCloseRequest {
        Objects.requireNonNull(requestTimestamp, "requestTimestamp");
        Objects.requireNonNull(targetHPayto, "targetHPayto");
    }

    /** Hashes the target payto URI; {@code null} means "no target" (zero hash). */
    public static ReserveCloseRequest of(Timestamp requestTimestamp, String targetPaytoOrNull) {
        return new ReserveCloseRequest(requestTimestamp,
                targetPaytoOrNull == null ? ShortHash.ZERO : Hashes.hPayto(targetPaytoOrNull));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(requestTimestamp)
                .bytes(targetHPayto)
                .build();
    }
}

package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Merge key's signature merging a purse into a reserve. The hashed URI is the reserve
 * payto URI ({@code payto://taler-reserve/...} or {@code payto://taler-reserve-http/...},
 * crypto.md 3.4.7).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_PURSE_MERGE}), {@value #SIZE} bytes.
 * Signed by: merge key.
 * Verified by: httpd.
 *
 * @param mergeTimestamp time of the merge
 * @param pursePub the purse
 * @param hReservePayto {@code h_payto} of the reserve payto URI
 */
public record PurseMerge(
        Timestamp mergeTimestamp,
        EddsaPublicKey pursePub,
        ShortHash hReservePayto) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_PURSE_MERGE}). */
    public static final int PURPOSE = Purposes.WALLET_PURSE_MERGE;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 80;

    public PurseMerge {
        Objects.requireNonNull(mergeTimestamp, "mergeTimestamp");
        Objects.requireNonNull(pursePub, "pursePub");
        Objects.requireNonNull(hReservePayto, "hReservePayto");
    }

    /** Hashes the reserve payto URI (with NUL). */
    public static PurseMerge of(Timestamp mergeTimestamp, EddsaPublicKey pursePub, String reservePaytoUri) {
        return new PurseMerge(mergeTimestamp, pursePub, Hashes.hPayto(reservePaytoUri));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .timestamp(mergeTimestamp)
                .bytes(pursePub)
                .bytes(hReservePayto)
                .build();
    }
}

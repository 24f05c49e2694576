package net.taler.common.sig.exchange;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Exchange's statement that KYC for an account succeeded.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_EXCHANGE_ACCOUNT_SETUP_SUCCESS}), {@value #SIZE} bytes.
 * Signed by: exchange online signing key (via secmod-eddsa).
 * Verified by: C client.
 *
 * @param hPayto {@code h_payto} of the account
 * @param hKyc {@code TALER_json_hash} of the KYC details (crypto.md 2.5.12)
 * @param timestamp when KYC succeeded
 */
public record AccountSetupSuccess(
        ShortHash hPayto,
        HashCode hKyc,
        Timestamp timestamp) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_EXCHANGE_ACCOUNT_SETUP_SUCCESS}). */
    public static final int PURPOSE = Purposes.EXCHANGE_ACCOUNT_SETUP_SUCCESS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 112;

    public AccountSetupSuccess {
        Objects.requireNonNull(hPayto, "hPayto");
        Objects.requireNonNull(hKyc, "hKyc");
        Objects.requireNonNull(timestamp, "timestamp");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hPayto)
                .bytes(hKyc)
                .timestamp(timestamp)
                .build();
    }
}

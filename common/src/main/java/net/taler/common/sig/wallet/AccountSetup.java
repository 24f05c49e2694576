package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Wallet's request to set up (KYC) its account once its balance exceeds a threshold.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_ACCOUNT_SETUP}), {@value #SIZE} bytes.
 * Signed by: wallet account (reserve) key.
 * Verified by: httpd.
 *
 * @param balanceThreshold the balance threshold that triggers KYC
 */
public record AccountSetup(
        Amount balanceThreshold) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_ACCOUNT_SETUP}). */
    public static final int PURPOSE = Purposes.WALLET_ACCOUNT_SETUP;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 32;

    public AccountSetup {
        Objects.requireNonNull(balanceThreshold, "balanceThreshold");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .amount(balanceThreshold)
                .build();
    }
}

package net.taler.common.sig.master;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Master key's signature on a denomination ({@code /keys} {@code denoms[].master_sig}).
 * The master public key is the first field even though the verifier knows it.
 * {@code hDenomPub} covers the age mask (crypto.md 2.5.4).
 *
 * <p><b>Wallet compatibility:</b> the Dec 2022 wallet verifies this signature and cannot
 * decode the symbolic {@code "never"} (it throws), so none of the timestamps may be
 * {@link Timestamp#NEVER} when this is published; check with {@link #walletCompatible()}
 * before signing (crypto.md 1.5, pitfall 7).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_MASTER_DENOMINATION_KEY_VALIDITY}), {@value #SIZE} bytes.
 * Signed by: master key (offline tool).
 * Verified by: httpd on upload, wallet, C client, auditor.
 *
 * @param masterPub the exchange's master public key
 * @param start {@code stamp_start}
 * @param expireWithdraw {@code stamp_expire_withdraw}
 * @param expireDeposit {@code stamp_expire_deposit}
 * @param expireLegal {@code stamp_expire_legal}
 * @param value coin value
 * @param feeWithdraw withdraw fee
 * @param feeDeposit deposit fee
 * @param feeRefresh refresh (melt) fee
 * @param feeRefund refund fee
 * @param hDenomPub Taler denomination hash {@code h_denom_pub}
 */
public record DenominationKeyValidity(
        EddsaPublicKey masterPub,
        Timestamp start,
        Timestamp expireWithdraw,
        Timestamp expireDeposit,
        Timestamp expireLegal,
        Amount value,
        Amount feeWithdraw,
        Amount feeDeposit,
        Amount feeRefresh,
        Amount feeRefund,
        HashCode hDenomPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_MASTER_DENOMINATION_KEY_VALIDITY}). */
    public static final int PURPOSE = Purposes.MASTER_DENOMINATION_KEY_VALIDITY;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 256;

    public DenominationKeyValidity {
        Objects.requireNonNull(masterPub, "masterPub");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(expireWithdraw, "expireWithdraw");
        Objects.requireNonNull(expireDeposit, "expireDeposit");
        Objects.requireNonNull(expireLegal, "expireLegal");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(feeWithdraw, "feeWithdraw");
        Objects.requireNonNull(feeDeposit, "feeDeposit");
        Objects.requireNonNull(feeRefresh, "feeRefresh");
        Objects.requireNonNull(feeRefund, "feeRefund");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
    }

    /** True if no time is "never"/"forever", i.e. the wallet can verify this signature. */
    public boolean walletCompatible() {
        return !start.isNever()
                && !expireWithdraw.isNever()
                && !expireDeposit.isNever()
                && !expireLegal.isNever();
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(masterPub)
                .timestamp(start)
                .timestamp(expireWithdraw)
                .timestamp(expireDeposit)
                .timestamp(expireLegal)
                .amount(value)
                .amount(feeWithdraw)
                .amount(feeDeposit)
                .amount(feeRefresh)
                .amount(feeRefund)
                .bytes(hDenomPub)
                .build();
    }
}

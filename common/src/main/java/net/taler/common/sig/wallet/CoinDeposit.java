package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.time.Timestamp;

/**
 * Coin's signature on a deposit ({@code coin_sig}).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_COIN_DEPOSIT}), {@value #SIZE} bytes.
 * Signed by: coin key.
 * Verified by: httpd, auditor.
 *
 * @param hContractTerms contract hash
 * @param hAgeCommitment age commitment hash, {@link ShortHash#ZERO} if the coin has none
 * @param hPolicy policy hash, {@link HashCode#ZERO} if none (the Dec 2022 wallet always sends zero)
 * @param hWire salted merchant wire hash
 * @param hDenomPub Taler denomination hash of the coin
 * @param walletTimestamp the wallet's timestamp of the deposit
 * @param refundDeadline refund deadline from the contract
 * @param amountWithFee the coin's contribution including the deposit fee
 * @param depositFee the denomination's deposit fee
 * @param merchantPub the merchant
 */
public record CoinDeposit(
        HashCode hContractTerms,
        ShortHash hAgeCommitment,
        HashCode hPolicy,
        HashCode hWire,
        HashCode hDenomPub,
        Timestamp walletTimestamp,
        Timestamp refundDeadline,
        Amount amountWithFee,
        Amount depositFee,
        EddsaPublicKey merchantPub) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_COIN_DEPOSIT}). */
    public static final int PURPOSE = Purposes.WALLET_COIN_DEPOSIT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 392;

    public CoinDeposit {
        Objects.requireNonNull(hContractTerms, "hContractTerms");
        Objects.requireNonNull(hAgeCommitment, "hAgeCommitment");
        Objects.requireNonNull(hPolicy, "hPolicy");
        Objects.requireNonNull(hWire, "hWire");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(walletTimestamp, "walletTimestamp");
        Objects.requireNonNull(refundDeadline, "refundDeadline");
        Objects.requireNonNull(amountWithFee, "amountWithFee");
        Objects.requireNonNull(depositFee, "depositFee");
        Objects.requireNonNull(merchantPub, "merchantPub");
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hContractTerms)
                .bytes(hAgeCommitment)
                .bytes(hPolicy)
                .bytes(hWire)
                .bytes(hDenomPub)
                .timestamp(walletTimestamp)
                .timestamp(refundDeadline)
                .amount(amountWithFee)
                .amount(depositFee)
                .bytes(merchantPub)
                .build();
    }
}

package net.taler.common.sig.wallet;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.ShortHash;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;

/**
 * Coin's signature on a deposit into a purse. The URL hash is of the exchange's base URL
 * exactly as the wallet knows it, which must equal the exchange's configured base URL
 * (pitfall 6).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_PURSE_DEPOSIT}), {@value #SIZE} bytes.
 * Signed by: coin key.
 * Verified by: httpd, auditor.
 *
 * @param amount the coin's contribution including the deposit fee
 * @param hDenomPub Taler denomination hash of the coin
 * @param hAgeCommitment age commitment hash, {@link ShortHash#ZERO} if none
 * @param pursePub the purse
 * @param hExchangeBaseUrl SHA-512 of the exchange base URL including its NUL
 */
public record PurseDeposit(
        Amount amount,
        HashCode hDenomPub,
        ShortHash hAgeCommitment,
        EddsaPublicKey pursePub,
        HashCode hExchangeBaseUrl) implements Signable {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_PURSE_DEPOSIT}). */
    public static final int PURPOSE = Purposes.WALLET_PURSE_DEPOSIT;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 224;

    public PurseDeposit {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(hAgeCommitment, "hAgeCommitment");
        Objects.requireNonNull(pursePub, "pursePub");
        Objects.requireNonNull(hExchangeBaseUrl, "hExchangeBaseUrl");
    }

    /** Hashes the exchange base URL (with NUL). */
    public static PurseDeposit of(Amount amount, HashCode hDenomPub, ShortHash hAgeCommitment, EddsaPublicKey pursePub,
            String exchangeBaseUrl) {
        return new PurseDeposit(amount, hDenomPub, hAgeCommitment, pursePub, Hashes.hashString(exchangeBaseUrl));
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .amount(amount)
                .bytes(hDenomPub)
                .bytes(hAgeCommitment)
                .bytes(pursePub)
                .bytes(hExchangeBaseUrl)
                .build();
    }
}

package net.taler.testsupport.wallet;

import java.util.Objects;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * A denomination as listed in {@code /keys} {@code denoms[]}: key, value, fees, validity
 * period and the master signature over all of it.
 *
 * @param key the denomination public key (cipher, age mask, key bytes)
 * @param hash {@code h_denom_pub}, must equal {@code key.hash()}
 * @param value coin value
 * @param feeWithdraw {@code fee_withdraw}
 * @param feeDeposit {@code fee_deposit}
 * @param feeRefresh {@code fee_refresh}
 * @param feeRefund {@code fee_refund}
 * @param stampStart {@code stamp_start}
 * @param stampExpireWithdraw {@code stamp_expire_withdraw}
 * @param stampExpireDeposit {@code stamp_expire_deposit}
 * @param stampExpireLegal {@code stamp_expire_legal}
 * @param masterSig master signature (purpose {@code MASTER_DENOMINATION_KEY_VALIDITY})
 */
public record Denomination(DenominationKey key, HashCode hash, Amount value, Amount feeWithdraw, Amount feeDeposit,
        Amount feeRefresh, Amount feeRefund, Timestamp stampStart, Timestamp stampExpireWithdraw,
        Timestamp stampExpireDeposit, Timestamp stampExpireLegal, EddsaSignature masterSig) {
    /** How long before {@code stamp_expire_withdraw} the wallet stops withdrawing a denomination. */
    public static final RelativeTime WITHDRAW_MARGIN = RelativeTime.ofSeconds(5 * 60);

    public Denomination {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(feeWithdraw, "feeWithdraw");
        Objects.requireNonNull(feeDeposit, "feeDeposit");
        Objects.requireNonNull(feeRefresh, "feeRefresh");
        Objects.requireNonNull(feeRefund, "feeRefund");
        Objects.requireNonNull(stampStart, "stampStart");
        Objects.requireNonNull(stampExpireWithdraw, "stampExpireWithdraw");
        Objects.requireNonNull(stampExpireDeposit, "stampExpireDeposit");
        Objects.requireNonNull(stampExpireLegal, "stampExpireLegal");
        Objects.requireNonNull(masterSig, "masterSig");
        if (!hash.equals(key.hash())) {
            throw new IllegalArgumentException("h_denom_pub does not match the key");
        }
    }

    /** {@code "RSA"} or {@code "CS"}. */
    public String cipher() {
        return CipherJson.cipherName(key.cipher());
    }

    /** True for a Clause-Schnorr denomination (withdrawal needs {@code /csr-withdraw} first). */
    public boolean isCs() {
        return key instanceof DenominationKey.Cs;
    }

    public AgeMask ageMask() {
        return key.ageMask();
    }

    /** What one coin costs the reserve: value + withdraw fee (the amount the reserve signs). */
    public Amount withdrawCost() {
        return value.add(feeWithdraw);
    }

    /**
     * The wallet's rule: already started, and at least {@link #WITHDRAW_MARGIN} left before
     * {@code stamp_expire_withdraw}.
     */
    public boolean isWithdrawable(Timestamp now) {
        return !now.isBefore(stampStart) && now.plus(WITHDRAW_MARGIN).isBefore(stampExpireWithdraw);
    }

    /** The master-signed validity block. */
    public DenominationKeyValidity validity(EddsaPublicKey masterPub) {
        return new DenominationKeyValidity(masterPub, stampStart, stampExpireWithdraw, stampExpireDeposit,
                stampExpireLegal, value, feeWithdraw, feeDeposit, feeRefresh, feeRefund, hash);
    }

    /** True if {@link #masterSig} is the master key's signature over {@link #validity}. */
    public boolean verify(EddsaPublicKey masterPub) {
        return validity(masterPub).verify(masterPub, masterSig);
    }

    @Override
    public String toString() {
        return "Denomination(" + cipher() + " " + value + " fee " + feeWithdraw + ", "
                + hash.toBase32().substring(0, 12) + "…)";
    }
}

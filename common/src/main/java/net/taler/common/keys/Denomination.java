package net.taler.common.keys;

import java.util.Objects;

import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.time.Timestamp;

/**
 * A master-signed denomination (database table {@code denominations} joined with its
 * revocation). The public key is held decoded; {@code hDenomPub} must be its hash (checked
 * on construction, so a row whose stored hash does not match its key never gets this far).
 *
 * @param serial         the database's {@code denominations_serial} (the withdraw and refresh
 *                       stored procedures reference denominations by it); 0 for a denomination
 *                       not read from the database (e.g. one being uploaded)
 * @param key            the typed public key with its age mask
 * @param hDenomPub      {@code h_denom_pub}, the hash of {@code key}
 * @param value          the coin's value
 * @param fees           withdraw, deposit, refresh and refund fee (same currency as the value)
 * @param validFrom      {@code stamp_start}
 * @param expireWithdraw end of the withdrawal period
 * @param expireDeposit  end of the deposit period
 * @param expireLegal    end of the period in which the exchange keeps its records
 * @param masterSig      the master signature over {@link #validity(EddsaPublicKey)}
 * @param revoked        whether the master key revoked it (coins may then only be recouped)
 */
public record Denomination(long serial, DenominationKey key, HashCode hDenomPub, Amount value,
                           DenominationFees fees, Timestamp validFrom, Timestamp expireWithdraw,
                           Timestamp expireDeposit, Timestamp expireLegal, EddsaSignature masterSig,
                           boolean revoked) {
    public Denomination {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(hDenomPub, "hDenomPub");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(fees, "fees");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(expireWithdraw, "expireWithdraw");
        Objects.requireNonNull(expireDeposit, "expireDeposit");
        Objects.requireNonNull(expireLegal, "expireLegal");
        Objects.requireNonNull(masterSig, "masterSig");
        if (!value.sameCurrency(fees.withdraw())) {
            throw new IllegalArgumentException("denomination value " + value + " and fees in different currencies");
        }
        if (!key.hash().equals(hDenomPub)) {
            throw new IllegalArgumentException("h_denom_pub " + hDenomPub.toBase32() + " is not the hash of the key");
        }
    }

    /** A denomination not (yet) stored: serial 0, not revoked, the hash computed from the key. */
    public static Denomination of(DenominationKey key, Amount value, DenominationFees fees, Timestamp validFrom,
                                  Timestamp expireWithdraw, Timestamp expireDeposit, Timestamp expireLegal,
                                  EddsaSignature masterSig) {
        return new Denomination(0, key, key.hash(), value, fees, validFrom, expireWithdraw, expireDeposit,
                expireLegal, masterSig, false);
    }

    /** {@link DenominationKey#CIPHER_RSA} or {@link DenominationKey#CIPHER_CS}. */
    public int cipher() {
        return key.cipher();
    }

    public boolean isRsa() {
        return key instanceof DenominationKey.Rsa;
    }

    public boolean isCs() {
        return key instanceof DenominationKey.Cs;
    }

    /** The key's age mask ({@link AgeMask#NONE} if not age restricted). */
    public AgeMask ageMask() {
        return key.ageMask();
    }

    /**
     * What a withdrawal of one coin costs the reserve.
     *
     * @throws net.taler.common.amount.AmountException or {@link ArithmeticException} on overflow
     */
    public Amount valueWithWithdrawFee() {
        return value.add(fees.withdraw());
    }

    /** The structure the master key signed (and auditors sign over, with their URL). */
    public DenominationKeyValidity validity(EddsaPublicKey masterPub) {
        return new DenominationKeyValidity(masterPub, validFrom, expireWithdraw, expireDeposit, expireLegal, value,
                fees.withdraw(), fees.deposit(), fees.refresh(), fees.refund(), hDenomPub);
    }

    /**
     * Throws unless the value and all fees are in {@code currency}.
     *
     * @throws IllegalArgumentException on another currency
     */
    public void requireCurrency(String currency) {
        if (!value.isCurrency(currency)) {
            throw new IllegalArgumentException("amount " + value + " is not in currency " + currency);
        }
    }
}

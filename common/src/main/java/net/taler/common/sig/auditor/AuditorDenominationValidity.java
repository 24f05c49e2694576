package net.taler.common.sig.auditor;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;
import net.taler.common.sig.Signable;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.time.Timestamp;

/**
 * Auditor's attestation of a denomination ({@code taler-auditor-offline sign},
 * republished in {@code /keys} {@code auditors[].denomination_keys[].auditor_sig}): the
 * auditor URL hash followed by exactly the fields of
 * {@link DenominationKeyValidity} (without its header).
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_AUDITOR_EXCHANGE_KEYS}), {@value #SIZE} bytes.
 * Signed by: auditor key (auditor offline tool).
 * Verified by: httpd on upload, C client.
 *
 * @param hAuditorUrl SHA-512 of the auditor's configured base URL including its NUL
 * @param masterPub the exchange's master public key
 * @param start {@code stamp_start}
 * @param expireWithdraw {@code stamp_expire_withdraw}
 * @param expireDeposit {@code stamp_expire_deposit}
 * @param expireLegal {@code stamp_expire_legal}
 * @param value coin value
 * @param feeWithdraw withdraw fee
 * @param feeDeposit deposit fee
 * @param feeRefresh refresh fee
 * @param feeRefund refund fee
 * @param hDenomPub Taler denomination hash
 */
public record AuditorDenominationValidity(
        HashCode hAuditorUrl,
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
    /** Purpose number ({@code TALER_SIGNATURE_AUDITOR_EXCHANGE_KEYS}). */
    public static final int PURPOSE = Purposes.AUDITOR_EXCHANGE_KEYS;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 320;

    public AuditorDenominationValidity {
        Objects.requireNonNull(hAuditorUrl, "hAuditorUrl");
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

    /** The auditor's attestation of the denomination the master key signed. */
    public static AuditorDenominationValidity of(HashCode hAuditorUrl, DenominationKeyValidity d) {
        Objects.requireNonNull(d, "d");
        return new AuditorDenominationValidity(hAuditorUrl, d.masterPub(), d.start(), d.expireWithdraw(),
                d.expireDeposit(), d.expireLegal(), d.value(), d.feeWithdraw(), d.feeDeposit(), d.feeRefresh(),
                d.feeRefund(), d.hDenomPub());
    }

    /** As {@link #of(HashCode, DenominationKeyValidity)}, hashing the auditor base URL (with NUL). */
    public static AuditorDenominationValidity of(String auditorUrl, DenominationKeyValidity d) {
        return of(Hashes.hashString(auditorUrl), d);
    }

    /** The signed bytes, fields in the order of crypto.md 3.4. */
    @Override
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .bytes(hAuditorUrl)
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

package net.taler.fakebank;

import java.util.Objects;

import net.taler.common.amount.Amount;
import net.taler.common.time.Timestamp;

/**
 * One transfer the bank booked. Immutable; tests (the auditor's) replace records through
 * {@link BankStore#modify} to fake bank-side discrepancies.
 *
 * @param rowId           global row id (starts at 1)
 * @param date            booking time
 * @param debitAccount    name of the debited account
 * @param creditAccount   name of the credited account
 * @param amount          the amount moved
 * @param kind            what the subject is
 * @param reservePub      subject of an {@link Kind#INCOMING} transfer (base32 reserve public key), else null
 * @param wtid            subject of an {@link Kind#OUTGOING} transfer (base32 wire transfer id), else null
 * @param exchangeBaseUrl exchange base URL of an {@link Kind#OUTGOING} transfer, else null
 * @param requestUid      request uid of an {@link Kind#OUTGOING} transfer, else null
 */
public record BankTransaction(long rowId, Timestamp date, String debitAccount, String creditAccount, Amount amount,
        Kind kind, String reservePub, String wtid, String exchangeBaseUrl, String requestUid) {
    /** What the subject of a transfer is. */
    public enum Kind {
        /** Credit with a reserve public key as subject (admin/add-incoming, confirmed withdrawal). */
        INCOMING,
        /** Debit made by the exchange via {@code transfer}: wtid + exchange base URL as subject. */
        OUTGOING
    }

    public BankTransaction {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(debitAccount, "debitAccount");
        Objects.requireNonNull(creditAccount, "creditAccount");
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(kind, "kind");
    }

    public BankTransaction withAmount(Amount a) {
        return new BankTransaction(rowId, date, debitAccount, creditAccount, a, kind, reservePub, wtid,
                exchangeBaseUrl, requestUid);
    }

    public BankTransaction withDate(Timestamp d) {
        return new BankTransaction(rowId, d, debitAccount, creditAccount, amount, kind, reservePub, wtid,
                exchangeBaseUrl, requestUid);
    }

    public BankTransaction withDebitAccount(String a) {
        return new BankTransaction(rowId, date, a, creditAccount, amount, kind, reservePub, wtid, exchangeBaseUrl,
                requestUid);
    }

    public BankTransaction withCreditAccount(String a) {
        return new BankTransaction(rowId, date, debitAccount, a, amount, kind, reservePub, wtid, exchangeBaseUrl,
                requestUid);
    }

    public BankTransaction withReservePub(String r) {
        return new BankTransaction(rowId, date, debitAccount, creditAccount, amount, kind, r, wtid, exchangeBaseUrl,
                requestUid);
    }

    public BankTransaction withWtid(String w) {
        return new BankTransaction(rowId, date, debitAccount, creditAccount, amount, kind, reservePub, w,
                exchangeBaseUrl, requestUid);
    }

    public BankTransaction withExchangeBaseUrl(String u) {
        return new BankTransaction(rowId, date, debitAccount, creditAccount, amount, kind, reservePub, wtid, u,
                requestUid);
    }
}

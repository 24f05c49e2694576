package net.taler.db.drain;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.management.FeeOutcome;

/** Master-signed orders to drain profits ({@code /management/drain}, table {@code profit_drains}). */
public final class DrainRepository {
    private final ExchangeDb db;
    private final String currency;

    public DrainRepository(ExchangeDb db, String currency) {
        this.db = Objects.requireNonNull(db, "db");
        this.currency = Objects.requireNonNull(currency, "currency");
    }


    /**
     * POST /management/drain: INSERTED, IDEMPOTENT if the wtid is stored with the same section,
     * payto URI, date and amount, CONFLICT if stored with other data. No NOTIFY
     * (taler-exchange-drain polls the table).
     */
    public FeeOutcome insertDrain(byte[] wtid32, String accountSection, String paytoUri, Timestamp date,
                                  Amount amount, EddsaSignature masterSig) {
        if (wtid32 == null || wtid32.length != 32) {
            throw new IllegalArgumentException("wtid must be 32 bytes");
        }
        Objects.requireNonNull(accountSection, "accountSection");
        Objects.requireNonNull(paytoUri, "paytoUri");
        Sql.requireCurrency(amount, currency);
        byte[] wtid = wtid32.clone();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO profit_drains (wtid, account_section, payto_uri, trigger_date, amount_val, amount_frac, "
                            + "master_sig) VALUES (?,?,?,?,?,?,?) ON CONFLICT (wtid) DO NOTHING")) {
                ps.setBytes(1, wtid);
                ps.setString(2, accountSection);
                ps.setString(3, paytoUri);
                Sql.setTime(ps, 4, date);
                int i = Sql.setAmount(ps, 5, amount);
                ps.setBytes(i, masterSig.bytes());
                if (ps.executeUpdate() > 0) {
                    return FeeOutcome.INSERTED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_section, payto_uri, trigger_date, amount_val, amount_frac FROM profit_drains "
                            + "WHERE wtid = ?")) {
                ps.setBytes(1, wtid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("profit drain vanished", "40001"); // retried
                    }
                    boolean same = rs.getString(1).equals(accountSection) && rs.getString(2).equals(paytoUri)
                            && Sql.time(rs, "trigger_date").equals(date)
                            && Sql.amount(rs, "amount", currency).compare(amount) == 0;
                    return same ? FeeOutcome.IDEMPOTENT : FeeOutcome.CONFLICT;
                }
            }
        });
    }
}

package net.taler.db.fees;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.WireFee;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.management.FeeOutcome;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * Master-signed wire fees ({@code /management/wire-fee}, NOTIFY
 * {@link Channel#EXCHANGE_WIRE_UPDATED}) and global fees ({@code /management/global-fee}, NOTIFY
 * {@link Channel#EXCHANGE_KEYS_UPDATED}). One SERIALIZABLE transaction each; a repeated
 * identical upload writes and notifies nothing. Amounts must be in the exchange currency.
 */
public final class FeeRepository {
    private final ExchangeDb db;
    private final String currency;

    public FeeRepository(ExchangeDb db, String currency) {
        this.db = Objects.requireNonNull(db, "db");
        this.currency = Objects.requireNonNull(currency, "currency");
    }


    /**
     * POST /management/wire-fee: if a fee of the same method covers part of
     * [{@code startDate}, {@code endDate}), IDEMPOTENT when it is the identical record (same
     * period and fees), else CONFLICT; otherwise INSERTED.
     *
     * @throws IllegalArgumentException on a foreign currency or an empty period (end not after start)
     */
    public FeeOutcome insertWireFee(WireFee fee) {
        Objects.requireNonNull(fee.wireMethod(), "wireMethod");
        Sql.requireCurrency(fee.wireFee(), currency);
        Sql.requireCurrency(fee.closingFee(), currency);
        requirePeriod(fee.startDate(), fee.endDate());
        return db.inTransaction(c -> {
            List<WireFee> overlapping = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT start_date, end_date, wire_fee_val, wire_fee_frac, closing_fee_val, closing_fee_frac, "
                            + "master_sig FROM wire_fee WHERE wire_method = ? AND start_date < ? AND end_date > ? "
                            + "LIMIT 2")) {
                ps.setString(1, fee.wireMethod());
                Sql.setTime(ps, 2, fee.endDate());
                Sql.setTime(ps, 3, fee.startDate());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overlapping.add(wireFeeRow(rs, fee.wireMethod(), currency));
                    }
                }
            }
            if (!overlapping.isEmpty()) {
                WireFee o = overlapping.get(0);
                boolean identical = overlapping.size() == 1 && o.startDate().equals(fee.startDate())
                        && o.endDate().equals(fee.endDate()) && o.wireFee().compare(fee.wireFee()) == 0
                        && o.closingFee().compare(fee.closingFee()) == 0;
                return identical ? FeeOutcome.IDEMPOTENT : FeeOutcome.CONFLICT;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_fee (wire_method, start_date, end_date, wire_fee_val, wire_fee_frac, "
                            + "closing_fee_val, closing_fee_frac, master_sig) VALUES (?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, fee.wireMethod());
                Sql.setTime(ps, 2, fee.startDate());
                Sql.setTime(ps, 3, fee.endDate());
                int i = Sql.setAmount(ps, 4, fee.wireFee());
                i = Sql.setAmount(ps, i, fee.closingFee());
                ps.setBytes(i, fee.masterSig().bytes());
                if (ps.executeUpdate() == 0) {
                    return FeeOutcome.CONFLICT; // an empty-period row with that start (not written by us)
                }
            }
            Notifications.notify(c, Channel.EXCHANGE_WIRE_UPDATED, null);
            return FeeOutcome.INSERTED;
        });
    }

    /** Maps a {@code wire_fee} row (the method is given: some queries do not select it). */
    public static WireFee wireFeeRow(ResultSet rs, String method, String currency) throws SQLException {
        return new WireFee(method, Sql.time(rs, "start_date"), Sql.time(rs, "end_date"),
                Sql.amount(rs, "wire_fee", currency), Sql.amount(rs, "closing_fee", currency),
                new EddsaSignature(rs.getBytes("master_sig")));
    }

    /**
     * POST /management/global-fee: the rule of {@link #insertWireFee} over all global fees
     * (identical = same period, fees, timeouts and account limit).
     */
    public FeeOutcome insertGlobalFee(GlobalFee fee) {
        Sql.requireCurrency(fee.historyFee(), currency);
        Sql.requireCurrency(fee.accountFee(), currency);
        Sql.requireCurrency(fee.purseFee(), currency);
        requirePeriod(fee.startDate(), fee.endDate());
        Objects.requireNonNull(fee.purseTimeout(), "purseTimeout");
        Objects.requireNonNull(fee.historyExpiration(), "historyExpiration");
        return db.inTransaction(c -> {
            List<GlobalFee> overlapping = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM global_fee WHERE start_date < ? AND end_date > ? LIMIT 2")) {
                Sql.setTime(ps, 1, fee.endDate());
                Sql.setTime(ps, 2, fee.startDate());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overlapping.add(globalFeeRow(rs, currency));
                    }
                }
            }
            if (!overlapping.isEmpty()) {
                GlobalFee o = overlapping.get(0);
                boolean identical = overlapping.size() == 1 && o.startDate().equals(fee.startDate())
                        && o.endDate().equals(fee.endDate()) && o.historyFee().compare(fee.historyFee()) == 0
                        && o.accountFee().compare(fee.accountFee()) == 0 && o.purseFee().compare(fee.purseFee()) == 0
                        && o.purseTimeout().equals(fee.purseTimeout())
                        && o.historyExpiration().equals(fee.historyExpiration())
                        && o.purseAccountLimit() == fee.purseAccountLimit();
                return identical ? FeeOutcome.IDEMPOTENT : FeeOutcome.CONFLICT;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO global_fee (start_date, end_date, history_fee_val, history_fee_frac, account_fee_val, "
                            + "account_fee_frac, purse_fee_val, purse_fee_frac, purse_timeout, history_expiration, "
                            + "purse_account_limit, master_sig) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT DO NOTHING")) {
                Sql.setTime(ps, 1, fee.startDate());
                Sql.setTime(ps, 2, fee.endDate());
                int i = Sql.setAmount(ps, 3, fee.historyFee());
                i = Sql.setAmount(ps, i, fee.accountFee());
                i = Sql.setAmount(ps, i, fee.purseFee());
                ps.setLong(i++, fee.purseTimeout().toDbMicros());
                ps.setLong(i++, fee.historyExpiration().toDbMicros());
                ps.setInt(i++, fee.purseAccountLimit());
                ps.setBytes(i, fee.masterSig().bytes());
                if (ps.executeUpdate() == 0) {
                    return FeeOutcome.CONFLICT; // an empty-period row with that start (not written by us)
                }
            }
            Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            return FeeOutcome.INSERTED;
        });
    }

    /** Maps a {@code global_fee} row. */
    public static GlobalFee globalFeeRow(ResultSet rs, String currency) throws SQLException {
        return new GlobalFee(Sql.time(rs, "start_date"), Sql.time(rs, "end_date"),
                Sql.amount(rs, "history_fee", currency), Sql.amount(rs, "account_fee", currency),
                Sql.amount(rs, "purse_fee", currency), RelativeTime.fromDbMicros(rs.getLong("purse_timeout")),
                RelativeTime.fromDbMicros(rs.getLong("history_expiration")), rs.getInt("purse_account_limit"),
                new EddsaSignature(rs.getBytes("master_sig")));
    }

    private static void requirePeriod(Timestamp start, Timestamp end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.compareTo(start) <= 0) {
            throw new IllegalArgumentException("fee period must end after it starts: " + start + " .. " + end);
        }
    }
}

package net.taler.db.wire;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.ShortHash;
import net.taler.common.keys.WireAccount;
import net.taler.common.keys.WireFee;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/** Wire targets (interned payto URIs), exchange wire accounts and wire fees. */
public final class WireRepository {
    /** At most this many rows from list queries. */
    public static final int MAX_ROWS = 10_000;
    private final ExchangeDb db;
    private final String currency;

    public WireRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** Interns a payto URI under its hash (idempotent); returns the target's serial. */
    public long internTarget(ShortHash hPayto, String paytoUri) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_targets (wire_target_h_payto, payto_uri) VALUES (?, ?) ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, hPayto.bytes());
                ps.setString(2, paytoUri);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT wire_target_serial_id FROM wire_targets WHERE wire_target_h_payto = ?")) {
                ps.setBytes(1, hPayto.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public Optional<String> paytoOf(ShortHash hPayto) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payto_uri FROM wire_targets WHERE wire_target_h_payto = ?")) {
                ps.setBytes(1, hPayto.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Enables/updates an account; ignored if the stored change is newer (replayed uploads). */
    public void upsertAccount(WireAccount a) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_accounts (payto_uri, master_sig, is_active, last_change) VALUES (?,?,?,?) "
                            + "ON CONFLICT (payto_uri) DO UPDATE SET master_sig = EXCLUDED.master_sig, "
                            + "is_active = EXCLUDED.is_active, last_change = EXCLUDED.last_change "
                            + "WHERE wire_accounts.last_change < EXCLUDED.last_change")) {
                ps.setString(1, a.paytoUri());
                ps.setBytes(2, a.masterSig().bytes());
                ps.setBoolean(3, a.active());
                Sql.setTime(ps, 4, a.lastChange());
                ps.executeUpdate();
            }
            return null;
        });
    }

    public List<WireAccount> activeAccounts() {
        return db.inTransaction(c -> {
            List<WireAccount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payto_uri, master_sig, is_active, last_change FROM wire_accounts WHERE is_active "
                            + "ORDER BY payto_uri LIMIT " + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WireAccount(rs.getString(1), new EddsaSignature(rs.getBytes(2)), rs.getBoolean(3),
                            Sql.time(rs, "last_change")));
                }
            }
            return out;
        });
    }

    /** Inserts a fee (idempotent per method and start date); false if a different fee exists there. */
    public boolean insertFee(WireFee f) {
        Sql.requireCurrency(f.wireFee(), currency);
        Sql.requireCurrency(f.closingFee(), currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_fee (wire_method, start_date, end_date, wire_fee_val, wire_fee_frac, "
                            + "closing_fee_val, closing_fee_frac, master_sig) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setString(1, f.wireMethod());
                Sql.setTime(ps, 2, f.startDate());
                Sql.setTime(ps, 3, f.endDate());
                int i = Sql.setAmount(ps, 4, f.wireFee());
                i = Sql.setAmount(ps, i, f.closingFee());
                ps.setBytes(i, f.masterSig().bytes());
                if (ps.executeUpdate() == 1) {
                    return true;
                }
            }
            Optional<WireFee> existing = feeAt(c, f.wireMethod(), f.startDate());
            return existing.isPresent() && existing.get().endDate().equals(f.endDate())
                    && existing.get().wireFee().equals(f.wireFee()) && existing.get().closingFee().equals(f.closingFee());
        });
    }

    /** The fee valid at {@code when} for a method. */
    public Optional<WireFee> feeAt(String wireMethod, Timestamp when) {
        return db.inTransaction(c -> feeAt(c, wireMethod, when));
    }

    private Optional<WireFee> feeAt(java.sql.Connection c, String wireMethod, Timestamp when)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT start_date, end_date, wire_fee_val, wire_fee_frac, closing_fee_val, closing_fee_frac, master_sig "
                        + "FROM wire_fee WHERE wire_method = ? AND start_date <= ? AND end_date > ?")) {
            ps.setString(1, wireMethod);
            Sql.setTime(ps, 2, when);
            Sql.setTime(ps, 3, when);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new WireFee(wireMethod, Sql.time(rs, "start_date"), Sql.time(rs, "end_date"),
                        Sql.amount(rs, "wire_fee", currency), Sql.amount(rs, "closing_fee", currency),
                        new EddsaSignature(rs.getBytes(7))));
            }
        }
    }
}

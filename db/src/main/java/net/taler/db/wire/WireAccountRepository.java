package net.taler.db.wire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.keys.WireAccount;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.management.Change;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * The exchange's wire accounts as enabled/disabled by the master key ({@code /management/wire}).
 * One SERIALIZABLE transaction each; NOTIFY {@link Channel#EXCHANGE_WIRE_UPDATED} when something
 * changed.
 */
public final class WireAccountRepository {
    private final ExchangeDb db;

    public WireAccountRepository(ExchangeDb db) {
        this.db = Objects.requireNonNull(db, "db");
    }


    /**
     * POST /management/wire: MORE_RECENT_PRESENT if the stored row changed after
     * {@code validityStart}; else inserts or re-activates the account ({@code master_sig} =
     * {@code master_sig_wire}).
     */
    public Change enableWire(String paytoUri, EddsaSignature masterSigWire, Timestamp validityStart) {
        Objects.requireNonNull(paytoUri, "paytoUri");
        return db.inTransaction(c -> {
            Optional<WireAccount> stored = wireAccount(c, paytoUri);
            if (stored.isPresent()) {
                WireAccount a = stored.get();
                if (a.lastChange().compareTo(validityStart) > 0) {
                    return Change.MORE_RECENT_PRESENT;
                }
                if (a.active() && a.masterSig().equals(masterSigWire) && a.lastChange().equals(validityStart)) {
                    return Change.APPLIED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_accounts (payto_uri, master_sig, is_active, last_change) VALUES (?, ?, TRUE, ?) "
                            + "ON CONFLICT (payto_uri) DO UPDATE SET master_sig = EXCLUDED.master_sig, "
                            + "is_active = TRUE, last_change = EXCLUDED.last_change")) {
                ps.setString(1, paytoUri);
                ps.setBytes(2, masterSigWire.bytes());
                Sql.setTime(ps, 3, validityStart);
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_WIRE_UPDATED, null);
            return Change.APPLIED;
        });
    }

    /**
     * POST /management/wire/disable: UNKNOWN if no such account, MORE_RECENT_PRESENT if the
     * stored row changed after {@code validityEnd}, else inactive.
     */
    public Change disableWire(String paytoUri, Timestamp validityEnd) {
        Objects.requireNonNull(paytoUri, "paytoUri");
        return db.inTransaction(c -> {
            Optional<WireAccount> stored = wireAccount(c, paytoUri);
            if (stored.isEmpty()) {
                return Change.UNKNOWN;
            }
            WireAccount a = stored.get();
            if (a.lastChange().compareTo(validityEnd) > 0) {
                return Change.MORE_RECENT_PRESENT;
            }
            if (!a.active() && a.lastChange().equals(validityEnd)) {
                return Change.APPLIED;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE wire_accounts SET is_active = FALSE, last_change = ? WHERE payto_uri = ?")) {
                Sql.setTime(ps, 1, validityEnd);
                ps.setString(2, paytoUri);
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_WIRE_UPDATED, null);
            return Change.APPLIED;
        });
    }

    private static Optional<WireAccount> wireAccount(Connection c, String paytoUri)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payto_uri, master_sig, is_active, last_change FROM wire_accounts WHERE payto_uri = ?")) {
            ps.setString(1, paytoUri);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(wireAccountRow(rs)) : Optional.empty();
            }
        }
    }

    /** Maps a {@code wire_accounts} row. */
    public static WireAccount wireAccountRow(ResultSet rs) throws SQLException {
        return new WireAccount(rs.getString("payto_uri"), new EddsaSignature(rs.getBytes("master_sig")),
                rs.getBoolean("is_active"), Sql.time(rs, "last_change"));
    }
}

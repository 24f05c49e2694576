package net.taler.db.auditor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Optional;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.keys.Auditor;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.management.Change;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * Auditors enabled and disabled by the master key, and the auditors' signatures over
 * denominations ({@code /management/auditors}, {@code /auditors/*}). Signatures are checked by
 * the caller. One SERIALIZABLE transaction each; NOTIFY {@link Channel#EXCHANGE_KEYS_UPDATED}
 * when something changed.
 */
public final class AuditorRepository {
    private final ExchangeDb db;

    public AuditorRepository(ExchangeDb db) {
        this.db = Objects.requireNonNull(db, "db");
    }


    /**
     * POST /management/auditors: MORE_RECENT_PRESENT if the stored row changed after
     * {@code validityStart}; otherwise inserts the auditor or updates it (active, URL, name,
     * last change). The same timestamp again is an idempotent APPLIED.
     */
    public Change enableAuditor(EddsaPublicKey auditorPub, String url, String name, Timestamp validityStart) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        return db.inTransaction(c -> {
            Optional<Auditor> stored = auditor(c, auditorPub);
            if (stored.isPresent()) {
                Auditor a = stored.get();
                if (a.lastChange().compareTo(validityStart) > 0) {
                    return Change.MORE_RECENT_PRESENT;
                }
                if (a.active() && a.url().equals(url) && a.name().equals(name)
                        && a.lastChange().equals(validityStart)) {
                    return Change.APPLIED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auditors (auditor_pub, auditor_name, auditor_url, is_active, last_change) "
                            + "VALUES (?, ?, ?, TRUE, ?) ON CONFLICT (auditor_pub) DO UPDATE SET "
                            + "auditor_name = EXCLUDED.auditor_name, auditor_url = EXCLUDED.auditor_url, "
                            + "is_active = TRUE, last_change = EXCLUDED.last_change")) {
                ps.setBytes(1, auditorPub.bytes());
                ps.setString(2, name);
                ps.setString(3, url);
                Sql.setTime(ps, 4, validityStart);
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            return Change.APPLIED;
        });
    }

    /**
     * POST /management/auditors/$AUDITOR_PUB/disable: UNKNOWN if no such auditor,
     * MORE_RECENT_PRESENT if the stored row changed after {@code validityEnd}, else inactive.
     */
    public Change disableAuditor(EddsaPublicKey auditorPub, Timestamp validityEnd) {
        return db.inTransaction(c -> {
            Optional<Auditor> stored = auditor(c, auditorPub);
            if (stored.isEmpty()) {
                return Change.UNKNOWN;
            }
            Auditor a = stored.get();
            if (a.lastChange().compareTo(validityEnd) > 0) {
                return Change.MORE_RECENT_PRESENT;
            }
            if (!a.active() && a.lastChange().equals(validityEnd)) {
                return Change.APPLIED;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE auditors SET is_active = FALSE, last_change = ? WHERE auditor_pub = ?")) {
                Sql.setTime(ps, 1, validityEnd);
                ps.setBytes(2, auditorPub.bytes());
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            return Change.APPLIED;
        });
    }

    /** An auditor, active or not. */
    public Optional<Auditor> auditor(EddsaPublicKey auditorPub) {
        return db.inTransaction(c -> auditor(c, auditorPub));
    }

    private static Optional<Auditor> auditor(Connection c, EddsaPublicKey auditorPub) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT auditor_pub, auditor_url, auditor_name, is_active, last_change FROM auditors "
                        + "WHERE auditor_pub = ?")) {
            ps.setBytes(1, auditorPub.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(auditorRow(rs)) : Optional.empty();
            }
        }
    }

    /** Maps an {@code auditors} row. */
    public static Auditor auditorRow(ResultSet rs) throws SQLException {
        return new Auditor(new EddsaPublicKey(rs.getBytes("auditor_pub")), rs.getString("auditor_url"),
                rs.getString("auditor_name"), rs.getBoolean("is_active"), Sql.time(rs, "last_change"));
    }

    /**
     * POST /auditors/$AUDITOR_PUB/$H_DENOM_PUB (the caller checked the auditor is active, the
     * denomination exists and the signature is valid). Idempotent: a repeat keeps the first
     * signature. False if the auditor or the denomination is unknown.
     */
    public boolean insertAuditorDenomSig(EddsaPublicKey auditorPub, HashCode hDenomPub, EddsaSignature auditorSig) {
        return db.inTransaction(c -> {
            long auditorUuid;
            long denomSerial;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.auditor_uuid, d.denominations_serial FROM auditors a CROSS JOIN denominations d "
                            + "WHERE a.auditor_pub = ? AND d.denom_pub_hash = ?")) {
                ps.setBytes(1, auditorPub.bytes());
                ps.setBytes(2, hDenomPub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    auditorUuid = rs.getLong(1);
                    denomSerial = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auditor_denom_sigs (auditor_uuid, denominations_serial, auditor_sig) VALUES (?,?,?) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setLong(1, auditorUuid);
                ps.setLong(2, denomSerial);
                ps.setBytes(3, auditorSig.bytes());
                if (ps.executeUpdate() > 0) {
                    Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
                }
            }
            return true;
        });
    }
}

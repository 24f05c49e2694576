package net.taler.db.kyc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.ShortHash;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/**
 * KYC bookkeeping (legitimization requirements and processes, KYC alerts), the minimum the
 * httpd's {@code /kyc-check}, {@code /kyc-proof} and webhook handlers and the withdraw/deposit
 * checks need. With {@code KYC_MODE = NONE} (the default) none of it is used.
 */
public final class KycRepository {
    private final ExchangeDb db;
    private final String currency;

    public KycRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /**
     * Records that account {@code hPayto} must pass {@code requiredChecks} (space-separated check
     * names); idempotent. Returns the requirement row ({@code legitimization_requirement_serial_id},
     * the {@code requirement_row} of the KYC URLs).
     */
    public long requireChecks(ShortHash hPayto, String requiredChecks) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO legitimization_requirements (h_payto, required_checks) VALUES (?,?) "
                            + "ON CONFLICT DO NOTHING RETURNING legitimization_requirement_serial_id")) {
                ps.setBytes(1, hPayto.bytes());
                ps.setString(2, requiredChecks);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT legitimization_requirement_serial_id FROM legitimization_requirements "
                            + "WHERE h_payto = ? AND required_checks = ?")) {
                ps.setBytes(1, hPayto.bytes());
                ps.setString(2, requiredChecks);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The required checks of requirement {@code row} if it belongs to {@code hPayto}. */
    public Optional<String> requirement(long row, ShortHash hPayto) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT required_checks FROM legitimization_requirements "
                            + "WHERE legitimization_requirement_serial_id = ? AND h_payto = ?")) {
                ps.setLong(1, row);
                ps.setBytes(2, hPayto.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** A legitimization process at a KYC provider; {@code expiration} 0 = not (yet) satisfied. */
    public record Process(long serialId, ShortHash hPayto, String providerSection, String providerUserId,
                          String providerLegitimizationId, String redirectUrl, Timestamp expiration) {
    }

    /** Starts a process for the account at a provider; returns its serial. */
    public long startProcess(ShortHash hPayto, String providerSection, String providerUserId,
                             String providerLegitimizationId, String redirectUrl) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO legitimization_processes (h_payto, provider_section, provider_user_id, "
                            + "provider_legitimization_id, redirect_url) VALUES (?,?,?,?,?) "
                            + "RETURNING legitimization_process_serial_id")) {
                ps.setBytes(1, hPayto.bytes());
                ps.setString(2, providerSection);
                ps.setString(3, providerUserId);
                ps.setString(4, providerLegitimizationId);
                ps.setString(5, redirectUrl);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /**
     * Updates a process (provider ids, redirect URL, expiration of the obtained legitimization);
     * null strings keep the stored value. If {@code expiration} is after {@code now}, the
     * {@code exchange_kyc_completed} event is sent on commit. Returns false if no such process.
     */
    public boolean updateProcess(long serialId, ShortHash hPayto, String providerUserId,
                                 String providerLegitimizationId, String redirectUrl, Timestamp expiration,
                                 Timestamp now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE legitimization_processes SET provider_user_id = COALESCE(?, provider_user_id), "
                            + "provider_legitimization_id = COALESCE(?, provider_legitimization_id), "
                            + "redirect_url = COALESCE(?, redirect_url), expiration_time = ? "
                            + "WHERE legitimization_process_serial_id = ? AND h_payto = ?")) {
                ps.setString(1, providerUserId);
                ps.setString(2, providerLegitimizationId);
                ps.setString(3, redirectUrl);
                Sql.setTime(ps, 4, expiration);
                ps.setLong(5, serialId);
                ps.setBytes(6, hPayto.bytes());
                if (ps.executeUpdate() == 0) {
                    return false;
                }
            }
            if (expiration.toDbMicros() > now.toDbMicros()) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT pg_notify('exchange_kyc_completed', encode(?, 'hex'))")) {
                    ps.setBytes(1, hPayto.bytes());
                    ps.execute();
                }
            }
            return true;
        });
    }

    private static Process process(ResultSet rs) throws java.sql.SQLException {
        return new Process(rs.getLong("legitimization_process_serial_id"), new ShortHash(rs.getBytes("h_payto")),
                rs.getString("provider_section"), rs.getString("provider_user_id"),
                rs.getString("provider_legitimization_id"), rs.getString("redirect_url"),
                Sql.time(rs, "expiration_time"));
    }

    /** The newest process of the account at a provider ({@code /kyc-check} re-uses it). */
    public Optional<Process> processOf(ShortHash hPayto, String providerSection) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM legitimization_processes WHERE h_payto = ? AND provider_section = ? "
                            + "ORDER BY legitimization_process_serial_id DESC LIMIT 1")) {
                ps.setBytes(1, hPayto.bytes());
                ps.setString(2, providerSection);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(process(rs)) : Optional.empty();
                }
            }
        });
    }

    /** The process a provider webhook refers to (by the provider's legitimization id). */
    public Optional<Process> processByProvider(String providerSection, String providerLegitimizationId) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM legitimization_processes WHERE provider_section = ? "
                            + "AND provider_legitimization_id = ? ORDER BY legitimization_process_serial_id DESC "
                            + "LIMIT 1")) {
                ps.setString(1, providerSection);
                ps.setString(2, providerLegitimizationId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(process(rs)) : Optional.empty();
                }
            }
        });
    }

    /**
     * The provider sections whose legitimization of the account is still valid at {@code now}
     * (the httpd maps them to satisfied checks via the provider configuration).
     */
    public List<String> satisfiedProviders(ShortHash hPayto, Timestamp now) {
        return db.inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT DISTINCT provider_section FROM legitimization_processes "
                            + "WHERE h_payto = ? AND expiration_time > ? ORDER BY provider_section")) {
                ps.setBytes(1, hPayto.bytes());
                Sql.setTime(ps, 2, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** Queues a KYC re-check of the account for the aggregator ({@code kyc_alerts}); idempotent. */
    public void alert(ShortHash hPayto, int triggerType) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO kyc_alerts (h_payto, trigger_type) VALUES (?,?) ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, hPayto.bytes());
                ps.setInt(2, triggerType);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Takes (removes and returns) one alert of the given trigger type, if any. */
    public Optional<ShortHash> drainAlert(int triggerType) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM kyc_alerts WHERE h_payto = (SELECT h_payto FROM kyc_alerts WHERE trigger_type = ? "
                            + "LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING h_payto")) {
                ps.setInt(1, triggerType);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new ShortHash(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    /** Sum of the withdrawals (with fees) from a reserve executed at or after {@code since} (KYC withdraw threshold). */
    public Amount withdrawnSince(EddsaPublicKey reservePub, Timestamp since) {
        return sum("SELECT COALESCE(SUM(o.amount_with_fee_val), 0), COALESCE(SUM(o.amount_with_fee_frac), 0) "
                + "FROM reserves r JOIN reserves_out_by_reserve b ON b.reserve_uuid = r.reserve_uuid "
                + "JOIN reserves_out o ON o.h_blind_ev = b.h_blind_ev "
                + "WHERE r.reserve_pub = ? AND o.execution_date >= ?", reservePub, since);
    }

    /** Sum of the purse amounts merged into a reserve at or after {@code since} (KYC P2P-receive threshold). */
    public Amount mergedSince(EddsaPublicKey reservePub, Timestamp since) {
        return sum("SELECT COALESCE(SUM(p.amount_with_fee_val), 0), COALESCE(SUM(p.amount_with_fee_frac), 0) "
                + "FROM purse_merges m JOIN purse_requests p ON p.purse_pub = m.purse_pub "
                + "WHERE m.reserve_pub = ? AND m.merge_timestamp >= ?", reservePub, since);
    }

    private Amount sum(String sql, EddsaPublicKey reservePub, Timestamp since) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setBytes(1, reservePub.bytes());
                Sql.setTime(ps, 2, since);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return Amount.normalized(currency, rs.getLong(1), rs.getLong(2));
                }
            }
        });
    }
}

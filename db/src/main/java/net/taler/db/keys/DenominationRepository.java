package net.taler.db.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import net.taler.common.age.AgeMask;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.DenominationFees;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/** Denominations signed by the master key (management uploads). */
public final class DenominationRepository {
    private final ExchangeDb db;
    private final String currency;

    public DenominationRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** Inserts (idempotent: an existing hash is kept); returns the denomination's serial. */
    public long insert(Denomination d) {
        d.requireCurrency(currency);
        return db.inTransaction(c -> {
            insertRow(c, d);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT denominations_serial FROM denominations WHERE denom_pub_hash = ?")) {
                ps.setBytes(1, d.hDenomPub().bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The idempotent INSERT inside the caller's transaction; returns 1 if the row is new, else 0. */
    public static int insertRow(Connection c, Denomination d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO denominations (denom_pub_hash, denom_type, age_mask, denom_pub, master_sig, valid_from, "
                        + "expire_withdraw, expire_deposit, expire_legal, coin_val, coin_frac, fee_withdraw_val, "
                        + "fee_withdraw_frac, fee_deposit_val, fee_deposit_frac, fee_refresh_val, fee_refresh_frac, "
                        + "fee_refund_val, fee_refund_frac) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT DO NOTHING")) {
            ps.setBytes(1, d.hDenomPub().bytes());
            ps.setInt(2, d.cipher());
            ps.setInt(3, d.ageMask().bits());
            ps.setBytes(4, d.key().keyBytes());
            ps.setBytes(5, d.masterSig().bytes());
            Sql.setTime(ps, 6, d.validFrom());
            Sql.setTime(ps, 7, d.expireWithdraw());
            Sql.setTime(ps, 8, d.expireDeposit());
            Sql.setTime(ps, 9, d.expireLegal());
            int i = Sql.setAmount(ps, 10, d.value());
            for (var fee : d.fees().all()) {
                i = Sql.setAmount(ps, i, fee);
            }
            return ps.executeUpdate();
        }
    }

    /** A denomination by the hash of its public key (with its revocation state). */
    public Optional<Denomination> find(HashCode denomPubHash) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT d.*, r.denominations_serial IS NOT NULL AS revoked FROM denominations d "
                            + "LEFT JOIN denomination_revocations r ON r.denominations_serial = d.denominations_serial "
                            + "WHERE d.denom_pub_hash = ?")) {
                ps.setBytes(1, denomPubHash.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(row(rs, currency)) : Optional.empty();
                }
            }
        });
    }

    /**
     * Maps a {@code denominations} row (all columns plus a boolean {@code revoked}) and decodes
     * its key: the one place where stored keys become typed ones.
     *
     * @throws SQLException if the stored key is malformed or does not match its hash
     */
    public static Denomination row(ResultSet rs, String currency) throws SQLException {
        HashCode h = new HashCode(rs.getBytes("denom_pub_hash"));
        try {
            DenominationKey key = DenominationKey.of(rs.getInt("denom_type"), new AgeMask(rs.getInt("age_mask")),
                    rs.getBytes("denom_pub"));
            return new Denomination(rs.getLong("denominations_serial"), key, h, Sql.amount(rs, "coin", currency),
                    new DenominationFees(Sql.amount(rs, "fee_withdraw", currency), Sql.amount(rs, "fee_deposit", currency),
                            Sql.amount(rs, "fee_refresh", currency), Sql.amount(rs, "fee_refund", currency)),
                    Sql.time(rs, "valid_from"), Sql.time(rs, "expire_withdraw"), Sql.time(rs, "expire_deposit"),
                    Sql.time(rs, "expire_legal"), new EddsaSignature(rs.getBytes("master_sig")),
                    rs.getBoolean("revoked"));
        } catch (IllegalArgumentException e) {
            throw new SQLException("stored denomination " + h.toBase32() + " is malformed: " + e.getMessage(), e);
        }
    }

    /** The serial of a denomination, if known. */
    public Optional<Long> serialOf(HashCode denomPubHash) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT denominations_serial FROM denominations WHERE denom_pub_hash = ?")) {
                ps.setBytes(1, denomPubHash.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
    }
}

package net.taler.db.keys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.Timestamp;
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

    /** denomType: 1 = RSA, 2 = CS; denomPub is the encoded public key. */
    public record Denomination(HashCode denomPubHash, int denomType, int ageMask, byte[] denomPub,
                               EddsaSignature masterSig, Timestamp validFrom, Timestamp expireWithdraw,
                               Timestamp expireDeposit, Timestamp expireLegal, Amount coin, Amount feeWithdraw,
                               Amount feeDeposit, Amount feeRefresh, Amount feeRefund) {
    }

    /** Inserts (idempotent: an existing hash is kept); returns the denomination's serial. */
    public long insert(Denomination d) {
        requireCurrency(d, currency);
        return db.inTransaction(c -> {
            insertRow(c, d);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT denominations_serial FROM denominations WHERE denom_pub_hash = ?")) {
                ps.setBytes(1, d.denomPubHash().bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Throws unless all amounts of {@code d} are in {@code currency}. */
    public static void requireCurrency(Denomination d, String currency) {
        for (Amount a : new Amount[] {d.coin(), d.feeWithdraw(), d.feeDeposit(), d.feeRefresh(), d.feeRefund()}) {
            Sql.requireCurrency(a, currency);
        }
    }

    /** The idempotent INSERT inside the caller's transaction; returns 1 if the row is new, else 0. */
    public static int insertRow(java.sql.Connection c, Denomination d) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO denominations (denom_pub_hash, denom_type, age_mask, denom_pub, master_sig, valid_from, "
                        + "expire_withdraw, expire_deposit, expire_legal, coin_val, coin_frac, fee_withdraw_val, "
                        + "fee_withdraw_frac, fee_deposit_val, fee_deposit_frac, fee_refresh_val, fee_refresh_frac, "
                        + "fee_refund_val, fee_refund_frac) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
                        + "ON CONFLICT DO NOTHING")) {
            ps.setBytes(1, d.denomPubHash().bytes());
            ps.setInt(2, d.denomType());
            ps.setInt(3, d.ageMask());
            ps.setBytes(4, d.denomPub());
            ps.setBytes(5, d.masterSig().bytes());
            Sql.setTime(ps, 6, d.validFrom());
            Sql.setTime(ps, 7, d.expireWithdraw());
            Sql.setTime(ps, 8, d.expireDeposit());
            Sql.setTime(ps, 9, d.expireLegal());
            int i = Sql.setAmount(ps, 10, d.coin());
            i = Sql.setAmount(ps, i, d.feeWithdraw());
            i = Sql.setAmount(ps, i, d.feeDeposit());
            i = Sql.setAmount(ps, i, d.feeRefresh());
            Sql.setAmount(ps, i, d.feeRefund());
            return ps.executeUpdate();
        }
    }

    /** A denomination by the hash of its public key (without its revocation state). */
    public Optional<Denomination> find(HashCode denomPubHash) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT denom_type, age_mask, denom_pub, master_sig, valid_from, expire_withdraw, expire_deposit, "
                            + "expire_legal, coin_val, coin_frac, fee_withdraw_val, fee_withdraw_frac, fee_deposit_val, "
                            + "fee_deposit_frac, fee_refresh_val, fee_refresh_frac, fee_refund_val, fee_refund_frac "
                            + "FROM denominations WHERE denom_pub_hash = ?")) {
                ps.setBytes(1, denomPubHash.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Denomination(denomPubHash, rs.getInt("denom_type"), rs.getInt("age_mask"),
                            rs.getBytes("denom_pub"), new EddsaSignature(rs.getBytes("master_sig")),
                            Sql.time(rs, "valid_from"), Sql.time(rs, "expire_withdraw"),
                            Sql.time(rs, "expire_deposit"), Sql.time(rs, "expire_legal"),
                            Sql.amount(rs, "coin", currency), Sql.amount(rs, "fee_withdraw", currency),
                            Sql.amount(rs, "fee_deposit", currency), Sql.amount(rs, "fee_refresh", currency),
                            Sql.amount(rs, "fee_refund", currency)));
                }
            }
        });
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

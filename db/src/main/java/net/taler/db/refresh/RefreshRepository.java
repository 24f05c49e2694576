package net.taler.db.refresh;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/** Refresh: melt (old coin debit + commitment, atomically) and commitment look-up. */
public final class RefreshRepository {
    private final ExchangeDb db;
    private final String currency;

    public RefreshRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    public enum MeltStatus { DONE, REPLAY, COIN_UNKNOWN, INSUFFICIENT_FUNDS }

    /** norevealIndex: the stored one (the original on REPLAY). */
    public record MeltResult(MeltStatus status, long meltSerialId, int noreveal) {
    }

    public record Commitment(long meltSerialId, HashCode rc, EddsaPublicKey oldCoinPub, EddsaSignature oldCoinSig,
                             Amount amountWithFee, int noreveal) {
    }

    /** Melts; a repeated {@code rc} returns the original commitment's noreveal index. */
    public MeltResult melt(HashCode rc, EddsaPublicKey oldCoinPub, EddsaSignature oldCoinSig, Amount amountWithFee,
                           int noreveal) {
        Sql.requireCurrency(amountWithFee, currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_melt_serial_id, out_noreveal_index FROM exchange_do_melt(?,?,?,?,?,?)")) {
                ps.setBytes(1, rc.bytes());
                ps.setBytes(2, oldCoinPub.bytes());
                ps.setBytes(3, oldCoinSig.bytes());
                Sql.setAmount(ps, 4, amountWithFee);
                ps.setInt(6, noreveal);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new MeltResult(MeltStatus.values()[rs.getInt(1)], rs.getLong(2), rs.getInt(3));
                }
            }
        });
    }

    public Optional<Commitment> get(HashCode rc) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT melt_serial_id, old_coin_pub, old_coin_sig, amount_with_fee_val, amount_with_fee_frac, "
                            + "noreveal_index FROM refresh_commitments WHERE rc = ?")) {
                ps.setBytes(1, rc.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Commitment(rs.getLong(1), rc, new EddsaPublicKey(rs.getBytes(2)),
                            new EddsaSignature(rs.getBytes(3)), Sql.amount(rs, "amount_with_fee", currency),
                            rs.getInt(6)));
                }
            }
        });
    }
}

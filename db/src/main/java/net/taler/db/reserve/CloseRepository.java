package net.taler.db.reserve;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.wire.PrewireRepository;

/** Closer side: expired reserves and the atomic close (balance to zero, reserves_close, prewire). */
public final class CloseRepository {
    /** Largest page of {@link #expired}. */
    public static final int MAX_PAGE = 1000;
    private final ExchangeDb db;
    private final String currency;

    public CloseRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** An expired reserve with money left, and the account that funded it (from reserves_in). */
    public record Expired(EddsaPublicKey reservePub, Amount balance, Timestamp expirationDate,
                          ShortHash senderHPayto, String senderPaytoUri) {
    }

    public List<Expired> expired(Timestamp now, int limit) {
        int lim = Math.min(Math.max(1, limit), MAX_PAGE);
        return db.inTransaction(c -> {
            List<Expired> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT r.reserve_pub, r.current_balance_val, r.current_balance_frac, r.expiration_date, "
                            + "i.wire_source_h_payto, t.payto_uri FROM reserves r "
                            + "JOIN reserves_in i ON i.reserve_pub = r.reserve_pub "
                            + "JOIN wire_targets t ON t.wire_target_h_payto = i.wire_source_h_payto "
                            + "WHERE r.expiration_date <= ? AND (r.current_balance_val > 0 OR r.current_balance_frac > 0) "
                            + "ORDER BY r.expiration_date LIMIT ?")) {
                Sql.setTime(ps, 1, now);
                ps.setInt(2, lim);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Expired(new EddsaPublicKey(rs.getBytes(1)),
                                Sql.amount(rs, "current_balance", currency), Sql.time(rs, "expiration_date"),
                                new ShortHash(rs.getBytes(5)), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Closes a reserve: records the whole current balance in {@code reserves_close} (with the
     * closing fee), sets the balance to zero and, if the balance exceeds the fee, queues the
     * transfer of (balance − fee). Returns the closed amount, or empty if the balance was
     * already zero (idempotent).
     */
    public Optional<Amount> close(EddsaPublicKey reservePub, Timestamp now, WireTransferId wtid, ShortHash hPayto,
                                  Amount closingFee, String wireMethod, byte[] prewireBuf) {
        Sql.requireCurrency(closingFee, currency);
        return db.inTransaction(c -> {
            Amount balance;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT current_balance_val, current_balance_frac FROM reserves WHERE reserve_pub = ? FOR UPDATE")) {
                ps.setBytes(1, reservePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<Amount>empty();
                    }
                    balance = Sql.amount(rs, "current_balance", currency);
                }
            }
            if (balance.isZero()) {
                return Optional.<Amount>empty();
            }
            Amount fee = balance.compare(closingFee) < 0 ? balance : closingFee;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO reserves_close (reserve_pub, execution_date, wtid, wire_target_h_payto, amount_val, "
                            + "amount_frac, closing_fee_val, closing_fee_frac) VALUES (?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, reservePub.bytes());
                Sql.setTime(ps, 2, now);
                ps.setBytes(3, wtid.bytes());
                ps.setBytes(4, hPayto.bytes());
                int i = Sql.setAmount(ps, 5, balance);
                Sql.setAmount(ps, i, fee);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE reserves SET current_balance_val = 0, current_balance_frac = 0 WHERE reserve_pub = ?")) {
                ps.setBytes(1, reservePub.bytes());
                ps.executeUpdate();
            }
            if (balance.compare(fee) > 0) {
                PrewireRepository.insert(c, wireMethod, prewireBuf);
            }
            return Optional.of(balance);
        });
    }
}

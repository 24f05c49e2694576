package net.taler.db.refresh;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;
import net.taler.db.conn.Sql;

/**
 * Refresh: melt (old coin debit + commitment, atomically), commitment look-up, reveal (transfer
 * key + fresh coins, idempotent) and link data.
 */
public final class RefreshRepository {
    private final ExchangeDb db;
    private final String currency;

    public RefreshRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    public enum MeltStatus implements ProcedureStatus {
        DONE(0), REPLAY(1), COIN_UNKNOWN(2), INSUFFICIENT_FUNDS(3);

        private final int code;

        MeltStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static MeltStatus fromCode(int code) {
            return ProcedureStatus.fromCode(MeltStatus.class, code);
        }
    }

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
                    return new MeltResult(MeltStatus.fromCode(rs.getInt(1)), rs.getLong(2), rs.getInt(3));
                }
            }
        });
    }

    public Optional<Commitment> get(HashCode rc) {
        return db.inTransaction(c -> get(c, rc));
    }

    /**
     * One revealed fresh coin ({@code refresh_revealed_coins}).
     *
     * @param coinEv the blinded coin envelope as received
     * @param evSig the exchange's blind signature
     * @param ewv the exchange withdraw values (CS R values; empty for RSA)
     */
    public record RevealedCoin(int freshcoinIndex, long denominationsSerial, EddsaSignature linkSig, byte[] coinEv,
                               HashCode hCoinEv, byte[] evSig, byte[] ewv) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RevealedCoin r && r.freshcoinIndex == freshcoinIndex
                    && r.denominationsSerial == denominationsSerial && r.linkSig.equals(linkSig)
                    && Arrays.equals(r.coinEv, coinEv) && r.hCoinEv.equals(hCoinEv) && Arrays.equals(r.evSig, evSig)
                    && Arrays.equals(r.ewv, ewv);
        }

        @Override
        public int hashCode() {
            return hCoinEv.hashCode();
        }
    }

    public enum RevealStatus { DONE, REPLAY, MELT_UNKNOWN }

    /** coins: the stored ones (on REPLAY those of the first reveal, whatever was passed now). */
    public record RevealResult(RevealStatus status, long meltSerialId, EcdhePublicKey transferPub,
                               List<RevealedCoin> coins) {
    }

    /**
     * Stores the reveal of melt {@code rc}: the transfer public key, the revealed transfer private
     * keys (concatenated, kappa - 1 of them) and the fresh coins with their signatures, in one
     * transaction. A melt is revealed at most once: a repeat (also a concurrent one) returns the
     * first reveal's data as REPLAY.
     */
    public RevealResult reveal(HashCode rc, EcdhePublicKey transferPub, byte[] transferPrivs,
                               List<RevealedCoin> coins) {
        return db.inTransaction(c -> {
            Optional<Commitment> m = get(c, rc);
            if (m.isEmpty()) {
                return new RevealResult(RevealStatus.MELT_UNKNOWN, 0, null, List.of());
            }
            long melt = m.get().meltSerialId();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO refresh_transfer_keys (melt_serial_id, transfer_pub, transfer_privs) "
                            + "VALUES (?,?,?) ON CONFLICT DO NOTHING")) {
                ps.setLong(1, melt);
                ps.setBytes(2, transferPub.bytes());
                ps.setBytes(3, transferPrivs);
                if (ps.executeUpdate() == 0) {
                    return storedReveal(c, melt).orElseThrow(() -> new SQLException("concurrent reveal", "40001"));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO refresh_revealed_coins (melt_serial_id, freshcoin_index, link_sig, "
                            + "denominations_serial, coin_ev, h_coin_ev, ev_sig, ewv) VALUES (?,?,?,?,?,?,?,?)")) {
                for (RevealedCoin r : coins) {
                    ps.setLong(1, melt);
                    ps.setInt(2, r.freshcoinIndex());
                    ps.setBytes(3, r.linkSig().bytes());
                    ps.setLong(4, r.denominationsSerial());
                    ps.setBytes(5, r.coinEv());
                    ps.setBytes(6, r.hCoinEv().bytes());
                    ps.setBytes(7, r.evSig());
                    ps.setBytes(8, r.ewv());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return new RevealResult(RevealStatus.DONE, melt, transferPub, List.copyOf(coins));
        });
    }

    /** The stored reveal of a melt (empty if not revealed yet). */
    public Optional<RevealResult> getReveal(HashCode rc) {
        return db.inTransaction(c -> {
            Optional<Commitment> m = get(c, rc);
            return m.isEmpty() ? Optional.empty() : storedReveal(c, m.get().meltSerialId());
        });
    }

    private static Optional<RevealResult> storedReveal(Connection c, long melt) throws SQLException {
        EcdhePublicKey tp;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT transfer_pub FROM refresh_transfer_keys WHERE melt_serial_id = ?")) {
            ps.setLong(1, melt);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                tp = new EcdhePublicKey(rs.getBytes(1));
            }
        }
        return Optional.of(new RevealResult(RevealStatus.REPLAY, melt, tp, revealedCoins(c, melt)));
    }

    private static List<RevealedCoin> revealedCoins(Connection c, long melt) throws SQLException {
        List<RevealedCoin> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT freshcoin_index, denominations_serial, link_sig, coin_ev, h_coin_ev, ev_sig, ewv "
                        + "FROM refresh_revealed_coins WHERE melt_serial_id = ? ORDER BY freshcoin_index")) {
            ps.setLong(1, melt);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RevealedCoin(rs.getInt(1), rs.getLong(2), new EddsaSignature(rs.getBytes(3)),
                            rs.getBytes(4), new HashCode(rs.getBytes(5)), rs.getBytes(6), rs.getBytes(7)));
                }
            }
        }
        return out;
    }

    private Optional<Commitment> get(Connection c, HashCode rc) throws SQLException {
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
    }

    /** One fresh coin of a link response, with its denomination public key (as stored). */
    public record LinkCoin(int freshcoinIndex, byte[] denomPub, EddsaSignature linkSig, byte[] evSig, byte[] ewv,
                           HashCode hCoinEv) {
    }

    /** One revealed melt of a coin: its transfer public key and fresh coins. */
    public record LinkEntry(long meltSerialId, EcdhePublicKey transferPub, List<LinkCoin> coins) {
    }

    /** Link data for {@code GET /coins/$COIN_PUB/link}: all revealed melts of the coin, oldest first. */
    public List<LinkEntry> linkData(EddsaPublicKey oldCoinPub) {
        return db.inTransaction(c -> {
            List<LinkEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT tk.melt_serial_id, tk.transfer_pub, rrc.freshcoin_index, d.denom_pub, rrc.link_sig, "
                            + "rrc.ev_sig, rrc.ewv, rrc.h_coin_ev "
                            + "FROM refresh_commitments rcm "
                            + "JOIN refresh_transfer_keys tk ON tk.melt_serial_id = rcm.melt_serial_id "
                            + "JOIN refresh_revealed_coins rrc ON rrc.melt_serial_id = rcm.melt_serial_id "
                            + "JOIN denominations d ON d.denominations_serial = rrc.denominations_serial "
                            + "WHERE rcm.old_coin_pub = ? ORDER BY tk.melt_serial_id, rrc.freshcoin_index")) {
                ps.setBytes(1, oldCoinPub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    List<LinkCoin> cur = null;
                    while (rs.next()) {
                        long melt = rs.getLong(1);
                        if (out.isEmpty() || out.get(out.size() - 1).meltSerialId() != melt) {
                            cur = new ArrayList<>();
                            out.add(new LinkEntry(melt, new EcdhePublicKey(rs.getBytes(2)), cur));
                        }
                        cur.add(new LinkCoin(rs.getInt(3), rs.getBytes(4), new EddsaSignature(rs.getBytes(5)),
                                rs.getBytes(6), rs.getBytes(7), new HashCode(rs.getBytes(8))));
                    }
                }
            }
            return out;
        });
    }

    /** Where a fresh coin came from (for recoup of a refreshed coin). */
    public record FreshCoinOrigin(long rrcSerial, long meltSerialId, EddsaPublicKey oldCoinPub) {
    }

    /** Finds the revealed coin with blinded envelope hash {@code hCoinEv}. */
    public Optional<FreshCoinOrigin> originOf(HashCode hCoinEv) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT rrc.rrc_serial, rrc.melt_serial_id, rcm.old_coin_pub FROM refresh_revealed_coins rrc "
                            + "JOIN refresh_commitments rcm ON rcm.melt_serial_id = rrc.melt_serial_id "
                            + "WHERE rrc.h_coin_ev = ?")) {
                ps.setBytes(1, hCoinEv.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new FreshCoinOrigin(rs.getLong(1), rs.getLong(2),
                            new EddsaPublicKey(rs.getBytes(3))));
                }
            }
        });
    }
}

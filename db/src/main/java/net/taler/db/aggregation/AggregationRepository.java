package net.taler.db.aggregation;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.wire.PrewireRepository;

/** Aggregator side: ready deposits and the atomic recording of an outgoing transfer. */
public final class AggregationRepository {
    /** Largest number of deposits in one transfer / one query. */
    public static final int MAX_DEPOSITS = 10_000;
    private final ExchangeDb db;
    private final String currency;

    public AggregationRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** A deposit that is due (from the trigger-maintained {@code deposits_by_ready}). */
    public record ReadyDeposit(long depositSerialId, byte[] coinPub, long shard, Timestamp wireDeadline) {
    }

    /** A deposit included in a transfer. */
    public record Included(long depositSerialId, byte[] coinPub) {
    }

    /** Due deposits (wire_deadline ≤ now) in merchant shards [shardStart, shardEnd), oldest first. */
    public List<ReadyDeposit> ready(Timestamp now, long shardStart, long shardEnd, int limit) {
        int lim = Math.min(Math.max(1, limit), MAX_DEPOSITS);
        return db.inTransaction(c -> {
            List<ReadyDeposit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT deposit_serial_id, coin_pub, shard, wire_deadline FROM deposits_by_ready "
                            + "WHERE wire_deadline <= ? AND shard >= ? AND shard < ? "
                            + "ORDER BY wire_deadline, shard, coin_pub LIMIT ?")) {
                Sql.setTime(ps, 1, now);
                ps.setLong(2, shardStart);
                ps.setLong(3, shardEnd);
                ps.setInt(4, lim);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ReadyDeposit(rs.getLong(1), rs.getBytes(2), rs.getLong(3),
                                Sql.time(rs, "wire_deadline")));
                    }
                }
            }
            return out;
        });
    }

    /**
     * In one transaction: marks the deposits done, links them to {@code wtid}
     * ({@code aggregation_tracking}), records the transfer ({@code wire_out}) and queues it for the
     * bank ({@code prewire}). Returns the prewire uuid. A wtid used before is rejected by
     * {@code wire_out}'s key (the whole transaction rolls back).
     */
    public long recordTransfer(WireTransferId wtid, Timestamp executionDate, ShortHash wireTargetHPayto,
                               String exchangeAccountSection, Amount amount, List<Included> deposits,
                               String wireMethod, byte[] prewireBuf) {
        Sql.requireCurrency(amount, currency);
        if (deposits.isEmpty() || deposits.size() > MAX_DEPOSITS) {
            throw new IllegalArgumentException("1 to " + MAX_DEPOSITS + " deposits per transfer");
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_out (execution_date, wtid_raw, wire_target_h_payto, exchange_account_section, "
                            + "amount_val, amount_frac) VALUES (?,?,?,?,?,?)")) {
                Sql.setTime(ps, 1, executionDate);
                ps.setBytes(2, wtid.bytes());
                ps.setBytes(3, wireTargetHPayto.bytes());
                ps.setString(4, exchangeAccountSection);
                Sql.setAmount(ps, 5, amount);
                ps.executeUpdate();
            }
            try (PreparedStatement done = c.prepareStatement(
                    "UPDATE deposits SET done = TRUE WHERE coin_pub = ? AND deposit_serial_id = ? AND NOT done");
                 PreparedStatement track = c.prepareStatement(
                    "INSERT INTO aggregation_tracking (deposit_serial_id, wtid_raw) VALUES (?, ?)")) {
                for (Included d : deposits) {
                    done.setBytes(1, d.coinPub());
                    done.setLong(2, d.depositSerialId());
                    if (done.executeUpdate() != 1) {
                        throw new IllegalStateException("deposit " + d.depositSerialId() + " is unknown or already done");
                    }
                    track.setLong(1, d.depositSerialId());
                    track.setBytes(2, wtid.bytes());
                    track.addBatch();
                }
                track.executeBatch();
            }
            return PrewireRepository.insert(c, wireMethod, prewireBuf);
        });
    }
}

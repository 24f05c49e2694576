package net.taler.db.shard;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;

/**
 * Work-shard coordination between worker processes (database.md 3.6).
 *
 * <p>Linear shards ({@code work_shards}): append-only row ranges per job, e.g.
 * {@code wirewatch-<account>} over bank row ids or {@code transfer} over prewire uuids. A
 * worker {@link #begin}s a shard, processes it and {@link #complete}s it; a crashed worker's
 * shard is taken over once its lock period has passed.
 *
 * <p>Revolving shards ({@code revolving_work_shards}): ranges of the 31-bit merchant shard space
 * for the aggregator; {@link #beginRevolving} hands out a range not active elsewhere and
 * {@link #releaseRevolving} gives it back. {@code taler-exchange-dbinit -s} clears all of them.
 */
public final class WorkShards {
    /** Upper end (exclusive) of the merchant shard space. */
    public static final int MERCHANT_SHARD_LIMIT = Integer.MAX_VALUE;

    private final ExchangeDb db;
    private final Clock clock;

    public WorkShards(ExchangeDb db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** A range [startRow, endRow) of a job. */
    public record Shard(String job, long startRow, long endRow) {
    }

    private long now() {
        return Timestamp.now(clock).toDbMicros();
    }

    /**
     * Takes the unfinished shard with the lowest rows whose last attempt is older than
     * {@code lockTimeout}, or else appends a new shard of {@code shardSize} rows after the job's
     * last one. Lowest rows first, not least recently tried: idle workers give their empty shard
     * back ({@link #abort}, last attempt 0) and would otherwise take it again forever while a
     * crashed worker's shard with unimported rows waits.
     */
    public Shard begin(String job, Duration lockTimeout, long shardSize) {
        if (shardSize <= 0 || shardSize > (1L << 40)) {
            throw new IllegalArgumentException("shard size out of range: " + shardSize);
        }
        long now = now();
        long cutoff = now - lockTimeout.toNanos() / 1000;
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT start_row, end_row FROM work_shards WHERE job_name = ? AND NOT completed "
                            + "AND last_attempt < ? ORDER BY start_row ASC LIMIT 1")) {
                ps.setString(1, job);
                ps.setLong(2, cutoff);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        Shard s = new Shard(job, rs.getLong(1), rs.getLong(2));
                        touch(c, "UPDATE work_shards SET last_attempt = ? WHERE job_name = ? AND start_row = ?", now, s);
                        return s;
                    }
                }
            }
            long start = maxEnd(c, "SELECT COALESCE(MAX(end_row), 0) FROM work_shards WHERE job_name = ?", job);
            Shard s = new Shard(job, start, start + shardSize);
            insert(c, "INSERT INTO work_shards (job_name, last_attempt, start_row, end_row) VALUES (?,?,?,?) "
                    + "ON CONFLICT DO NOTHING", s, now);
            return s;
        });
    }

    /** Marks a shard done. */
    public void complete(Shard s) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE work_shards SET completed = TRUE WHERE job_name = ? AND start_row = ? AND end_row = ?")) {
                ps.setString(1, s.job());
                ps.setLong(2, s.startRow());
                ps.setLong(3, s.endRow());
                if (ps.executeUpdate() != 1) {
                    throw new IllegalStateException("no such shard: " + s);
                }
            }
            return null;
        });
    }

    /** Gives a shard up so another worker can take it at once. */
    public void abort(Shard s) {
        db.inTransaction(c -> {
            touch(c, "UPDATE work_shards SET last_attempt = ? WHERE job_name = ? AND start_row = ? AND NOT completed",
                    0, s);
            return null;
        });
    }

    /**
     * Takes a revolving range: a new one of {@code shardSize} after the last while the space
     * {@code [0, shardLimit)} is not covered, else the inactive one used longest ago; empty if
     * all ranges are active.
     */
    public Optional<Shard> beginRevolving(String job, int shardSize, int shardLimit) {
        if (shardSize <= 0 || shardLimit <= 0) {
            throw new IllegalArgumentException("shard size and limit must be positive");
        }
        long now = now();
        return db.inTransaction(c -> {
            long end = maxEnd(c, "SELECT COALESCE(MAX(end_row), 0) FROM revolving_work_shards WHERE job_name = ?", job);
            if (end < shardLimit) {
                Shard s = new Shard(job, end, Math.min((long) shardLimit, end + shardSize));
                insert(c, "INSERT INTO revolving_work_shards (job_name, last_attempt, start_row, end_row, active) "
                        + "VALUES (?,?,?,?,TRUE) ON CONFLICT DO NOTHING", s, now);
                return Optional.of(s);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT start_row, end_row FROM revolving_work_shards WHERE job_name = ? AND NOT active "
                            + "ORDER BY last_attempt ASC LIMIT 1")) {
                ps.setString(1, job);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    Shard s = new Shard(job, rs.getInt(1), rs.getInt(2));
                    touch(c, "UPDATE revolving_work_shards SET last_attempt = ?, active = TRUE "
                            + "WHERE job_name = ? AND start_row = ?", now, s);
                    return Optional.of(s);
                }
            }
        });
    }

    /** Releases a revolving range. */
    public void releaseRevolving(Shard s) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE revolving_work_shards SET active = FALSE WHERE job_name = ? AND start_row = ? AND end_row = ?")) {
                ps.setString(1, s.job());
                ps.setInt(2, (int) s.startRow());
                ps.setInt(3, (int) s.endRow());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static long maxEnd(Connection c, String sql, String job) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void insert(Connection c, String sql, Shard s, long now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, s.job());
            ps.setLong(2, now);
            ps.setLong(3, s.startRow());
            ps.setLong(4, s.endRow());
            if (ps.executeUpdate() != 1) {
                // another worker appended the same range concurrently: retry as a soft error
                throw new SQLException("shard " + s + " taken concurrently", "40001");
            }
        }
    }

    private static void touch(Connection c, String sql, long now, Shard s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, now);
            ps.setString(2, s.job());
            ps.setLong(3, s.startRow());
            ps.executeUpdate();
        }
    }
}

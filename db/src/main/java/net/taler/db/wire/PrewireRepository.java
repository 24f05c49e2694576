package net.taler.db.wire;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.taler.db.conn.ExchangeDb;

/** The bank outbox ({@code prewire}): written by aggregator/closer/drain, executed by transfer. */
public final class PrewireRepository {
    /** Largest page {@link #pending} returns. */
    public static final int MAX_PAGE = 1000;
    private final ExchangeDb db;

    public PrewireRepository(ExchangeDb db) {
        this.db = db;
    }

    public record Prewire(long prewireUuid, String wireMethod, byte[] buf) {
    }

    /** Queues a transfer inside the caller's transaction; returns its uuid. */
    public static long insert(Connection c, String wireMethod, byte[] buf) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO prewire (wire_method, buf) VALUES (?, ?) RETURNING prewire_uuid")) {
            ps.setString(1, wireMethod);
            ps.setBytes(2, buf);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public long insert(String wireMethod, byte[] buf) {
        return db.inTransaction(c -> insert(c, wireMethod, buf));
    }

    /** Unfinished, not failed transfers with uuid in [fromUuid, toUuid), oldest first, at most {@code limit}. */
    public List<Prewire> pending(long fromUuid, long toUuid, int limit) {
        int lim = Math.min(Math.max(1, limit), MAX_PAGE);
        return db.inTransaction(c -> {
            List<Prewire> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT prewire_uuid, wire_method, buf FROM prewire WHERE NOT finished AND NOT failed "
                            + "AND prewire_uuid >= ? AND prewire_uuid < ? ORDER BY prewire_uuid LIMIT ?")) {
                ps.setLong(1, fromUuid);
                ps.setLong(2, toUuid);
                ps.setInt(3, lim);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new Prewire(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
                    }
                }
            }
            return out;
        });
    }

    public void markFinished(long prewireUuid) {
        mark("UPDATE prewire SET finished = TRUE WHERE prewire_uuid = ?", prewireUuid);
    }

    public void markFailed(long prewireUuid) {
        mark("UPDATE prewire SET failed = TRUE WHERE prewire_uuid = ?", prewireUuid);
    }

    private void mark(String sql, long uuid) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setLong(1, uuid);
                ps.executeUpdate();
            }
            return null;
        });
    }
}

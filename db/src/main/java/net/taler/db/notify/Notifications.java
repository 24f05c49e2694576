package net.taler.db.notify;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import net.taler.db.conn.PgConnectionString;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** LISTEN/NOTIFY helper: send inside a transaction (delivered on commit), listen on a dedicated connection. */
public final class Notifications {
    private Notifications() {
    }

    /** An event received by a {@link Listener}. */
    public record Event(Channel channel, String payload) {
    }

    /** Queues a notification on {@code c}; delivered when its transaction commits. */
    public static void notify(Connection c, Channel ch, byte[] key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, ch.pgName());
            ps.setString(2, key == null ? "" : HexFormat.of().formatHex(key));
            ps.execute();
        }
    }

    /** The payload a keyed notification carries. */
    public static String payloadOf(byte[] key) {
        return HexFormat.of().formatHex(key);
    }

    /** Opens a listener (its own connection, not from the pool) on the given channels. */
    public static Listener listen(PgConnectionString.JdbcTarget target, Channel... channels) throws SQLException {
        Connection c = DriverManager.getConnection(target.url(), target.properties());
        try (Statement st = c.createStatement()) {
            for (Channel ch : channels) {
                st.execute("LISTEN " + ch.pgName());
            }
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new Listener(c);
    }

    /** A connection listening on channels. Not thread-safe; one consumer thread. */
    public static final class Listener implements AutoCloseable {
        /** At most this many events per poll. */
        public static final int MAX_BATCH = 1000;
        private final Connection c;
        private final PGConnection pg;

        Listener(Connection c) throws SQLException {
            this.c = c;
            this.pg = c.unwrap(PGConnection.class);
        }

        /** Waits up to {@code timeoutMillis} (0 = just check) for events. */
        public List<Event> poll(int timeoutMillis) throws SQLException {
            PGNotification[] ns = pg.getNotifications(Math.max(1, timeoutMillis));
            List<Event> out = new ArrayList<>();
            if (ns != null) {
                for (PGNotification n : ns) {
                    Channel ch = Channel.fromPgName(n.getName());
                    if (ch != null && out.size() < MAX_BATCH) {
                        out.add(new Event(ch, n.getParameter()));
                    }
                }
            }
            return out;
        }

        @Override
        public void close() throws SQLException {
            c.close();
        }
    }
}

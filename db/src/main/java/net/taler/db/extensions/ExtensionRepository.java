package net.taler.db.extensions;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import net.taler.common.crypto.EddsaSignature;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * The master-signed extension manifests ({@code /management/extensions}, tables
 * {@code extensions} and {@code extensions_sig}). NOTIFY {@link Channel#EXCHANGE_EXTENSIONS_UPDATED}
 * when they changed.
 */
public final class ExtensionRepository {
    /** At most this many extensions. */
    public static final int MAX_ROWS = 10_000;

    private final ExchangeDb db;

    public ExtensionRepository(ExchangeDb db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /**
     * POST /management/extensions: replaces all stored manifests (name to manifest JSON text)
     * and the master signature over them ({@code null} = none).
     */
    public void setExtensions(Map<String, String> manifests, EddsaSignature extensionsSig) {
        if (manifests.size() > MAX_ROWS) {
            throw new IllegalArgumentException("too many extensions (max " + MAX_ROWS + ")");
        }
        TreeMap<String, String> wanted = new TreeMap<>();
        for (Map.Entry<String, String> e : manifests.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("extension name and manifest must be given");
            }
            wanted.put(e.getKey(), e.getValue());
        }
        db.inTransaction(c -> {
            Map<String, String> stored = extensions(c);
            EddsaSignature storedSig = extensionsSig(c);
            if (stored.equals(wanted) && Objects.equals(storedSig, extensionsSig)) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM extensions WHERE NOT (name = ANY (?))")) {
                ps.setArray(1, c.createArrayOf("varchar", wanted.keySet().toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO extensions (name, manifest) VALUES (?, ?) "
                            + "ON CONFLICT (name) DO UPDATE SET manifest = EXCLUDED.manifest")) {
                for (Map.Entry<String, String> e : wanted.entrySet()) {
                    if (!e.getValue().equals(stored.get(e.getKey()))) {
                        ps.setString(1, e.getKey());
                        ps.setBytes(2, e.getValue().getBytes(StandardCharsets.UTF_8));
                        ps.executeUpdate();
                    }
                }
            }
            if (extensionsSig == null) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM extensions_sig");
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO extensions_sig (singleton, master_sig) VALUES (TRUE, ?) "
                                + "ON CONFLICT (singleton) DO UPDATE SET master_sig = EXCLUDED.master_sig")) {
                    ps.setBytes(1, extensionsSig.bytes());
                    ps.executeUpdate();
                }
            }
            Notifications.notify(c, Channel.EXCHANGE_EXTENSIONS_UPDATED, null);
            return null;
        });
    }

    /** The stored manifests (name to JSON text), by name, inside the caller's transaction. */
    public static Map<String, String> extensions(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, manifest FROM extensions ORDER BY name LIMIT " + MAX_ROWS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] m = rs.getBytes(2);
                out.put(rs.getString(1), m == null ? "" : new String(m, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** The stored master signature over the manifests, or null, inside the caller's transaction. */
    public static EddsaSignature extensionsSig(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT master_sig FROM extensions_sig");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new EddsaSignature(rs.getBytes(1)) : null;
        }
    }
}

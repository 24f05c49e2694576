package net.taler.db.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Objects;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.management.Change;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * Master-signed revocations of denominations and online signing keys (the httpd verified the
 * signatures). One SERIALIZABLE transaction each; NOTIFY {@link Channel#EXCHANGE_KEYS_UPDATED}
 * when a revocation is new.
 */
public final class RevocationRepository {
    private final ExchangeDb db;

    public RevocationRepository(ExchangeDb db) {
        this.db = Objects.requireNonNull(db, "db");
    }


    /** POST /management/denominations/$H/revoke; a repeat keeps the first signature. */
    public Change revokeDenomination(HashCode hDenomPub, EddsaSignature masterSig) {
        return db.inTransaction(c -> revoke(c,
                "SELECT d.denominations_serial, r.denominations_serial IS NOT NULL FROM denominations d "
                        + "LEFT JOIN denomination_revocations r ON r.denominations_serial = d.denominations_serial "
                        + "WHERE d.denom_pub_hash = ?",
                "INSERT INTO denomination_revocations (denominations_serial, master_sig) VALUES (?, ?) "
                        + "ON CONFLICT DO NOTHING",
                hDenomPub.bytes(), masterSig));
    }

    /** POST /management/signkeys/$PUB/revoke; a repeat keeps the first signature. */
    public Change revokeSigningKey(EddsaPublicKey exchangePub, EddsaSignature masterSig) {
        return db.inTransaction(c -> revoke(c,
                "SELECT k.esk_serial, r.esk_serial IS NOT NULL FROM exchange_sign_keys k "
                        + "LEFT JOIN signkey_revocations r ON r.esk_serial = k.esk_serial WHERE k.exchange_pub = ?",
                "INSERT INTO signkey_revocations (esk_serial, master_sig) VALUES (?, ?) ON CONFLICT DO NOTHING",
                exchangePub.bytes(), masterSig));
    }

    private static Change revoke(Connection c, String lookup, String insert, byte[] key, EddsaSignature masterSig)
            throws SQLException {
        long serial;
        try (PreparedStatement ps = c.prepareStatement(lookup)) {
            ps.setBytes(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Change.UNKNOWN;
                }
                if (rs.getBoolean(2)) {
                    return Change.APPLIED;
                }
                serial = rs.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setLong(1, serial);
            ps.setBytes(2, masterSig.bytes());
            if (ps.executeUpdate() > 0) {
                Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            }
        }
        return Change.APPLIED;
    }
}

package net.taler.db.keys;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.keys.SigningKey;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/** Online signing keys and revocations (of signing keys and denominations). */
public final class SigningKeyRepository {
    /** At most this many rows from list queries. */
    public static final int MAX_ROWS = 10_000;
    private final ExchangeDb db;

    public SigningKeyRepository(ExchangeDb db) {
        this.db = db;
    }

    /** Inserts a signing key (idempotent); returns its esk_serial. */
    public long insert(SigningKey k) {
        return db.inTransaction(c -> {
            insertRow(c, k);
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT esk_serial FROM exchange_sign_keys WHERE exchange_pub = ?")) {
                ps.setBytes(1, k.exchangePub().bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** The idempotent INSERT inside the caller's transaction; returns 1 if the row is new, else 0. */
    public static int insertRow(java.sql.Connection c, SigningKey k) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO exchange_sign_keys (exchange_pub, master_sig, valid_from, expire_sign, expire_legal) "
                        + "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            ps.setBytes(1, k.exchangePub().bytes());
            ps.setBytes(2, k.masterSig().bytes());
            Sql.setTime(ps, 3, k.validFrom());
            Sql.setTime(ps, 4, k.expireSign());
            Sql.setTime(ps, 5, k.expireLegal());
            return ps.executeUpdate();
        }
    }

    /** Revokes a signing key; false if unknown. Idempotent. */
    public boolean revoke(EddsaPublicKey exchangePub, EddsaSignature masterSig) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO signkey_revocations (esk_serial, master_sig) "
                            + "SELECT esk_serial, ? FROM exchange_sign_keys WHERE exchange_pub = ? ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, masterSig.bytes());
                ps.setBytes(2, exchangePub.bytes());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM signkey_revocations r JOIN exchange_sign_keys k USING (esk_serial) "
                            + "WHERE k.exchange_pub = ?")) {
                ps.setBytes(1, exchangePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Revokes a denomination; false if unknown. Idempotent. */
    public boolean revokeDenomination(HashCode denomPubHash, EddsaSignature masterSig) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO denomination_revocations (denominations_serial, master_sig) "
                            + "SELECT denominations_serial, ? FROM denominations WHERE denom_pub_hash = ? "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setBytes(1, masterSig.bytes());
                ps.setBytes(2, denomPubHash.bytes());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM denomination_revocations r JOIN denominations d USING (denominations_serial) "
                            + "WHERE d.denom_pub_hash = ?")) {
                ps.setBytes(1, denomPubHash.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Signing keys whose legal expiration is after {@code now}, with their revocation flag. */
    public List<SigningKey> current(Timestamp now) {
        return db.inTransaction(c -> {
            List<SigningKey> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT k.exchange_pub, k.master_sig, k.valid_from, k.expire_sign, k.expire_legal, "
                            + "r.esk_serial IS NOT NULL AS revoked FROM exchange_sign_keys k "
                            + "LEFT JOIN signkey_revocations r USING (esk_serial) WHERE k.expire_legal > ? "
                            + "ORDER BY k.valid_from LIMIT " + MAX_ROWS)) {
                Sql.setTime(ps, 1, now);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SigningKey(new EddsaPublicKey(rs.getBytes(1)), new EddsaSignature(rs.getBytes(2)),
                                Sql.time(rs, "valid_from"), Sql.time(rs, "expire_sign"), Sql.time(rs, "expire_legal"),
                                rs.getBoolean("revoked")));
                    }
                }
            }
            return out;
        });
    }
}

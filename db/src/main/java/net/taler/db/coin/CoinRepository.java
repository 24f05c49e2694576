package net.taler.db.coin;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;
import net.taler.db.conn.Sql;

/** Known coins: first sight (with denomination signature) and remaining value. */
public final class CoinRepository {
    private final ExchangeDb db;
    private final String currency;

    public CoinRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    public record KnownCoin(long knownCoinId, EddsaPublicKey coinPub, long denominationsSerial,
                            byte[] denomSig, ShortHash ageCommitmentHash, Amount remaining) {
    }

    public enum EnsureStatus implements ProcedureStatus {
        INSERTED(0), KNOWN(1), CONFLICT(2), DENOMINATION_UNKNOWN(3);

        private final int code;

        EnsureStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static EnsureStatus fromCode(int code) {
            return ProcedureStatus.fromCode(EnsureStatus.class, code);
        }
    }

    public record EnsureResult(EnsureStatus status, long knownCoinId, long denominationsSerial) {
    }

    /** Makes a coin known (its remaining value starts at the denomination's value); idempotent. */
    public EnsureResult ensure(EddsaPublicKey coinPub, HashCode denomPubHash, byte[] denomSig,
                               ShortHash ageCommitmentHash) {
        return db.inTransaction(c -> ensure(c, coinPub, denomPubHash, denomSig, ageCommitmentHash));
    }

    public EnsureResult ensure(Connection c, EddsaPublicKey coinPub, HashCode denomPubHash, byte[] denomSig,
                               ShortHash ageCommitmentHash) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT out_status, out_known_coin_id, out_denominations_serial "
                        + "FROM exchange_do_insert_known_coin(?,?,?,?)")) {
            ps.setBytes(1, coinPub.bytes());
            ps.setBytes(2, denomPubHash.bytes());
            ps.setBytes(3, denomSig);
            Sql.setBytes(ps, 4, ageCommitmentHash);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new EnsureResult(EnsureStatus.fromCode(rs.getInt(1)), rs.getLong(2), rs.getLong(3));
            }
        }
    }

    public Optional<KnownCoin> get(EddsaPublicKey coinPub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT known_coin_id, denominations_serial, denom_sig, age_commitment_hash, remaining_val, "
                            + "remaining_frac FROM known_coins WHERE coin_pub = ?")) {
                ps.setBytes(1, coinPub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    byte[] ach = rs.getBytes(4);
                    return Optional.of(new KnownCoin(rs.getLong(1), coinPub, rs.getLong(2), rs.getBytes(3),
                            ach == null ? null : new ShortHash(ach), Sql.amount(rs, "remaining", currency)));
                }
            }
        });
    }
}

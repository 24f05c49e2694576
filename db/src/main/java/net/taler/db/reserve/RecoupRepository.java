package net.taler.db.reserve;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;

/**
 * Recoup: of a withdrawn coin into its reserve, or of a refreshed coin into the coin it was
 * refreshed from (coin zeroed, target credited, atomically; a repeat is a REPLAY).
 */
public final class RecoupRepository {
    private final ExchangeDb db;
    private final String currency;

    public RecoupRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    public enum RecoupStatus implements ProcedureStatus {
        DONE(0), REPLAY(1), UNKNOWN(2), NOTHING_LEFT(3);

        private final int code;

        RecoupStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static RecoupStatus fromCode(int code) {
            return ProcedureStatus.fromCode(RecoupStatus.class, code);
        }
    }

    /** amount: what went back into the reserve (the original on REPLAY). */
    public record RecoupResult(RecoupStatus status, long recoupUuid, Amount amount) {
    }

    /**
     * @param coinBlind the 32-byte blinding key secret
     */
    public RecoupResult recoupToReserve(EddsaPublicKey reservePub, long reserveOutSerialId, EddsaPublicKey coinPub,
                                        EddsaSignature coinSig, byte[] coinBlind, Timestamp now, Timestamp reserveGc) {
        if (coinBlind.length != 32) {
            throw new IllegalArgumentException("coin blinding secret must be 32 bytes");
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_recoup_uuid, out_amount_val, out_amount_frac "
                            + "FROM exchange_do_recoup_to_reserve(?,?,?,?,?,?,?)")) {
                ps.setBytes(1, reservePub.bytes());
                ps.setLong(2, reserveOutSerialId);
                ps.setBytes(3, coinPub.bytes());
                ps.setBytes(4, coinSig.bytes());
                ps.setBytes(5, coinBlind);
                ps.setLong(6, now.toDbMicros());
                ps.setLong(7, reserveGc.toDbMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    RecoupStatus st = RecoupStatus.fromCode(rs.getInt(1));
                    long v = rs.getLong(3);
                    Amount a = rs.wasNull() ? null : new Amount(currency, v, rs.getInt(4));
                    return new RecoupResult(st, rs.getLong(2), a);
                }
            }
        });
    }

    /** amount: what went back to the old coin (the original on REPLAY). */
    public record RecoupRefreshResult(RecoupStatus status, long recoupRefreshUuid, Amount amount) {
    }

    /**
     * Recoup of a refreshed coin: its remaining value is credited back to {@code oldCoinPub}
     * ({@code recoup_refresh}).
     *
     * @param rrcSerial the {@code refresh_revealed_coins} row of the coin (see
     *     {@code RefreshRepository.originOf})
     * @param coinBlind the 32-byte blinding key secret
     */
    public RecoupRefreshResult recoupToCoin(EddsaPublicKey oldCoinPub, long rrcSerial, EddsaPublicKey coinPub,
                                            EddsaSignature coinSig, byte[] coinBlind, Timestamp now) {
        if (coinBlind.length != 32) {
            throw new IllegalArgumentException("coin blinding secret must be 32 bytes");
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_recoup_refresh_uuid, out_amount_val, out_amount_frac "
                            + "FROM exchange_do_recoup_to_coin(?,?,?,?,?,?)")) {
                ps.setBytes(1, oldCoinPub.bytes());
                ps.setLong(2, rrcSerial);
                ps.setBytes(3, coinPub.bytes());
                ps.setBytes(4, coinSig.bytes());
                ps.setBytes(5, coinBlind);
                ps.setLong(6, now.toDbMicros());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    RecoupStatus st = RecoupStatus.fromCode(rs.getInt(1));
                    long v = rs.getLong(3);
                    Amount a = rs.wasNull() ? null : new Amount(currency, v, rs.getInt(4));
                    return new RecoupRefreshResult(st, rs.getLong(2), a);
                }
            }
        });
    }
}

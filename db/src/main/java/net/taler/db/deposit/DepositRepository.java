package net.taler.db.deposit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Kdf;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireSalt;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;
import net.taler.db.conn.Sql;

/** Deposits (coin debit + deposit row, atomically) and refunds. */
public final class DepositRepository {
    private final ExchangeDb db;
    private final String currency;

    public DepositRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** A verified deposit request; {@code shard} from {@link #merchantShard}. */
    public record Deposit(EddsaPublicKey coinPub, EddsaPublicKey merchantPub, HashCode hContractTerms,
                          Amount amountWithFee, Timestamp walletTimestamp, Timestamp exchangeTimestamp,
                          Timestamp refundDeadline, Timestamp wireDeadline, EddsaSignature coinSig,
                          WireSalt wireSalt, ShortHash wireTargetHPayto, String paytoUri, long shard) {
    }

    public enum DepositStatus implements ProcedureStatus {
        DONE(0), REPLAY(1), COIN_UNKNOWN(2), INSUFFICIENT_FUNDS(3), CONFLICT(4);

        private final int code;

        DepositStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static DepositStatus fromCode(int code) {
            return ProcedureStatus.fromCode(DepositStatus.class, code);
        }
    }

    /** exchangeTimestamp: the original one for REPLAY/CONFLICT. */
    public record DepositResult(DepositStatus status, long depositSerialId, Timestamp exchangeTimestamp) {
    }

    public enum RefundStatus implements ProcedureStatus {
        DONE(0), REPLAY(1), DEPOSIT_UNKNOWN(2), EXCEEDS_DEPOSIT(3), CONFLICT(4), ALREADY_WIRED(5);

        private final int code;

        RefundStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static RefundStatus fromCode(int code) {
            return ProcedureStatus.fromCode(RefundStatus.class, code);
        }
    }

    public record RefundResult(RefundStatus status, long refundSerialId) {
    }

    public record StoredDeposit(long depositSerialId, long shard, Amount amountWithFee, Timestamp exchangeTimestamp,
                                Timestamp refundDeadline, Timestamp wireDeadline, ShortHash wireTargetHPayto,
                                boolean done) {
    }

    /**
     * The 31-bit merchant shard for aggregator work distribution: big-endian first four bytes of
     * KDF(xts = merchant_pub, skm = "VOID"), top bit cleared; checked against upstream's
     * {@code TEH_PG_compute_shard} (which subtracts 2^31 from values above INT32_MAX, the same
     * thing) by {@code MerchantShardTest}.
     */
    public static long merchantShard(EddsaPublicKey merchantPub) {
        byte[] k = Kdf.kdf(4, merchantPub.bytes(), "VOID".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        long v = ((k[0] & 0xffL) << 24) | ((k[1] & 0xffL) << 16) | ((k[2] & 0xffL) << 8) | (k[3] & 0xffL);
        return v & 0x7fffffffL;
    }

    /** Records a deposit and debits the coin; an identical repeat is a REPLAY. */
    public DepositResult deposit(Deposit d) {
        Sql.requireCurrency(d.amountWithFee(), currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_deposit_serial_id, out_exchange_timestamp "
                            + "FROM exchange_do_deposit(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, d.coinPub().bytes());
                ps.setBytes(2, d.merchantPub().bytes());
                ps.setBytes(3, d.hContractTerms().bytes());
                Sql.setAmount(ps, 4, d.amountWithFee());
                Sql.setTime(ps, 6, d.walletTimestamp());
                Sql.setTime(ps, 7, d.exchangeTimestamp());
                Sql.setTime(ps, 8, d.refundDeadline());
                Sql.setTime(ps, 9, d.wireDeadline());
                ps.setBytes(10, d.coinSig().bytes());
                ps.setBytes(11, d.wireSalt().bytes());
                ps.setBytes(12, d.wireTargetHPayto().bytes());
                ps.setString(13, d.paytoUri());
                ps.setLong(14, d.shard());
                ps.setBoolean(15, false);
                ps.setNull(16, Types.BIGINT);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    DepositStatus st = DepositStatus.fromCode(rs.getInt(1));
                    long ts = rs.getLong(3);
                    return new DepositResult(st, rs.getLong(2), rs.wasNull() ? null : Timestamp.fromDbMicros(ts));
                }
            }
        });
    }

    /** Refunds (part of) a deposit back to the coin; bounded by the deposited amount. */
    public RefundResult refund(EddsaPublicKey coinPub, EddsaPublicKey merchantPub, HashCode hContractTerms,
                               long rtransactionId, EddsaSignature merchantSig, Amount amount) {
        Sql.requireCurrency(amount, currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_refund_serial_id FROM exchange_do_refund(?,?,?,?,?,?,?)")) {
                ps.setBytes(1, coinPub.bytes());
                ps.setBytes(2, merchantPub.bytes());
                ps.setBytes(3, hContractTerms.bytes());
                ps.setLong(4, rtransactionId);
                ps.setBytes(5, merchantSig.bytes());
                Sql.setAmount(ps, 6, amount);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new RefundResult(RefundStatus.fromCode(rs.getInt(1)), rs.getLong(2));
                }
            }
        });
    }

    public Optional<StoredDeposit> get(EddsaPublicKey coinPub, EddsaPublicKey merchantPub, HashCode hContractTerms) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT deposit_serial_id, shard, amount_with_fee_val, amount_with_fee_frac, exchange_timestamp, "
                            + "refund_deadline, wire_deadline, wire_target_h_payto, done FROM deposits "
                            + "WHERE coin_pub = ? AND merchant_pub = ? AND h_contract_terms = ?")) {
                ps.setBytes(1, coinPub.bytes());
                ps.setBytes(2, merchantPub.bytes());
                ps.setBytes(3, hContractTerms.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new StoredDeposit(rs.getLong(1), rs.getLong(2),
                            Sql.amount(rs, "amount_with_fee", currency), Sql.time(rs, "exchange_timestamp"),
                            Sql.time(rs, "refund_deadline"), Sql.time(rs, "wire_deadline"),
                            new ShortHash(rs.getBytes(8)), rs.getBoolean(9)));
                }
            }
        });
    }
}

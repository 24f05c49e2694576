package net.taler.db.reserve;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.time.Timestamp;
import net.taler.common.wallet.BatchWithdrawRequest;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;
import net.taler.db.conn.Sql;

/** Reserves: credit from incoming transfers, withdrawals, balance look-ups. */
public final class ReserveRepository {
    private final ExchangeDb db;
    private final String currency;

    public ReserveRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** A reserve's summary row. */
    public record Reserve(long reserveUuid, EddsaPublicKey reservePub, Amount balance,
                          Timestamp expirationDate, Timestamp gcDate, int maxAge) {
    }

    /** One incoming wire transfer (wirewatch). */
    public record Credit(EddsaPublicKey reservePub, Amount amount, Timestamp executionDate,
                         ShortHash wireSourceHPayto, String senderPaytoUri, String exchangeAccountSection,
                         long wireReference, Timestamp expirationDate, Timestamp gcDate) {
    }

    public enum CreditStatus implements ProcedureStatus {
        CREDITED(0), REPLAY(1), CONFLICT(2);

        private final int code;

        CreditStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static CreditStatus fromCode(int code) {
            return ProcedureStatus.fromCode(CreditStatus.class, code);
        }
    }

    public record CreditResult(CreditStatus status, long reserveInSerialId) {
    }

    /**
     * A withdrawal request (already verified by the caller).
     *
     * @param csNonce the Clause-Schnorr nonce of the planchet (32 bytes), null for RSA
     */
    public record Withdraw(EddsaPublicKey reservePub, HashCode hBlindEv, long denominationsSerial,
                           byte[] denomSig, EddsaSignature reserveSig, Amount amountWithFee,
                           Timestamp now, Timestamp minReserveGc, byte[] csNonce) {
        public Withdraw {
            if (csNonce != null && csNonce.length != 32) {
                throw new IllegalArgumentException("CS nonce must have 32 bytes");
            }
        }

        /** An RSA withdrawal (no nonce). */
        public Withdraw(EddsaPublicKey reservePub, HashCode hBlindEv, long denominationsSerial, byte[] denomSig,
                        EddsaSignature reserveSig, Amount amountWithFee, Timestamp now, Timestamp minReserveGc) {
            this(reservePub, hBlindEv, denominationsSerial, denomSig, reserveSig, amountWithFee, now, minReserveGc,
                    null);
        }
    }

    public enum WithdrawStatus implements ProcedureStatus {
        DONE(0), REPLAY(1), RESERVE_UNKNOWN(2), INSUFFICIENT_BALANCE(3), NONCE_REUSE(4);

        private final int code;

        WithdrawStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static WithdrawStatus fromCode(int code) {
            return ProcedureStatus.fromCode(WithdrawStatus.class, code);
        }
    }

    /** One planchet of a batch withdrawal (already verified by the caller); csNonce null for RSA. */
    public record BatchPlanchet(HashCode hBlindEv, long denominationsSerial, byte[] denomSig,
                                EddsaSignature reserveSig, Amount amountWithFee, byte[] csNonce) {
        public BatchPlanchet {
            if (csNonce != null && csNonce.length != 32) {
                throw new IllegalArgumentException("CS nonce must have 32 bytes");
            }
        }
    }

    /** Largest batch {@link #batchWithdraw} accepts: the protocol's bound (exchange-api.md 3.3). */
    public static final int MAX_WITHDRAW_BATCH = BatchWithdrawRequest.MAX_PLANCHETS;

    public enum BatchStatus implements ProcedureStatus {
        DONE(0), PLANCHET_REPLAY(1), RESERVE_UNKNOWN(2), INSUFFICIENT_BALANCE(3), NONCE_REUSE(4);

        private final int code;

        BatchStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static BatchStatus fromCode(int code) {
            return ProcedureStatus.fromCode(BatchStatus.class, code);
        }
    }

    /**
     * @param index   the offending planchet (PLANCHET_REPLAY, NONCE_REUSE), else -1
     * @param balance after the withdrawal (DONE) or the current balance (INSUFFICIENT_BALANCE)
     */
    public record BatchResult(BatchStatus status, int index, Amount balance) {
    }

    /**
     * @param balance the balance after the withdrawal (DONE) or the current balance
     *                (INSUFFICIENT_BALANCE); null otherwise
     */
    public record WithdrawResult(WithdrawStatus status, long reserveOutSerialId, Amount balance) {
    }

    /** A stored withdrawal. */
    public record Withdrawal(long reserveOutSerialId, HashCode hBlindEv, long denominationsSerial,
                             byte[] denomSig, long reserveUuid, EddsaSignature reserveSig,
                             Timestamp executionDate, Amount amountWithFee) {
    }

    /** Credits a reserve (creating it); idempotent per reserve (one transfer per reserve_pub). */
    public CreditResult credit(Credit in) {
        Sql.requireCurrency(in.amount(), currency);
        return db.inTransaction(c -> credit(c, in));
    }

    /** Largest batch {@link #creditBatch} accepts. */
    public static final int MAX_BATCH = 1000;

    /** Credits several transfers in one transaction (wirewatch batches); results in input order. */
    public java.util.List<CreditResult> creditBatch(java.util.List<Credit> in) {
        if (in.size() > MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + in.size() + " exceeds " + MAX_BATCH);
        }
        for (Credit cr : in) {
            Sql.requireCurrency(cr.amount(), currency);
        }
        return db.inTransaction(c -> {
            java.util.List<CreditResult> out = new java.util.ArrayList<>(in.size());
            for (Credit cr : in) {
                out.add(credit(c, cr));
            }
            return out;
        });
    }

    /** The same inside a caller's transaction (batches). */
    public CreditResult credit(Connection c, Credit in) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT out_status, out_reserve_in_serial_id FROM exchange_do_reserve_credit(?,?,?,?,?,?,?,?,?,?)")) {
            ps.setBytes(1, in.reservePub().bytes());
            Sql.setAmount(ps, 2, in.amount());
            Sql.setTime(ps, 4, in.executionDate());
            ps.setBytes(5, in.wireSourceHPayto().bytes());
            ps.setString(6, in.senderPaytoUri());
            ps.setString(7, in.exchangeAccountSection());
            ps.setLong(8, in.wireReference());
            Sql.setTime(ps, 9, in.expirationDate());
            Sql.setTime(ps, 10, in.gcDate());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new CreditResult(CreditStatus.fromCode(rs.getInt(1)), rs.getLong(2));
            }
        }
    }

    /**
     * Withdraws from a reserve; never overdraws; a repeated h_blind_ev is a REPLAY.
     *
     * <p>Runs at READ COMMITTED: the procedure locks the reserve row ({@code FOR UPDATE}, so the
     * balance it checks is the latest committed one), and the envelope and nonce inserts decide
     * repeats with {@code ON CONFLICT}. SERIALIZABLE added nothing but false conflicts between
     * withdrawals from different reserves (SSI predicate locks on shared index pages), which
     * exhausted the retries under a few concurrent clients.
     */
    public WithdrawResult withdraw(Withdraw w) {
        Sql.requireCurrency(w.amountWithFee(), currency);
        return db.inTransaction(Connection.TRANSACTION_READ_COMMITTED, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_reserve_out_serial_id, out_balance_val, out_balance_frac "
                            + "FROM exchange_do_withdraw(?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, w.reservePub().bytes());
                ps.setBytes(2, w.hBlindEv().bytes());
                ps.setLong(3, w.denominationsSerial());
                ps.setBytes(4, w.denomSig());
                ps.setBytes(5, w.reserveSig().bytes());
                Sql.setAmount(ps, 6, w.amountWithFee());
                Sql.setTime(ps, 8, w.now());
                Sql.setTime(ps, 9, w.minReserveGc());
                ps.setBytes(10, w.csNonce());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    WithdrawStatus st = WithdrawStatus.fromCode(rs.getInt(1));
                    long serial = rs.getLong(2);
                    long bv = rs.getLong(3);
                    Amount bal = rs.wasNull() ? null : new Amount(currency, bv, rs.getInt(4));
                    if (st == WithdrawStatus.DONE && bal.value() < 0) {
                        throw new IllegalStateException("reserve balance negative"); // CHECK makes this unreachable
                    }
                    return new WithdrawResult(st, serial, st == WithdrawStatus.REPLAY ? null : bal);
                }
            }
        });
    }

    /**
     * Withdraws several planchets at once: all or nothing. Any envelope seen before refuses the
     * whole batch (exchange-api.md 3.3: a batch is not idempotent in this protocol version).
     */
    public BatchResult batchWithdraw(EddsaPublicKey reservePub, java.util.List<BatchPlanchet> planchets,
                                     Timestamp now, Timestamp minReserveGc) {
        if (planchets.isEmpty() || planchets.size() > MAX_WITHDRAW_BATCH) {
            throw new IllegalArgumentException("batch of " + planchets.size() + " planchets");
        }
        Amount total = new Amount(currency, 0, 0);
        for (BatchPlanchet p : planchets) {
            Sql.requireCurrency(p.amountWithFee(), currency);
            total = total.add(p.amountWithFee()); // throws on overflow before the DB sees it
        }
        int n = planchets.size();
        byte[][] hs = new byte[n][];
        Long[] serials = new Long[n];
        byte[][] sigs = new byte[n][];
        byte[][] rsigs = new byte[n][];
        Long[] vals = new Long[n];
        Integer[] fracs = new Integer[n];
        byte[][] nonces = new byte[n][];
        for (int i = 0; i < n; i++) {
            BatchPlanchet p = planchets.get(i);
            hs[i] = p.hBlindEv().bytes();
            serials[i] = p.denominationsSerial();
            sigs[i] = p.denomSig();
            rsigs[i] = p.reserveSig().bytes();
            vals[i] = p.amountWithFee().value();
            fracs[i] = p.amountWithFee().fraction();
            nonces[i] = p.csNonce();
        }
        // READ COMMITTED for the reasons given at withdraw(); a nonce taken concurrently between
        // the procedure's check and its insert raises TA001, which is retried.
        return db.inTransaction(Connection.TRANSACTION_READ_COMMITTED, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_index, out_balance_val, out_balance_frac "
                            + "FROM exchange_do_batch_withdraw(?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, reservePub.bytes());
                ps.setArray(2, c.createArrayOf("bytea", hs));
                ps.setArray(3, c.createArrayOf("int8", serials));
                ps.setArray(4, c.createArrayOf("bytea", sigs));
                ps.setArray(5, c.createArrayOf("bytea", rsigs));
                ps.setArray(6, c.createArrayOf("int8", vals));
                ps.setArray(7, c.createArrayOf("int4", fracs));
                ps.setArray(8, c.createArrayOf("bytea", nonces));
                Sql.setTime(ps, 9, now);
                Sql.setTime(ps, 10, minReserveGc);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    BatchStatus st = BatchStatus.fromCode(rs.getInt(1));
                    int idx = rs.getInt(2);
                    if (rs.wasNull()) {
                        idx = -1;
                    }
                    long bv = rs.getLong(3);
                    Amount bal = rs.wasNull() ? null : new Amount(currency, bv, rs.getInt(4));
                    if (st == BatchStatus.DONE && bal.value() < 0) {
                        throw new IllegalStateException("reserve balance negative"); // CHECK makes this unreachable
                    }
                    return new BatchResult(st, idx, bal);
                }
            }
        });
    }

    /**
     * What a withdrawal learns before it asks for any signature (one read-only round trip, no
     * locks): the reserve's balance, or null if the reserve is unknown, and the signature
     * stored for the envelope if it was withdrawn before. The withdraw procedure re-checks
     * everything in its own transaction; this only keeps doomed requests from costing
     * signatures.
     */
    public record WithdrawPrecheck(Amount balance, byte[] storedSignature) {
        public boolean reserveKnown() {
            return balance != null;
        }

        /** True if the reserve exists and its balance covers {@code amount}. */
        public boolean canPay(Amount amount) {
            return balance != null && balance.compare(amount) >= 0;
        }
    }

    /** The precheck of a withdrawal; {@code hBlindEv} null for a batch (repeats are decided by the procedure). */
    public WithdrawPrecheck precheck(EddsaPublicKey reservePub, HashCode hBlindEv) {
        String sql = hBlindEv == null
                ? "SELECT current_balance_val, current_balance_frac, NULL::BYTEA AS denom_sig FROM reserves WHERE reserve_pub = ?"
                : "SELECT r.current_balance_val, r.current_balance_frac, "
                        + "(SELECT denom_sig FROM reserves_out WHERE h_blind_ev = ?) AS denom_sig "
                        + "FROM (SELECT 1) AS one LEFT JOIN reserves r ON r.reserve_pub = ?";
        return db.inTransaction(Connection.TRANSACTION_READ_COMMITTED, c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (hBlindEv == null) {
                    ps.setBytes(1, reservePub.bytes());
                } else {
                    ps.setBytes(1, hBlindEv.bytes());
                    ps.setBytes(2, reservePub.bytes());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new WithdrawPrecheck(null, null);
                    }
                    rs.getLong("current_balance_val");
                    Amount balance = rs.wasNull() ? null : Sql.amount(rs, "current_balance", currency);
                    return new WithdrawPrecheck(balance, rs.getBytes("denom_sig"));
                }
            }
        });
    }

    public Optional<Reserve> get(EddsaPublicKey reservePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT reserve_uuid, current_balance_val, current_balance_frac, expiration_date, gc_date, max_age "
                            + "FROM reserves WHERE reserve_pub = ?")) {
                ps.setBytes(1, reservePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Reserve(rs.getLong("reserve_uuid"), reservePub,
                            Sql.amount(rs, "current_balance", currency), Sql.time(rs, "expiration_date"),
                            Sql.time(rs, "gc_date"), rs.getInt("max_age")));
                }
            }
        });
    }

    public Optional<Withdrawal> getWithdrawal(HashCode hBlindEv) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT reserve_out_serial_id, denominations_serial, denom_sig, reserve_uuid, reserve_sig, "
                            + "execution_date, amount_with_fee_val, amount_with_fee_frac FROM reserves_out WHERE h_blind_ev = ?")) {
                ps.setBytes(1, hBlindEv.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Withdrawal(rs.getLong(1), hBlindEv, rs.getLong(2), rs.getBytes(3),
                            rs.getLong(4), new EddsaSignature(rs.getBytes(5)), Sql.time(rs, "execution_date"),
                            Sql.amount(rs, "amount_with_fee", currency)));
                }
            }
        });
    }

    /** Number of withdrawals of a reserve (via the reserves_out_by_reserve index table). */
    public long countWithdrawals(long reserveUuid) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT count(*) FROM reserves_out_by_reserve WHERE reserve_uuid = ?")) {
                ps.setLong(1, reserveUuid);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public enum HistoryStatus implements ProcedureStatus {
        CHARGED(0), REPLAY(1), RESERVE_UNKNOWN(2), INSUFFICIENT_BALANCE(3);

        private final int code;

        HistoryStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static HistoryStatus fromCode(int code) {
            return ProcedureStatus.fromCode(HistoryStatus.class, code);
        }
    }

    /** balance: after the call (null if the reserve is unknown). */
    public record HistoryResult(HistoryStatus status, Amount balance) {
    }

    /**
     * Charges the history fee for {@code POST /reserves/$R/history}, once per request timestamp
     * (a repeat is a REPLAY and not charged again).
     */
    public HistoryResult historyRequest(EddsaPublicKey reservePub, EddsaSignature reserveSig,
                                        Timestamp requestTimestamp, Amount historyFee) {
        Sql.requireCurrency(historyFee, currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_balance_val, out_balance_frac FROM exchange_do_history_request(?,?,?,?,?)")) {
                ps.setBytes(1, reservePub.bytes());
                ps.setBytes(2, reserveSig.bytes());
                Sql.setTime(ps, 3, requestTimestamp);
                Sql.setAmount(ps, 4, historyFee);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    HistoryStatus st = HistoryStatus.fromCode(rs.getInt(1));
                    long v = rs.getLong(2);
                    return new HistoryResult(st, rs.wasNull() ? null : new Amount(currency, v, rs.getInt(3)));
                }
            }
        });
    }

    public enum CloseRequestStatus implements ProcedureStatus {
        RECORDED(0), REPLAY(1), RESERVE_UNKNOWN(2), NO_TARGET_ACCOUNT(3);

        private final int code;

        CloseRequestStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static CloseRequestStatus fromCode(int code) {
            return ProcedureStatus.fromCode(CloseRequestStatus.class, code);
        }
    }

    /** amount: the balance recorded for closing; paytoUri: where it goes. */
    public record CloseRequestResult(CloseRequestStatus status, Amount amount, String paytoUri) {
    }

    /**
     * Records {@code POST /reserves/$R/close} with the current balance and closing fee (the closer
     * wires it and marks the request done). {@code paytoUri} null = the account that funded the
     * reserve. One request per timestamp (a repeat is a REPLAY).
     */
    public CloseRequestResult closeRequest(EddsaPublicKey reservePub, Timestamp closeTimestamp,
                                           EddsaSignature reserveSig, String paytoUri, Amount closeFee) {
        Sql.requireCurrency(closeFee, currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_amount_val, out_amount_frac, out_payto_uri "
                            + "FROM exchange_do_close_request(?,?,?,?,?,?)")) {
                ps.setBytes(1, reservePub.bytes());
                Sql.setTime(ps, 2, closeTimestamp);
                ps.setBytes(3, reserveSig.bytes());
                ps.setString(4, paytoUri);
                Sql.setAmount(ps, 5, closeFee);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    CloseRequestStatus st = CloseRequestStatus.fromCode(rs.getInt(1));
                    long v = rs.getLong(2);
                    Amount a = rs.wasNull() ? null : new Amount(currency, v, rs.getInt(3));
                    return new CloseRequestResult(st, a, rs.getString(4));
                }
            }
        });
    }
}

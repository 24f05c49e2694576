package net.taler.db.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/**
 * Coin and reserve histories (database.md 3.2–3.5): every row that debited or credited a coin
 * (for the 409 insufficient-funds replies and {@code GET /coins/$C/history}) or a reserve
 * ({@code GET /reserves/$R/history}). Each history is read in one (SERIALIZABLE) transaction, so
 * it is consistent with the balance returned alongside it.
 */
public final class HistoryRepository {
    private final ExchangeDb db;
    private final String currency;

    public HistoryRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    // ---------------------------------------------------------------------------------------
    // coins

    /** One event of a coin's history; {@code credit()} tells whether it added to the coin. */
    public sealed interface CoinEvent {
        /** The serial id of the row in its own table. */
        long serial();

        Amount amount();

        default boolean credit() {
            return false;
        }
    }

    public record Deposit(long serial, Amount amount, EddsaPublicKey merchantPub, HashCode hContractTerms,
                          Timestamp walletTimestamp, Timestamp exchangeTimestamp, Timestamp refundDeadline,
                          Timestamp wireDeadline, EddsaSignature coinSig, ShortHash hPayto, byte[] wireSalt)
            implements CoinEvent {
    }

    public record Melt(long serial, Amount amount, HashCode rc, EddsaSignature oldCoinSig, int norevealIndex)
            implements CoinEvent {
    }

    /** A refund (credit: {@code amount} is the refunded amount with fee). */
    public record Refund(long serial, Amount amount, EddsaPublicKey merchantPub, HashCode hContractTerms,
                         long rtransactionId, EddsaSignature merchantSig) implements CoinEvent {
        @Override
        public boolean credit() {
            return true;
        }
    }

    /** The coin was recouped into the reserve it was withdrawn from (debit). */
    public record RecoupToReserve(long serial, Amount amount, EddsaSignature coinSig, byte[] coinBlind,
                                  Timestamp timestamp, EddsaPublicKey reservePub) implements CoinEvent {
    }

    /** The coin (a fresh coin of a refresh) was recouped into {@code oldCoinPub} (debit). */
    public record RecoupRefreshDebit(long serial, Amount amount, EddsaSignature coinSig, byte[] coinBlind,
                                     Timestamp timestamp, EddsaPublicKey oldCoinPub) implements CoinEvent {
    }

    /** A fresh coin refreshed from this coin was recouped into it (credit). */
    public record RecoupRefreshCredit(long serial, Amount amount, Timestamp timestamp, EddsaPublicKey freshCoinPub)
            implements CoinEvent {
        @Override
        public boolean credit() {
            return true;
        }
    }

    /** @param partnerSerialId null for a local purse */
    public record PurseDeposit(long serial, Amount amount, EddsaPublicKey pursePub, EddsaSignature coinSig,
                               Long partnerSerialId) implements CoinEvent {
    }

    /** The purse the coin deposited into was deleted or expired: the deposit came back (credit). */
    public record PurseRefund(long serial, Amount amount, EddsaPublicKey pursePub, Timestamp timestamp)
            implements CoinEvent {
        @Override
        public boolean credit() {
            return true;
        }
    }

    public record ReserveOpenDeposit(long serial, Amount amount, EddsaPublicKey reservePub, EddsaSignature reserveSig,
                                     EddsaSignature coinSig) implements CoinEvent {
    }

    /**
     * Everything that debited or credited the coin, grouped by kind in the order deposits, melts,
     * refunds, recoups, recoup-refresh debits and credits, purse deposits, purse refunds,
     * reserve-open deposits; each kind in serial order. Empty for an unknown coin.
     */
    public List<CoinEvent> coinHistory(EddsaPublicKey coinPub) {
        return db.inTransaction(c -> coinHistory(c, coinPub));
    }

    /** Same as {@link #coinHistory(EddsaPublicKey)} inside the caller's transaction. */
    public List<CoinEvent> coinHistory(Connection c, EddsaPublicKey coinPub) throws SQLException {
        List<CoinEvent> out = new ArrayList<>();
        byte[] coin = coinPub.bytes();
        query(c, "SELECT deposit_serial_id, amount_with_fee_val, amount_with_fee_frac, merchant_pub, h_contract_terms, "
                + "wallet_timestamp, exchange_timestamp, refund_deadline, wire_deadline, coin_sig, wire_target_h_payto, "
                + "wire_salt FROM deposits WHERE coin_pub = ? ORDER BY deposit_serial_id", coin, rs ->
                out.add(new Deposit(rs.getLong(1), amt(rs, 2), pub(rs, 4), new HashCode(rs.getBytes(5)), t(rs, 6),
                        t(rs, 7), t(rs, 8), t(rs, 9), sig(rs, 10), new ShortHash(rs.getBytes(11)), rs.getBytes(12))));
        query(c, "SELECT melt_serial_id, amount_with_fee_val, amount_with_fee_frac, rc, old_coin_sig, noreveal_index "
                + "FROM refresh_commitments WHERE old_coin_pub = ? ORDER BY melt_serial_id", coin, rs ->
                out.add(new Melt(rs.getLong(1), amt(rs, 2), new HashCode(rs.getBytes(4)), sig(rs, 5), rs.getInt(6))));
        query(c, "SELECT r.refund_serial_id, r.amount_with_fee_val, r.amount_with_fee_frac, d.merchant_pub, "
                + "d.h_contract_terms, r.rtransaction_id, r.merchant_sig FROM refunds r JOIN deposits d "
                + "ON d.coin_pub = r.coin_pub AND d.deposit_serial_id = r.deposit_serial_id "
                + "WHERE r.coin_pub = ? ORDER BY r.refund_serial_id", coin, rs ->
                out.add(new Refund(rs.getLong(1), amt(rs, 2), pub(rs, 4), new HashCode(rs.getBytes(5)), rs.getLong(6),
                        sig(rs, 7))));
        query(c, "SELECT rc.recoup_uuid, rc.amount_val, rc.amount_frac, rc.coin_sig, rc.coin_blind, rc.recoup_timestamp, "
                + "res.reserve_pub FROM recoup rc JOIN reserves_out ro ON ro.reserve_out_serial_id = rc.reserve_out_serial_id "
                + "JOIN reserves res ON res.reserve_uuid = ro.reserve_uuid WHERE rc.coin_pub = ? ORDER BY rc.recoup_uuid",
                coin, rs -> out.add(new RecoupToReserve(rs.getLong(1), amt(rs, 2), sig(rs, 4), rs.getBytes(5), t(rs, 6),
                        pub(rs, 7))));
        query(c, "SELECT rr.recoup_refresh_uuid, rr.amount_val, rr.amount_frac, rr.coin_sig, rr.coin_blind, "
                + "rr.recoup_timestamp, m.old_coin_pub FROM recoup_refresh rr "
                + "JOIN refresh_revealed_coins rrc ON rrc.rrc_serial = rr.rrc_serial "
                + "JOIN refresh_commitments m ON m.melt_serial_id = rrc.melt_serial_id "
                + "WHERE rr.coin_pub = ? ORDER BY rr.recoup_refresh_uuid", coin, rs ->
                out.add(new RecoupRefreshDebit(rs.getLong(1), amt(rs, 2), sig(rs, 4), rs.getBytes(5), t(rs, 6),
                        pub(rs, 7))));
        query(c, "SELECT rr.recoup_refresh_uuid, rr.amount_val, rr.amount_frac, rr.recoup_timestamp, rr.coin_pub "
                + "FROM refresh_commitments m JOIN refresh_revealed_coins rrc ON rrc.melt_serial_id = m.melt_serial_id "
                + "JOIN recoup_refresh rr ON rr.rrc_serial = rrc.rrc_serial "
                + "WHERE m.old_coin_pub = ? ORDER BY rr.recoup_refresh_uuid", coin, rs ->
                out.add(new RecoupRefreshCredit(rs.getLong(1), amt(rs, 2), t(rs, 4), pub(rs, 5))));
        query(c, "SELECT purse_deposit_serial_id, amount_with_fee_val, amount_with_fee_frac, purse_pub, coin_sig, "
                + "partner_serial_id FROM purse_deposits WHERE coin_pub = ? ORDER BY purse_deposit_serial_id", coin, rs -> {
                    long partner = rs.getLong(6);
                    Long p = rs.wasNull() ? null : partner;
                    out.add(new PurseDeposit(rs.getLong(1), amt(rs, 2), pub(rs, 4), sig(rs, 5), p));
                });
        query(c, "SELECT d.purse_decision_serial_id, pd.amount_with_fee_val, pd.amount_with_fee_frac, pd.purse_pub, "
                + "d.action_timestamp FROM purse_deposits pd JOIN purse_decision d ON d.purse_pub = pd.purse_pub "
                + "WHERE pd.coin_pub = ? AND d.refunded ORDER BY d.purse_decision_serial_id", coin, rs ->
                out.add(new PurseRefund(rs.getLong(1), amt(rs, 2), pub(rs, 4), t(rs, 5))));
        query(c, "SELECT reserves_open_deposit_uuid, contribution_val, contribution_frac, reserve_pub, reserve_sig, "
                + "coin_sig FROM reserves_open_deposits WHERE coin_pub = ? ORDER BY reserves_open_deposit_uuid", coin,
                rs -> out.add(new ReserveOpenDeposit(rs.getLong(1), amt(rs, 2), pub(rs, 4), sig(rs, 5), sig(rs, 6))));
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // reserves

    /** One event of a reserve's history; {@code credit()} tells whether it added to the reserve. */
    public sealed interface ReserveEvent {
        long serial();

        Amount amount();

        default boolean credit() {
            return false;
        }

        /** Whether {@code amount()} was added ({@code credit()}) or subtracted; false for pending merges and close requests. */
        default boolean affectsBalance() {
            return true;
        }
    }

    public record BankCredit(long serial, Amount amount, ShortHash wireSourceHPayto, String paytoUri,
                             long wireReference, String exchangeAccountSection, Timestamp executionDate)
            implements ReserveEvent {
        @Override
        public boolean credit() {
            return true;
        }
    }

    /** A withdrawal; {@code amount} is value plus fee, {@code hDenomPub}/{@code withdrawFee} from its denomination. */
    public record Withdrawal(long serial, Amount amount, HashCode hBlindEv, long denominationsSerial,
                             EddsaSignature reserveSig, Timestamp executionDate, HashCode hDenomPub,
                             Amount withdrawFee) implements ReserveEvent {
    }

    /** A coin withdrawn from this reserve was recouped into it (credit). */
    public record Recoup(long serial, Amount amount, EddsaPublicKey coinPub, EddsaSignature coinSig,
                         Timestamp timestamp) implements ReserveEvent {
        @Override
        public boolean credit() {
            return true;
        }
    }

    /** The reserve was closed: {@code amount} (the whole balance, including {@code closingFee}) debited. */
    public record Closing(long serial, Amount amount, Amount closingFee, WireTransferId wtid, ShortHash hPayto,
                          Timestamp executionDate, String receiverPayto) implements ReserveEvent {
    }

    /**
     * A purse merged into this reserve; {@code credited}: the purse was decided (full), and the
     * reserve credited {@code amount}; otherwise it is pending and does not count.
     */
    public record PurseMerge(long serial, Amount amount, EddsaPublicKey pursePub, EddsaSignature mergeSig,
                             Timestamp mergeTimestamp, HashCode hContractTerms, Amount purseFee, boolean inReserveQuota,
                             boolean credited) implements ReserveEvent {
        @Override
        public boolean credit() {
            return true;
        }

        @Override
        public boolean affectsBalance() {
            return credited;
        }
    }

    public record HistoryRequest(long serial, Amount amount, EddsaSignature reserveSig, Timestamp requestTimestamp)
            implements ReserveEvent {
    }

    /** An open request; {@code amount} is the part paid from the reserve balance. */
    public record OpenRequest(long serial, Amount amount, EddsaSignature reserveSig, Timestamp requestTimestamp,
                              Timestamp expiration, int purseLimit) implements ReserveEvent {
    }

    /** A close request (not a debit by itself: the closing is). */
    public record CloseRequest(long serial, Amount amount, Amount closeFee, EddsaSignature reserveSig,
                               Timestamp closeTimestamp, String paytoUri, boolean done) implements ReserveEvent {
        @Override
        public boolean affectsBalance() {
            return false;
        }
    }

    /**
     * Everything on the reserve's account, by kind (bank credits, withdrawals, recoups, closings,
     * purse merges, history requests, open requests, close requests), each kind in serial order.
     * Balance = credits − debits over the events that {@code affectsBalance()} (pull-purse fees
     * paid from the reserve are not separate rows: see {@link PurseMerge#purseFee()} with
     * {@code inReserveQuota = false}).
     */
    public List<ReserveEvent> reserveHistory(EddsaPublicKey reservePub) {
        return db.inTransaction(c -> reserveHistory(c, reservePub));
    }

    public List<ReserveEvent> reserveHistory(Connection c, EddsaPublicKey reservePub) throws SQLException {
        List<ReserveEvent> out = new ArrayList<>();
        byte[] res = reservePub.bytes();
        long uuid;
        try (PreparedStatement ps = c.prepareStatement("SELECT reserve_uuid FROM reserves WHERE reserve_pub = ?")) {
            ps.setBytes(1, res);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return out;
                }
                uuid = rs.getLong(1);
            }
        }
        query(c, "SELECT ri.reserve_in_serial_id, ri.credit_val, ri.credit_frac, ri.wire_source_h_payto, wt.payto_uri, "
                + "ri.wire_reference, ri.exchange_account_section, ri.execution_date FROM reserves_in ri "
                + "LEFT JOIN wire_targets wt ON wt.wire_target_h_payto = ri.wire_source_h_payto "
                + "WHERE ri.reserve_pub = ? ORDER BY ri.reserve_in_serial_id", res, rs ->
                out.add(new BankCredit(rs.getLong(1), amt(rs, 2), new ShortHash(rs.getBytes(4)), rs.getString(5),
                        rs.getLong(6), rs.getString(7), t(rs, 8))));
        queryLong(c, "SELECT ro.reserve_out_serial_id, ro.amount_with_fee_val, ro.amount_with_fee_frac, ro.h_blind_ev, "
                + "ro.denominations_serial, ro.reserve_sig, ro.execution_date, d.denom_pub_hash, d.fee_withdraw_val, "
                + "d.fee_withdraw_frac FROM reserves_out_by_reserve b "
                + "JOIN reserves_out ro ON ro.h_blind_ev = b.h_blind_ev "
                + "JOIN denominations d ON d.denominations_serial = ro.denominations_serial WHERE b.reserve_uuid = ? "
                + "ORDER BY ro.reserve_out_serial_id", uuid, rs ->
                out.add(new Withdrawal(rs.getLong(1), amt(rs, 2), new HashCode(rs.getBytes(4)), rs.getLong(5),
                        sig(rs, 6), t(rs, 7), new HashCode(rs.getBytes(8)), amt(rs, 9))));
        queryLong(c, "SELECT rc.recoup_uuid, rc.amount_val, rc.amount_frac, rc.coin_pub, rc.coin_sig, rc.recoup_timestamp "
                + "FROM reserves_out_by_reserve b JOIN reserves_out ro ON ro.h_blind_ev = b.h_blind_ev "
                + "JOIN recoup rc ON rc.reserve_out_serial_id = ro.reserve_out_serial_id WHERE b.reserve_uuid = ? "
                + "ORDER BY rc.recoup_uuid", uuid, rs ->
                out.add(new Recoup(rs.getLong(1), amt(rs, 2), pub(rs, 4), sig(rs, 5), t(rs, 6))));
        query(c, "SELECT rc.close_uuid, rc.amount_val, rc.amount_frac, rc.closing_fee_val, rc.closing_fee_frac, rc.wtid, "
                + "rc.wire_target_h_payto, rc.execution_date, wt.payto_uri FROM reserves_close rc "
                + "LEFT JOIN wire_targets wt ON wt.wire_target_h_payto = rc.wire_target_h_payto "
                + "WHERE rc.reserve_pub = ? ORDER BY rc.close_uuid",
                res, rs -> out.add(new Closing(rs.getLong(1), amt(rs, 2), amt(rs, 4), new WireTransferId(rs.getBytes(6)),
                        new ShortHash(rs.getBytes(7)), t(rs, 8), rs.getString(9))));
        query(c, "SELECT m.purse_merge_request_serial_id, p.amount_with_fee_val, p.amount_with_fee_frac, m.purse_pub, "
                + "m.merge_sig, m.merge_timestamp, p.h_contract_terms, p.purse_fee_val, p.purse_fee_frac, "
                + "p.in_reserve_quota, (d.purse_pub IS NOT NULL AND NOT d.refunded) FROM purse_merges m "
                + "JOIN purse_requests p ON p.purse_pub = m.purse_pub "
                + "LEFT JOIN purse_decision d ON d.purse_pub = m.purse_pub "
                + "WHERE m.reserve_pub = ? ORDER BY m.purse_merge_request_serial_id", res, rs ->
                out.add(new PurseMerge(rs.getLong(1), amt(rs, 2), pub(rs, 4), sig(rs, 5), t(rs, 6),
                        new HashCode(rs.getBytes(7)), amt(rs, 8), rs.getBoolean(10), rs.getBoolean(11))));
        query(c, "SELECT history_request_serial_id, history_fee_val, history_fee_frac, reserve_sig, request_timestamp "
                + "FROM history_requests WHERE reserve_pub = ? ORDER BY history_request_serial_id", res, rs ->
                out.add(new HistoryRequest(rs.getLong(1), amt(rs, 2), sig(rs, 4), t(rs, 5))));
        query(c, "SELECT open_request_uuid, reserve_payment_val, reserve_payment_frac, reserve_sig, request_timestamp, "
                + "expiration_date, requested_purse_limit FROM reserves_open_requests WHERE reserve_pub = ? "
                + "ORDER BY open_request_uuid", res, rs ->
                out.add(new OpenRequest(rs.getLong(1), amt(rs, 2), sig(rs, 4), t(rs, 5), t(rs, 6), rs.getInt(7))));
        query(c, "SELECT close_request_serial_id, close_val, close_frac, close_fee_val, close_fee_frac, reserve_sig, "
                + "close_timestamp, payto_uri, done FROM close_requests WHERE reserve_pub = ? "
                + "ORDER BY close_request_serial_id", res, rs ->
                out.add(new CloseRequest(rs.getLong(1), amt(rs, 2), amt(rs, 4), sig(rs, 6), t(rs, 7), rs.getString(8),
                        rs.getBoolean(9))));
        return out;
    }

    // ---------------------------------------------------------------------------------------

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(Connection c, String sql, byte[] key, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setBytes(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private static void queryLong(Connection c, String sql, long key, Row row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    row.accept(rs);
                }
            }
        }
    }

    private Amount amt(ResultSet rs, int valIndex) throws SQLException {
        return new Amount(currency, rs.getLong(valIndex), rs.getInt(valIndex + 1));
    }

    private static Timestamp t(ResultSet rs, int i) throws SQLException {
        return Timestamp.fromDbMicros(rs.getLong(i));
    }

    private static EddsaPublicKey pub(ResultSet rs, int i) throws SQLException {
        return new EddsaPublicKey(rs.getBytes(i));
    }

    private static EddsaSignature sig(ResultSet rs, int i) throws SQLException {
        return new EddsaSignature(rs.getBytes(i));
    }
}

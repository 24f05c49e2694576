package net.taler.db.purse;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EcdhePublicKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.ShortHash;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;
import net.taler.db.conn.Sql;

/**
 * P2P purses (database.md 3.5): create (with encrypted contract), coin deposits, merge into a
 * local reserve, deletion, expiry, look-ups. Money moves only inside the
 * {@code exchange_do_purse_*} functions ({@code R__purse.sql}), each one atomic statement.
 */
public final class PurseRepository {
    private final ExchangeDb db;
    private final String currency;

    public PurseRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** The encrypted contract stored with a purse ({@code contracts}). */
    public record Contract(EcdhePublicKey pubCkey, EddsaSignature contractSig, byte[] eContract) {
    }

    /** A verified purse creation request. {@code contract} may be null. */
    public record PurseCreate(EddsaPublicKey pursePub, EddsaPublicKey mergePub, Timestamp creation,
                              Timestamp expiration, HashCode hContractTerms, int ageLimit, int flags,
                              Amount amountWithFee, Amount purseFee, EddsaSignature purseSig, Contract contract) {
    }

    public enum CreateStatus implements ProcedureStatus {
        CREATED(0), REPLAY(1), CONFLICT(2), CONTRACT_CONFLICT(3);

        private final int code;

        CreateStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static CreateStatus fromCode(int code) {
            return ProcedureStatus.fromCode(CreateStatus.class, code);
        }
    }

    public record CreateResult(CreateStatus status, long purseSerialId) {
    }

    /**
     * Creates a purse (push payment); an identical repeat is a REPLAY, another amount, age limit,
     * contract hash or merge key a CONFLICT, another encrypted contract a CONTRACT_CONFLICT.
     */
    public CreateResult create(PurseCreate p) {
        Sql.requireCurrency(p.amountWithFee(), currency);
        Sql.requireCurrency(p.purseFee(), currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_serial FROM exchange_do_purse_create(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, p.pursePub().bytes());
                ps.setBytes(2, p.mergePub().bytes());
                Sql.setTime(ps, 3, p.creation());
                Sql.setTime(ps, 4, p.expiration());
                ps.setBytes(5, p.hContractTerms().bytes());
                ps.setInt(6, p.ageLimit());
                ps.setInt(7, p.flags());
                Sql.setAmount(ps, 8, p.amountWithFee());
                Sql.setAmount(ps, 10, p.purseFee());
                ps.setBytes(12, p.purseSig().bytes());
                Contract k = p.contract();
                ps.setBytes(13, k == null ? null : k.pubCkey().bytes());
                ps.setBytes(14, k == null ? null : k.contractSig().bytes());
                ps.setBytes(15, k == null ? null : k.eContract());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new CreateResult(CreateStatus.fromCode(rs.getInt(1)), rs.getLong(2));
                }
            }
        });
    }

    public enum DepositStatus implements ProcedureStatus {
        DONE(0), REPLAY(1), CONFLICT(2), PURSE_UNKNOWN(3), COIN_UNKNOWN(4), INSUFFICIENT_FUNDS(5),
        PURSE_DECIDED(6), PURSE_EXPIRED(7);

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

    /**
     * @param finished this deposit filled a merged purse and the reserve was credited
     * @param purseBalance the purse balance after the call (before it, if nothing was deposited)
     */
    public record DepositResult(DepositStatus status, long purseDepositSerialId, boolean finished,
                                Amount purseBalance) {
    }

    /**
     * Deposits a coin into a purse: the coin is debited {@code amountWithFee}, the purse credited
     * {@code amountWithoutFee} (the caller subtracts the denomination's deposit fee). A coin
     * deposits into a given purse once: a repeat with the same signature and amount is a REPLAY
     * (nothing debited again), otherwise a CONFLICT.
     *
     * @param partnerSerialId the partner exchange for wad deposits, or null (local)
     * @param reserveExpiration expiration of the merge reserve if this deposit creates it
     */
    public DepositResult deposit(EddsaPublicKey pursePub, EddsaPublicKey coinPub, EddsaSignature coinSig,
                                 Amount amountWithFee, Amount amountWithoutFee, Long partnerSerialId, Timestamp now,
                                 Timestamp reserveExpiration) {
        Sql.requireCurrency(amountWithFee, currency);
        Sql.requireCurrency(amountWithoutFee, currency);
        if (amountWithoutFee.compare(amountWithFee) > 0) {
            throw new IllegalArgumentException("amount without fee exceeds amount with fee");
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_serial, out_finished, out_balance_val, out_balance_frac "
                            + "FROM exchange_do_purse_deposit(?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, pursePub.bytes());
                ps.setBytes(2, coinPub.bytes());
                ps.setBytes(3, coinSig.bytes());
                Sql.setAmount(ps, 4, amountWithFee);
                Sql.setAmount(ps, 6, amountWithoutFee);
                if (partnerSerialId == null) {
                    ps.setNull(8, Types.BIGINT);
                } else {
                    ps.setLong(8, partnerSerialId);
                }
                Sql.setTime(ps, 9, now);
                Sql.setTime(ps, 10, reserveExpiration);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    DepositStatus st = DepositStatus.fromCode(rs.getInt(1));
                    long serial = rs.getLong(2);
                    boolean fin = rs.getBoolean(3);
                    long v = rs.getLong(4);
                    Amount bal = rs.wasNull() ? null : new Amount(currency, v, rs.getInt(5));
                    return new DepositResult(st, serial, fin, bal);
                }
            }
        });
    }

    /** A verified merge request (reserve signature and merge signature checked by the caller). */
    public record Merge(EddsaPublicKey pursePub, EddsaSignature mergeSig, Timestamp mergeTimestamp,
                        EddsaSignature reserveSig, EddsaPublicKey reservePub, ShortHash walletHPayto,
                        Timestamp reserveExpiration) {
    }

    public enum MergeStatus implements ProcedureStatus {
        MERGED(0), REPLAY(1), PURSE_UNKNOWN(2), CONFLICT(3), PURSE_DECIDED(4), PURSE_EXPIRED(5), NOT_FULL(6);

        private final int code;

        MergeStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static MergeStatus fromCode(int code) {
            return ProcedureStatus.fromCode(MergeStatus.class, code);
        }
    }

    /** finished: the reserve has been credited (now, earlier, or it will be by the filling deposit if false). */
    public record MergeResult(MergeStatus status, boolean finished) {
    }

    /**
     * Merges a purse into a local reserve (created if missing). If the purse is full the reserve
     * is credited with the purse amount in the same statement; otherwise, with
     * {@code requireFull} (push merge, exchange-api 6.4) it is refused as NOT_FULL, else the
     * deposit filling it credits the reserve. Merging twice is a REPLAY if reserve and merge
     * signature are the same (also after expiry).
     */
    public MergeResult merge(Merge m, Timestamp now, boolean requireFull) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_finished FROM exchange_do_purse_merge(?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, m.pursePub().bytes());
                ps.setBytes(2, m.mergeSig().bytes());
                Sql.setTime(ps, 3, m.mergeTimestamp());
                ps.setBytes(4, m.reserveSig().bytes());
                ps.setBytes(5, m.reservePub().bytes());
                ps.setBytes(6, m.walletHPayto().bytes());
                Sql.setTime(ps, 7, m.reserveExpiration());
                Sql.setTime(ps, 8, now);
                ps.setBoolean(9, requireFull);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new MergeResult(MergeStatus.fromCode(rs.getInt(1)), rs.getBoolean(2));
                }
            }
        });
    }

    public enum ReservePurseStatus implements ProcedureStatus {
        CREATED(0), REPLAY(1), PURSE_CONFLICT(2), MERGE_CONFLICT(3), CONTRACT_CONFLICT(4),
        RESERVE_UNKNOWN(5), INSUFFICIENT_FUNDS(6);

        private final int code;

        ReservePurseStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static ReservePurseStatus fromCode(int code) {
            return ProcedureStatus.fromCode(ReservePurseStatus.class, code);
        }
    }

    /**
     * Pull payment ({@code POST /reserves/$R/purse}): creates the purse already merged into
     * {@code merge.reservePub()}, paid by a purse quota slot ({@code purseFee} null) or by the
     * purse fee (debited from the reserve if non-zero; with a zero fee the reserve may not exist
     * yet and is created when the purse is paid). All or nothing; an identical repeat is a REPLAY.
     */
    public ReservePurseStatus reservePurse(PurseCreate p, Amount purseFee, Merge merge, Timestamp now) {
        Sql.requireCurrency(p.amountWithFee(), currency);
        Amount fee = purseFee == null ? Amount.zero(currency) : Sql.requireCurrency(purseFee, currency);
        if (!merge.pursePub().equals(p.pursePub())) {
            throw new IllegalArgumentException("merge is for another purse");
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT exchange_do_reserve_purse("
                    + "?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, p.pursePub().bytes());
                ps.setBytes(2, p.mergePub().bytes());
                Sql.setTime(ps, 3, p.creation());
                Sql.setTime(ps, 4, p.expiration());
                ps.setBytes(5, p.hContractTerms().bytes());
                ps.setInt(6, p.ageLimit());
                ps.setInt(7, p.flags());
                Sql.setAmount(ps, 8, p.amountWithFee());
                ps.setBoolean(10, purseFee != null);
                Sql.setAmount(ps, 11, fee);
                ps.setBytes(13, p.purseSig().bytes());
                Contract k = p.contract();
                ps.setBytes(14, k == null ? null : k.pubCkey().bytes());
                ps.setBytes(15, k == null ? null : k.contractSig().bytes());
                ps.setBytes(16, k == null ? null : k.eContract());
                ps.setBytes(17, merge.mergeSig().bytes());
                Sql.setTime(ps, 18, merge.mergeTimestamp());
                ps.setBytes(19, merge.reserveSig().bytes());
                ps.setBytes(20, merge.reservePub().bytes());
                ps.setBytes(21, merge.walletHPayto().bytes());
                Sql.setTime(ps, 22, merge.reserveExpiration());
                Sql.setTime(ps, 23, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return ReservePurseStatus.fromCode(rs.getInt(1));
                }
            }
        });
    }

    public enum DeleteStatus implements ProcedureStatus {
        DELETED(0), REPLAY(1), PURSE_UNKNOWN(2), MERGED_OR_DECIDED(3);

        private final int code;

        DeleteStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static DeleteStatus fromCode(int code) {
            return ProcedureStatus.fromCode(DeleteStatus.class, code);
        }
    }

    /** Deletes an unmerged, undecided purse and refunds its coins ({@code DELETE /purses}). */
    public DeleteStatus delete(EddsaPublicKey pursePub, EddsaSignature purseSig, Timestamp now) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT exchange_do_purse_delete(?,?,?)")) {
                ps.setBytes(1, pursePub.bytes());
                ps.setBytes(2, purseSig.bytes());
                Sql.setTime(ps, 3, now);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return DeleteStatus.fromCode(rs.getInt(1));
                }
            }
        });
    }

    /**
     * taler-exchange-expire: refunds up to {@code limit} purses whose expiration is before
     * {@code now} and that were not decided (merged and paid out, or deleted). Returns how many.
     */
    public int expire(Timestamp now, int limit) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT exchange_do_expire_purses(?,?)")) {
                Sql.setTime(ps, 1, now);
                ps.setInt(2, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    /** Decision on a purse: merged and paid out ({@code refunded = false}) or refunded. */
    public record Decision(Timestamp actionTimestamp, boolean refunded) {
    }

    /** The merge of a purse, if any. */
    public record MergeInfo(EddsaPublicKey reservePub, EddsaSignature mergeSig, Timestamp mergeTimestamp,
                            Long partnerSerialId) {
    }

    /** Purse state for {@code GET /purses/$PURSE_PUB/{merge,deposit}}. */
    public record Purse(long purseSerialId, EddsaPublicKey pursePub, EddsaPublicKey mergePub, Timestamp creation,
                        Timestamp expiration, HashCode hContractTerms, int ageLimit, int flags,
                        boolean inReserveQuota, Amount amountWithFee, Amount purseFee, Amount balance,
                        EddsaSignature purseSig, MergeInfo merge, Decision decision, boolean deleted) {
    }

    public Optional<Purse> get(EddsaPublicKey pursePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT p.*, m.reserve_pub, m.merge_sig, m.merge_timestamp, m.partner_serial_id AS m_partner, "
                            + "d.action_timestamp, d.refunded, (x.purse_pub IS NOT NULL) AS deleted "
                            + "FROM purse_requests p LEFT JOIN purse_merges m ON m.purse_pub = p.purse_pub "
                            + "LEFT JOIN purse_decision d ON d.purse_pub = p.purse_pub "
                            + "LEFT JOIN purse_deletion x ON x.purse_pub = p.purse_pub WHERE p.purse_pub = ?")) {
                ps.setBytes(1, pursePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    MergeInfo mi = null;
                    byte[] rp = rs.getBytes("reserve_pub");
                    if (rp != null) {
                        long partner = rs.getLong("m_partner");
                        mi = new MergeInfo(new EddsaPublicKey(rp), new EddsaSignature(rs.getBytes("merge_sig")),
                                Sql.time(rs, "merge_timestamp"), rs.wasNull() ? null : partner);
                    }
                    Decision dec = null;
                    long at = rs.getLong("action_timestamp");
                    if (!rs.wasNull()) {
                        dec = new Decision(Timestamp.fromDbMicros(at), rs.getBoolean("refunded"));
                    }
                    return Optional.of(new Purse(rs.getLong("purse_requests_serial_id"), pursePub,
                            new EddsaPublicKey(rs.getBytes("merge_pub")), Sql.time(rs, "purse_creation"),
                            Sql.time(rs, "purse_expiration"), new HashCode(rs.getBytes("h_contract_terms")),
                            rs.getInt("age_limit"), rs.getInt("flags"), rs.getBoolean("in_reserve_quota"),
                            Sql.amount(rs, "amount_with_fee", currency), Sql.amount(rs, "purse_fee", currency),
                            Sql.amount(rs, "balance", currency), new EddsaSignature(rs.getBytes("purse_sig")), mi,
                            dec, rs.getBoolean("deleted")));
                }
            }
        });
    }

    /** The purse public key for a merge key ({@code GET /contracts} flows look purses up by merge_pub). */
    public Optional<EddsaPublicKey> purseByMergePub(EddsaPublicKey mergePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT purse_pub FROM purse_requests WHERE merge_pub = ?")) {
                ps.setBytes(1, mergePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new EddsaPublicKey(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    /** The encrypted contract of a purse ({@code GET /contracts/$CONTRACT_PUB} uses pub_ckey). */
    public Optional<Contract> contract(EddsaPublicKey pursePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT pub_ckey, contract_sig, e_contract FROM contracts WHERE purse_pub = ?")) {
                ps.setBytes(1, pursePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Contract(new EcdhePublicKey(rs.getBytes(1)),
                            new EddsaSignature(rs.getBytes(2)), rs.getBytes(3))) : Optional.empty();
                }
            }
        });
    }

    /** The purse and contract for a contract key ({@code GET /contracts/$CONTRACT_PUB}). */
    public Optional<EddsaPublicKey> purseByContractKey(EcdhePublicKey pubCkey) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT purse_pub FROM contracts WHERE pub_ckey = ?")) {
                ps.setBytes(1, pubCkey.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new EddsaPublicKey(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    public record PurseDeposit(long serialId, EddsaPublicKey coinPub, Amount amountWithFee, EddsaSignature coinSig,
                               Long partnerSerialId) {
    }

    /** Deposits into a purse, in serial order. */
    public List<PurseDeposit> deposits(EddsaPublicKey pursePub) {
        return db.inTransaction(c -> {
            List<PurseDeposit> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT purse_deposit_serial_id, coin_pub, amount_with_fee_val, amount_with_fee_frac, coin_sig, "
                            + "partner_serial_id FROM purse_deposits WHERE purse_pub = ? "
                            + "ORDER BY purse_deposit_serial_id")) {
                ps.setBytes(1, pursePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long partner = rs.getLong(6);
                        out.add(new PurseDeposit(rs.getLong(1), new EddsaPublicKey(rs.getBytes(2)),
                                Sql.amount(rs, "amount_with_fee", currency), new EddsaSignature(rs.getBytes(5)),
                                rs.wasNull() ? null : partner));
                    }
                }
            }
            return out;
        });
    }
}

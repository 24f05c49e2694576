package net.taler.db.reserve;

import java.io.ByteArrayOutputStream;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.ProcedureStatus;
import net.taler.db.conn.Sql;

/**
 * Reserve open ({@code POST /reserves/$R/open}, database.md 3.2): {@code reserves_open_requests}
 * and {@code reserves_open_deposits}, charged atomically by {@code exchange_do_reserve_open} ({@code R__reserve_open.sql}).
 */
public final class ReserveOpenRepository {
    private final ExchangeDb db;
    private final String currency;

    public ReserveOpenRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** A coin paying part of the open fee (coin signature verified by the caller). */
    public record CoinPayment(EddsaPublicKey coinPub, EddsaSignature coinSig, Amount contribution) {
    }

    /** A verified open request; {@code coins} may be empty. */
    public record OpenRequest(EddsaPublicKey reservePub, EddsaSignature reserveSig, Timestamp requestTimestamp,
                              Timestamp desiredExpiration, Timestamp gcDate, int purseLimit, Amount reservePayment,
                              Amount openFee, List<CoinPayment> coins) {
        public OpenRequest {
            coins = List.copyOf(coins);
            if (purseLimit < 0) {
                throw new IllegalArgumentException("negative purse limit");
            }
        }
    }

    public enum OpenStatus implements ProcedureStatus {
        OPENED(0), REPLAY(1), RESERVE_UNKNOWN(2), RESERVE_INSUFFICIENT_BALANCE(3), COIN_UNKNOWN(4),
        COIN_INSUFFICIENT_FUNDS(5), COIN_CONFLICT(6), PAYMENT_INSUFFICIENT(7);

        private final int code;

        OpenStatus(int code) {
            this.code = code;
        }

        @Override
        public int code() {
            return code;
        }

        /** The constant for a function result; throws on an unknown code. */
        public static OpenStatus fromCode(int code) {
            return ProcedureStatus.fromCode(OpenStatus.class, code);
        }
    }

    /**
     * @param expiration the reserve's expiration after the call
     * @param balance the reserve balance after the call (before it if nothing was charged)
     * @param failedCoin the coin that caused COIN_* statuses, else null
     */
    public record OpenResult(OpenStatus status, Timestamp expiration, Amount balance, EddsaPublicKey failedCoin) {
    }

    /**
     * Charges the reserve ({@code reservePayment}) and the coins for keeping the reserve open until
     * {@code desiredExpiration} with {@code purseLimit} purses; the payments together must cover
     * {@code openFee}. All or nothing; a repeat with the same request timestamp is a REPLAY that
     * charges nothing. Neither the reserve nor a coin is ever overdrawn.
     */
    public OpenResult open(OpenRequest r) {
        Sql.requireCurrency(r.reservePayment(), currency);
        Sql.requireCurrency(r.openFee(), currency);
        ByteArrayOutputStream pubs = new ByteArrayOutputStream();
        ByteArrayOutputStream sigs = new ByteArrayOutputStream();
        Long[] vals = new Long[r.coins().size()];
        Integer[] fracs = new Integer[r.coins().size()];
        for (int i = 0; i < r.coins().size(); i++) {
            CoinPayment p = r.coins().get(i);
            Sql.requireCurrency(p.contribution(), currency);
            pubs.writeBytes(p.coinPub().bytes());
            sigs.writeBytes(p.coinSig().bytes());
            vals[i] = p.contribution().value();
            fracs[i] = p.contribution().fraction();
        }
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT out_status, out_expiration, out_balance_val, out_balance_frac, out_coin_pub "
                            + "FROM exchange_do_reserve_open(?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                ps.setBytes(1, r.reservePub().bytes());
                ps.setBytes(2, r.reserveSig().bytes());
                Sql.setTime(ps, 3, r.requestTimestamp());
                Sql.setTime(ps, 4, r.desiredExpiration());
                Sql.setTime(ps, 5, r.gcDate());
                ps.setInt(6, r.purseLimit());
                Sql.setAmount(ps, 7, r.reservePayment());
                Sql.setAmount(ps, 9, r.openFee());
                ps.setBytes(11, pubs.toByteArray());
                ps.setBytes(12, sigs.toByteArray());
                ps.setArray(13, c.createArrayOf("int8", vals));
                ps.setArray(14, c.createArrayOf("int4", fracs));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    OpenStatus st = OpenStatus.fromCode(rs.getInt(1));
                    long e = rs.getLong(2);
                    Timestamp exp = rs.wasNull() ? null : Timestamp.fromDbMicros(e);
                    long v = rs.getLong(3);
                    Amount bal = rs.wasNull() ? null : new Amount(currency, v, rs.getInt(4));
                    byte[] coin = rs.getBytes(5);
                    return new OpenResult(st, exp, bal, coin == null ? null : new EddsaPublicKey(coin));
                }
            }
        });
    }

    /** A stored open request. */
    public record StoredRequest(long openRequestUuid, Timestamp requestTimestamp, Timestamp expiration,
                                EddsaSignature reserveSig, Amount reservePayment, int purseLimit) {
    }

    /** The reserve's open requests, oldest first. */
    public List<StoredRequest> requests(EddsaPublicKey reservePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT open_request_uuid, request_timestamp, expiration_date, reserve_sig, reserve_payment_val, "
                            + "reserve_payment_frac, requested_purse_limit FROM reserves_open_requests "
                            + "WHERE reserve_pub = ? ORDER BY open_request_uuid")) {
                ps.setBytes(1, reservePub.bytes());
                List<StoredRequest> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredRequest(rs.getLong(1), Sql.time(rs, "request_timestamp"),
                                Sql.time(rs, "expiration_date"), new EddsaSignature(rs.getBytes(4)),
                                Sql.amount(rs, "reserve_payment", currency), rs.getInt(7)));
                    }
                }
                return out;
            }
        });
    }

    /** A stored coin payment for an open request. */
    public record StoredDeposit(long serial, EddsaPublicKey coinPub, EddsaSignature coinSig, Amount contribution) {
    }

    /** The coin payments made for opening the reserve, oldest first. */
    public List<StoredDeposit> deposits(EddsaPublicKey reservePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT reserves_open_deposit_uuid, coin_pub, coin_sig, contribution_val, contribution_frac "
                            + "FROM reserves_open_deposits WHERE reserve_pub = ? ORDER BY reserves_open_deposit_uuid")) {
                ps.setBytes(1, reservePub.bytes());
                List<StoredDeposit> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new StoredDeposit(rs.getLong(1), new EddsaPublicKey(rs.getBytes(2)),
                                new EddsaSignature(rs.getBytes(3)), Sql.amount(rs, "contribution", currency)));
                    }
                }
                return out;
            }
        });
    }
}

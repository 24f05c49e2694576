package net.taler.db.wad;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;

/**
 * Wads (database.md 3.5): partner exchanges ({@code partners}), outgoing wads ({@code wads_out},
 * {@code wad_out_entries}) and incoming wads ({@code wads_in}, {@code wad_in_entries}). Each
 * wad with its entries is written in one transaction; repeats are REPLAYs.
 */
public final class WadRepository {
    /** Length of a wad identifier (exchange-api: 24 bytes). */
    public static final int WAD_ID_LENGTH = 24;

    private final ExchangeDb db;
    private final String currency;

    public WadRepository(ExchangeDb db, String currency) {
        this.db = db;
        this.currency = currency;
    }

    /** A 24-byte wad identifier. */
    public record WadId(byte[] bytes) {
        public WadId {
            if (bytes == null || bytes.length != WAD_ID_LENGTH) {
                throw new IllegalArgumentException("wad id must be " + WAD_ID_LENGTH + " bytes");
            }
            bytes = bytes.clone();
        }

        @Override
        public byte[] bytes() {
            return bytes.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof WadId w && Arrays.equals(bytes, w.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    // ---------------------------------------------------------------------------------------
    // partners

    /** A partner exchange, signed by our master key ({@code master_sig}, verified by the caller). */
    public record Partner(EddsaPublicKey partnerMasterPub, Timestamp startDate, Timestamp endDate,
                          RelativeTime wadFrequency, Amount wadFee, EddsaSignature masterSig, String partnerBaseUrl) {
    }

    public record StoredPartner(long partnerSerialId, Partner partner, Timestamp nextWad) {
    }

    public enum PartnerStatus { INSERTED, REPLAY, CONFLICT }

    public record PartnerResult(PartnerStatus status, long partnerSerialId) {
    }

    /**
     * Inserts a partner record; unique on (master public key, start date): the same record again
     * is a REPLAY, a different one a CONFLICT.
     */
    public PartnerResult insertPartner(Partner p) {
        Sql.requireCurrency(p.wadFee(), currency);
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO partners (partner_master_pub, start_date, end_date, wad_frequency, wad_fee_val, "
                            + "wad_fee_frac, master_sig, partner_base_url) VALUES (?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT DO NOTHING RETURNING partner_serial_id")) {
                ps.setBytes(1, p.partnerMasterPub().bytes());
                Sql.setTime(ps, 2, p.startDate());
                Sql.setTime(ps, 3, p.endDate());
                ps.setLong(4, p.wadFrequency().toDbMicros());
                Sql.setAmount(ps, 5, p.wadFee());
                ps.setBytes(7, p.masterSig().bytes());
                ps.setString(8, p.partnerBaseUrl());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return new PartnerResult(PartnerStatus.INSERTED, rs.getLong(1));
                    }
                }
            }
            StoredPartner old = partnerWhere(c, "partner_master_pub = ? AND start_date = ?", ps -> {
                ps.setBytes(1, p.partnerMasterPub().bytes());
                Sql.setTime(ps, 2, p.startDate());
            }).orElseThrow();
            return new PartnerResult(old.partner().equals(p) ? PartnerStatus.REPLAY : PartnerStatus.CONFLICT,
                    old.partnerSerialId());
        });
    }

    /** The partner record of {@code masterPub} valid at {@code at} (start ≤ at < end), latest start first. */
    public Optional<StoredPartner> partner(EddsaPublicKey masterPub, Timestamp at) {
        return db.inTransaction(c -> partnerWhere(c,
                "partner_master_pub = ? AND start_date <= ? AND end_date > ? ORDER BY start_date DESC LIMIT 1", ps -> {
                    ps.setBytes(1, masterPub.bytes());
                    Sql.setTime(ps, 2, at);
                    Sql.setTime(ps, 3, at);
                }));
    }

    public Optional<StoredPartner> partnerBySerial(long partnerSerialId) {
        return db.inTransaction(c -> partnerWhere(c, "partner_serial_id = ?", ps -> ps.setLong(1, partnerSerialId)));
    }

    /** The partner records (any validity) with the given base URL, oldest first. */
    public List<StoredPartner> partnersByUrl(String baseUrl) {
        return db.inTransaction(c -> {
            List<StoredPartner> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(PARTNER_SELECT
                    + "WHERE partner_base_url = ? ORDER BY partner_serial_id")) {
                ps.setString(1, baseUrl);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(partnerRow(rs));
                    }
                }
            }
            return out;
        });
    }

    /** Sets the next wad time of a partner (the wad sender's schedule). */
    public boolean setNextWad(long partnerSerialId, Timestamp nextWad) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE partners SET next_wad = ? WHERE partner_serial_id = ?")) {
                Sql.setTime(ps, 1, nextWad);
                ps.setLong(2, partnerSerialId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private static final String PARTNER_SELECT = "SELECT partner_serial_id, partner_master_pub, start_date, end_date, "
            + "next_wad, wad_frequency, wad_fee_val, wad_fee_frac, master_sig, partner_base_url FROM partners ";

    private Optional<StoredPartner> partnerWhere(Connection c, String where, Binder b) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PARTNER_SELECT + "WHERE " + where)) {
            b.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(partnerRow(rs)) : Optional.empty();
            }
        }
    }

    private StoredPartner partnerRow(ResultSet rs) throws SQLException {
        Partner p = new Partner(new EddsaPublicKey(rs.getBytes("partner_master_pub")), Sql.time(rs, "start_date"),
                Sql.time(rs, "end_date"), RelativeTime.fromDbMicros(rs.getLong("wad_frequency")), Sql.amount(rs, "wad_fee", currency),
                new EddsaSignature(rs.getBytes("master_sig")), rs.getString("partner_base_url"));
        return new StoredPartner(rs.getLong("partner_serial_id"), p, Sql.time(rs, "next_wad"));
    }

    // ---------------------------------------------------------------------------------------
    // wad entries (same columns in and out)

    /** One merged purse travelling in a wad. */
    public record WadEntry(EddsaPublicKey reservePub, EddsaPublicKey pursePub, HashCode hContract,
                           Timestamp purseExpiration, Timestamp mergeTimestamp, Amount amountWithFee, Amount wadFee,
                           Amount depositFees, EddsaSignature reserveSig, EddsaSignature purseSig) {
    }

    public enum WadStatus { INSERTED, REPLAY, CONFLICT }

    /** @param conflictingPurses entries whose purse is already in another wad (not inserted) */
    public record WadResult(WadStatus status, long wadSerialId, List<EddsaPublicKey> conflictingPurses) {
    }

    private static final String ENTRY_COLS = "reserve_pub, purse_pub, h_contract, purse_expiration, merge_timestamp, "
            + "amount_with_fee_val, amount_with_fee_frac, wad_fee_val, wad_fee_frac, deposit_fees_val, "
            + "deposit_fees_frac, reserve_sig, purse_sig";

    private List<EddsaPublicKey> insertEntries(Connection c, String table, String serialCol, long wadSerial,
                                               List<WadEntry> entries) throws SQLException {
        List<EddsaPublicKey> conflicts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + serialCol + ", " + ENTRY_COLS
                + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            for (WadEntry e : entries) {
                Sql.requireCurrency(e.amountWithFee(), currency);
                Sql.requireCurrency(e.wadFee(), currency);
                Sql.requireCurrency(e.depositFees(), currency);
                ps.setLong(1, wadSerial);
                ps.setBytes(2, e.reservePub().bytes());
                ps.setBytes(3, e.pursePub().bytes());
                ps.setBytes(4, e.hContract().bytes());
                Sql.setTime(ps, 5, e.purseExpiration());
                Sql.setTime(ps, 6, e.mergeTimestamp());
                Sql.setAmount(ps, 7, e.amountWithFee());
                Sql.setAmount(ps, 9, e.wadFee());
                Sql.setAmount(ps, 11, e.depositFees());
                ps.setBytes(13, e.reserveSig().bytes());
                ps.setBytes(14, e.purseSig().bytes());
                if (ps.executeUpdate() == 0) {
                    conflicts.add(e.pursePub());
                }
            }
        }
        return conflicts;
    }

    private List<WadEntry> entries(Connection c, String table, String serialCol, long wadSerial) throws SQLException {
        List<WadEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLS + " FROM " + table + " WHERE "
                + serialCol + " = ? ORDER BY " + (table.equals("wad_out_entries") ? "wad_out_entry_serial_id"
                : "wad_in_entry_serial_id"))) {
            ps.setLong(1, wadSerial);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new WadEntry(new EddsaPublicKey(rs.getBytes("reserve_pub")),
                            new EddsaPublicKey(rs.getBytes("purse_pub")), new HashCode(rs.getBytes("h_contract")),
                            Sql.time(rs, "purse_expiration"), Sql.time(rs, "merge_timestamp"),
                            Sql.amount(rs, "amount_with_fee", currency), Sql.amount(rs, "wad_fee", currency),
                            Sql.amount(rs, "deposit_fees", currency), new EddsaSignature(rs.getBytes("reserve_sig")),
                            new EddsaSignature(rs.getBytes("purse_sig"))));
                }
            }
        }
        return out;
    }

    private static boolean sameEntries(List<WadEntry> a, List<WadEntry> b) {
        return a.size() == b.size() && new java.util.HashSet<>(a).equals(new java.util.HashSet<>(b));
    }

    // ---------------------------------------------------------------------------------------
    // outgoing wads

    public record WadOut(WadId wadId, long partnerSerialId, Amount amount, Timestamp executionTime,
                         List<WadEntry> entries) {
        public WadOut {
            entries = List.copyOf(entries);
        }
    }

    public record StoredWadOut(long wadOutSerialId, WadOut wad) {
    }

    /**
     * Records an outgoing wad with its entries in one transaction. The same wad again is a
     * REPLAY; another wad with this id, or an entry whose purse already left in another wad, is a
     * CONFLICT and nothing is recorded.
     */
    public WadResult recordWadOut(WadOut w) {
        Sql.requireCurrency(w.amount(), currency);
        return db.inTransaction(c -> {
            long serial;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wads_out (wad_id, partner_serial_id, amount_val, amount_frac, execution_time) "
                            + "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING RETURNING wad_out_serial_id")) {
                ps.setBytes(1, w.wadId().bytes());
                ps.setLong(2, w.partnerSerialId());
                Sql.setAmount(ps, 3, w.amount());
                Sql.setTime(ps, 5, w.executionTime());
                try (ResultSet rs = ps.executeQuery()) {
                    serial = rs.next() ? rs.getLong(1) : -1;
                }
            }
            if (serial < 0) {
                StoredWadOut old = wadOut(c, w.wadId()).orElseThrow();
                WadOut o = old.wad();
                boolean same = o.partnerSerialId() == w.partnerSerialId() && o.amount().equals(w.amount())
                        && o.executionTime().equals(w.executionTime()) && sameEntries(o.entries(), w.entries());
                return new WadResult(same ? WadStatus.REPLAY : WadStatus.CONFLICT, old.wadOutSerialId(), List.of());
            }
            List<EddsaPublicKey> conflicts = insertEntries(c, "wad_out_entries", "wad_out_serial_id", serial,
                    w.entries());
            if (!conflicts.isEmpty()) {
                c.rollback();
                return new WadResult(WadStatus.CONFLICT, 0, conflicts);
            }
            return new WadResult(WadStatus.INSERTED, serial, List.of());
        });
    }

    public Optional<StoredWadOut> wadOut(WadId wadId) {
        return db.inTransaction(c -> wadOut(c, wadId));
    }

    private Optional<StoredWadOut> wadOut(Connection c, WadId wadId) throws SQLException {
        long serial;
        WadOut w;
        try (PreparedStatement ps = c.prepareStatement("SELECT wad_out_serial_id, partner_serial_id, amount_val, "
                + "amount_frac, execution_time FROM wads_out WHERE wad_id = ?")) {
            ps.setBytes(1, wadId.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                serial = rs.getLong(1);
                w = new WadOut(wadId, rs.getLong(2), Sql.amount(rs, "amount", currency),
                        Sql.time(rs, "execution_time"), List.of());
            }
        }
        List<WadEntry> e = entries(c, "wad_out_entries", "wad_out_serial_id", serial);
        return Optional.of(new StoredWadOut(serial, new WadOut(wadId, w.partnerSerialId(), w.amount(),
                w.executionTime(), e)));
    }

    /** The outgoing wad that carried a purse, if any. */
    public Optional<WadId> wadOutOfPurse(EddsaPublicKey pursePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT w.wad_id FROM wad_out_entries e "
                    + "JOIN wads_out w ON w.wad_out_serial_id = e.wad_out_serial_id WHERE e.purse_pub = ?")) {
                ps.setBytes(1, pursePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new WadId(rs.getBytes(1))) : Optional.empty();
                }
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // incoming wads

    public record WadIn(WadId wadId, String originExchangeUrl, Amount amount, Timestamp arrivalTime,
                        List<WadEntry> entries) {
        public WadIn {
            entries = List.copyOf(entries);
        }
    }

    public record StoredWadIn(long wadInSerialId, WadIn wad) {
    }

    /**
     * Records an incoming wad with its entries, idempotently: the same wad id from the same
     * origin is a REPLAY (its entries are added if missing, e.g. after a partial earlier delivery
     * of the same wad; amount and arrival time stay the first ones); the id from another origin, or
     * an entry whose purse already arrived in another wad, is a CONFLICT (nothing recorded).
     */
    public WadResult recordWadIn(WadIn w) {
        Sql.requireCurrency(w.amount(), currency);
        return db.inTransaction(c -> {
            long serial;
            boolean fresh;
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wads_in (wad_id, origin_exchange_url, amount_val, amount_frac, arrival_time) "
                            + "VALUES (?,?,?,?,?) ON CONFLICT DO NOTHING RETURNING wad_in_serial_id")) {
                ps.setBytes(1, w.wadId().bytes());
                ps.setString(2, w.originExchangeUrl());
                Sql.setAmount(ps, 3, w.amount());
                Sql.setTime(ps, 5, w.arrivalTime());
                try (ResultSet rs = ps.executeQuery()) {
                    fresh = rs.next();
                    serial = fresh ? rs.getLong(1) : -1;
                }
            }
            if (!fresh) {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT wad_in_serial_id, origin_exchange_url, amount_val, amount_frac FROM wads_in "
                                + "WHERE wad_id = ?")) {
                    ps.setBytes(1, w.wadId().bytes());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        serial = rs.getLong(1);
                        if (!rs.getString(2).equals(w.originExchangeUrl())
                                || !Sql.amount(rs, "amount", currency).equals(w.amount())) {
                            return new WadResult(WadStatus.CONFLICT, serial, List.of());
                        }
                    }
                }
            }
            List<EddsaPublicKey> dup = insertEntries(c, "wad_in_entries", "wad_in_serial_id", serial, w.entries());
            List<EddsaPublicKey> conflicts = new ArrayList<>();
            if (!dup.isEmpty()) {
                // a purse already known: fine if it is in this very wad with the same data
                List<WadEntry> stored = entries(c, "wad_in_entries", "wad_in_serial_id", serial);
                for (WadEntry e : w.entries()) {
                    if (dup.contains(e.pursePub()) && !stored.contains(e)) {
                        conflicts.add(e.pursePub());
                    }
                }
            }
            if (!conflicts.isEmpty()) {
                c.rollback();
                return new WadResult(WadStatus.CONFLICT, fresh ? 0 : serial, conflicts);
            }
            return new WadResult(fresh ? WadStatus.INSERTED : WadStatus.REPLAY, serial, List.of());
        });
    }

    public Optional<StoredWadIn> wadIn(WadId wadId) {
        return db.inTransaction(c -> {
            long serial;
            WadIn w;
            try (PreparedStatement ps = c.prepareStatement("SELECT wad_in_serial_id, origin_exchange_url, amount_val, "
                    + "amount_frac, arrival_time FROM wads_in WHERE wad_id = ?")) {
                ps.setBytes(1, wadId.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    serial = rs.getLong(1);
                    w = new WadIn(wadId, rs.getString(2), Sql.amount(rs, "amount", currency),
                            Sql.time(rs, "arrival_time"), List.of());
                }
            }
            List<WadEntry> e = entries(c, "wad_in_entries", "wad_in_serial_id", serial);
            return Optional.of(new StoredWadIn(serial, new WadIn(wadId, w.originExchangeUrl(), w.amount(),
                    w.arrivalTime(), e)));
        });
    }

    /** The incoming wad entry of a purse (merged at a partner exchange into one of our reserves). */
    public Optional<WadEntry> wadInEntry(EddsaPublicKey pursePub) {
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + ENTRY_COLS
                    + " FROM wad_in_entries WHERE purse_pub = ?")) {
                ps.setBytes(1, pursePub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new WadEntry(new EddsaPublicKey(rs.getBytes("reserve_pub")), pursePub,
                            new HashCode(rs.getBytes("h_contract")), Sql.time(rs, "purse_expiration"),
                            Sql.time(rs, "merge_timestamp"), Sql.amount(rs, "amount_with_fee", currency),
                            Sql.amount(rs, "wad_fee", currency), Sql.amount(rs, "deposit_fees", currency),
                            new EddsaSignature(rs.getBytes("reserve_sig")), new EddsaSignature(rs.getBytes("purse_sig"))));
                }
            }
        });
    }
}

package net.taler.db.management;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.keys.DenominationRepository;
import net.taler.db.keys.SigningKeyRepository;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;
import net.taler.db.wire.WireRepository;

/**
 * What the httpd's {@code /management/*} and {@code /auditors/*} handlers write, and the key
 * state they read back (database.md 3.1 of the protocol notes). The handlers verify the master
 * (or auditor) signatures before calling; this class only stores.
 *
 * <p>Every write is one SERIALIZABLE transaction (retried on serialization failures, so two
 * httpd processes uploading the same thing at once still get a correct outcome) and, if it
 * changed a row, queues the matching NOTIFY in that transaction: keys, revocations, auditors and
 * global fees on {@link Channel#EXCHANGE_KEYS_UPDATED}, wire accounts and wire fees on
 * {@link Channel#EXCHANGE_WIRE_UPDATED}, extensions on
 * {@link Channel#EXCHANGE_EXTENSIONS_UPDATED} (all with an empty payload). A repeated upload
 * that changes nothing sends nothing. Amounts must be in the exchange currency
 * ({@link IllegalArgumentException} otherwise).
 */
public final class ManagementRepository {
    /** At most this many rows per list (uploads and each list of the key state). */
    public static final int MAX_ROWS = 10_000;
    /** At most this many auditor signatures in the key state (auditors x denominations). */
    public static final int MAX_AUDITOR_SIGS = 100_000;

    private final ExchangeDb db;
    private final String currency;

    public ManagementRepository(ExchangeDb db, String currency) {
        this.db = Objects.requireNonNull(db, "db");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    /** Outcome of a state change of a keyed row. */
    public enum Change {
        /** Done, or already in that state (idempotent repeat). */
        APPLIED,
        /** No such row. */
        UNKNOWN,
        /** The stored row changed later than the request's timestamp (409). */
        MORE_RECENT_PRESENT
    }

    /** Outcome of inserting a fee (or drain) record. */
    public enum FeeOutcome {
        INSERTED,
        /** The identical record exists already; nothing written. */
        IDEMPOTENT,
        /** A different record exists for (part of) the period, or under the wtid (409). */
        CONFLICT
    }

    public record Auditor(EddsaPublicKey auditorPub, String url, String name, boolean active, Timestamp lastChange) {
    }

    public record GlobalFee(Timestamp startDate, Timestamp endDate, Amount historyFee, Amount accountFee,
                            Amount purseFee, RelativeTime purseTimeout, RelativeTime historyExpiration,
                            int purseAccountLimit, EddsaSignature masterSig) {
    }

    public record DenominationEntry(long serial, DenominationRepository.Denomination denomination, boolean revoked) {
    }

    public record AuditorDenomSig(EddsaPublicKey auditorPub, HashCode hDenomPub, EddsaSignature auditorSig) {
    }

    /**
     * The key state of the httpd, read in one snapshot.
     *
     * @param denominations      denominations with {@code expire_legal > now}, newest {@code valid_from} first
     * @param signingKeys        signing keys with {@code expire_legal > now} (with revocation flag), by valid_from
     * @param activeAuditors     active auditors, in the order they were first enabled
     * @param auditorDenomSigs   signatures of active auditors over the listed denominations
     * @param globalFees         all global fees, by start date
     * @param activeWireAccounts active wire accounts, by payto URI
     * @param wireFees           all wire fees, by method then start date
     * @param extensions         extension name to manifest JSON, by name
     * @param extensionsSig      master signature over the extensions, or null if none was uploaded
     */
    public record KeyStateSnapshot(List<DenominationEntry> denominations,
                                   List<SigningKeyRepository.SigningKey> signingKeys, List<Auditor> activeAuditors,
                                   List<AuditorDenomSig> auditorDenomSigs, List<GlobalFee> globalFees,
                                   List<WireRepository.WireAccount> activeWireAccounts,
                                   List<WireRepository.WireFee> wireFees, Map<String, String> extensions,
                                   EddsaSignature extensionsSig) {
    }

    // ---------------------------------------------------------------- keys and revocations

    /**
     * POST /management/keys: stores the master-signed denominations and signing keys in one
     * transaction. Rows that exist already are kept as they are (idempotent).
     */
    public void uploadKeySignatures(List<DenominationRepository.Denomination> denoms,
                                    List<SigningKeyRepository.SigningKey> signkeys) {
        if (denoms.size() > MAX_ROWS || signkeys.size() > MAX_ROWS) {
            throw new IllegalArgumentException("too many keys in one upload (max " + MAX_ROWS + " of each)");
        }
        for (DenominationRepository.Denomination d : denoms) {
            DenominationRepository.requireCurrency(d, currency);
        }
        db.inTransaction(c -> {
            int changed = 0;
            for (DenominationRepository.Denomination d : denoms) {
                changed += DenominationRepository.insertRow(c, d);
            }
            for (SigningKeyRepository.SigningKey k : signkeys) {
                changed += SigningKeyRepository.insertRow(c, k);
            }
            if (changed > 0) {
                Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            }
            return null;
        });
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

    // ---------------------------------------------------------------- auditors

    /**
     * POST /management/auditors: MORE_RECENT_PRESENT if the stored row changed after
     * {@code validityStart}; otherwise inserts the auditor or updates it (active, URL, name,
     * last change). The same timestamp again is an idempotent APPLIED.
     */
    public Change enableAuditor(EddsaPublicKey auditorPub, String url, String name, Timestamp validityStart) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(name, "name");
        return db.inTransaction(c -> {
            Optional<Auditor> stored = auditor(c, auditorPub);
            if (stored.isPresent()) {
                Auditor a = stored.get();
                if (a.lastChange().compareTo(validityStart) > 0) {
                    return Change.MORE_RECENT_PRESENT;
                }
                if (a.active() && a.url().equals(url) && a.name().equals(name)
                        && a.lastChange().equals(validityStart)) {
                    return Change.APPLIED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auditors (auditor_pub, auditor_name, auditor_url, is_active, last_change) "
                            + "VALUES (?, ?, ?, TRUE, ?) ON CONFLICT (auditor_pub) DO UPDATE SET "
                            + "auditor_name = EXCLUDED.auditor_name, auditor_url = EXCLUDED.auditor_url, "
                            + "is_active = TRUE, last_change = EXCLUDED.last_change")) {
                ps.setBytes(1, auditorPub.bytes());
                ps.setString(2, name);
                ps.setString(3, url);
                Sql.setTime(ps, 4, validityStart);
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            return Change.APPLIED;
        });
    }

    /**
     * POST /management/auditors/$AUDITOR_PUB/disable: UNKNOWN if no such auditor,
     * MORE_RECENT_PRESENT if the stored row changed after {@code validityEnd}, else inactive.
     */
    public Change disableAuditor(EddsaPublicKey auditorPub, Timestamp validityEnd) {
        return db.inTransaction(c -> {
            Optional<Auditor> stored = auditor(c, auditorPub);
            if (stored.isEmpty()) {
                return Change.UNKNOWN;
            }
            Auditor a = stored.get();
            if (a.lastChange().compareTo(validityEnd) > 0) {
                return Change.MORE_RECENT_PRESENT;
            }
            if (!a.active() && a.lastChange().equals(validityEnd)) {
                return Change.APPLIED;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE auditors SET is_active = FALSE, last_change = ? WHERE auditor_pub = ?")) {
                Sql.setTime(ps, 1, validityEnd);
                ps.setBytes(2, auditorPub.bytes());
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            return Change.APPLIED;
        });
    }

    /** An auditor, active or not. */
    public Optional<Auditor> auditor(EddsaPublicKey auditorPub) {
        return db.inTransaction(c -> auditor(c, auditorPub));
    }

    private static Optional<Auditor> auditor(Connection c, EddsaPublicKey auditorPub) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT auditor_pub, auditor_url, auditor_name, is_active, last_change FROM auditors "
                        + "WHERE auditor_pub = ?")) {
            ps.setBytes(1, auditorPub.bytes());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(auditorRow(rs)) : Optional.empty();
            }
        }
    }

    private static Auditor auditorRow(ResultSet rs) throws SQLException {
        return new Auditor(new EddsaPublicKey(rs.getBytes("auditor_pub")), rs.getString("auditor_url"),
                rs.getString("auditor_name"), rs.getBoolean("is_active"), Sql.time(rs, "last_change"));
    }

    /**
     * POST /auditors/$AUDITOR_PUB/$H_DENOM_PUB (the caller checked the auditor is active, the
     * denomination exists and the signature is valid). Idempotent: a repeat keeps the first
     * signature. False if the auditor or the denomination is unknown.
     */
    public boolean insertAuditorDenomSig(EddsaPublicKey auditorPub, HashCode hDenomPub, EddsaSignature auditorSig) {
        return db.inTransaction(c -> {
            long auditorUuid;
            long denomSerial;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.auditor_uuid, d.denominations_serial FROM auditors a CROSS JOIN denominations d "
                            + "WHERE a.auditor_pub = ? AND d.denom_pub_hash = ?")) {
                ps.setBytes(1, auditorPub.bytes());
                ps.setBytes(2, hDenomPub.bytes());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                    auditorUuid = rs.getLong(1);
                    denomSerial = rs.getLong(2);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO auditor_denom_sigs (auditor_uuid, denominations_serial, auditor_sig) VALUES (?,?,?) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setLong(1, auditorUuid);
                ps.setLong(2, denomSerial);
                ps.setBytes(3, auditorSig.bytes());
                if (ps.executeUpdate() > 0) {
                    Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
                }
            }
            return true;
        });
    }

    // ---------------------------------------------------------------- wire accounts

    /**
     * POST /management/wire: MORE_RECENT_PRESENT if the stored row changed after
     * {@code validityStart}; else inserts or re-activates the account ({@code master_sig} =
     * {@code master_sig_wire}).
     */
    public Change enableWire(String paytoUri, EddsaSignature masterSigWire, Timestamp validityStart) {
        Objects.requireNonNull(paytoUri, "paytoUri");
        return db.inTransaction(c -> {
            Optional<WireRepository.WireAccount> stored = wireAccount(c, paytoUri);
            if (stored.isPresent()) {
                WireRepository.WireAccount a = stored.get();
                if (a.lastChange().compareTo(validityStart) > 0) {
                    return Change.MORE_RECENT_PRESENT;
                }
                if (a.active() && a.masterSig().equals(masterSigWire) && a.lastChange().equals(validityStart)) {
                    return Change.APPLIED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_accounts (payto_uri, master_sig, is_active, last_change) VALUES (?, ?, TRUE, ?) "
                            + "ON CONFLICT (payto_uri) DO UPDATE SET master_sig = EXCLUDED.master_sig, "
                            + "is_active = TRUE, last_change = EXCLUDED.last_change")) {
                ps.setString(1, paytoUri);
                ps.setBytes(2, masterSigWire.bytes());
                Sql.setTime(ps, 3, validityStart);
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_WIRE_UPDATED, null);
            return Change.APPLIED;
        });
    }

    /**
     * POST /management/wire/disable: UNKNOWN if no such account, MORE_RECENT_PRESENT if the
     * stored row changed after {@code validityEnd}, else inactive.
     */
    public Change disableWire(String paytoUri, Timestamp validityEnd) {
        Objects.requireNonNull(paytoUri, "paytoUri");
        return db.inTransaction(c -> {
            Optional<WireRepository.WireAccount> stored = wireAccount(c, paytoUri);
            if (stored.isEmpty()) {
                return Change.UNKNOWN;
            }
            WireRepository.WireAccount a = stored.get();
            if (a.lastChange().compareTo(validityEnd) > 0) {
                return Change.MORE_RECENT_PRESENT;
            }
            if (!a.active() && a.lastChange().equals(validityEnd)) {
                return Change.APPLIED;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE wire_accounts SET is_active = FALSE, last_change = ? WHERE payto_uri = ?")) {
                Sql.setTime(ps, 1, validityEnd);
                ps.setString(2, paytoUri);
                ps.executeUpdate();
            }
            Notifications.notify(c, Channel.EXCHANGE_WIRE_UPDATED, null);
            return Change.APPLIED;
        });
    }

    private static Optional<WireRepository.WireAccount> wireAccount(Connection c, String paytoUri)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT payto_uri, master_sig, is_active, last_change FROM wire_accounts WHERE payto_uri = ?")) {
            ps.setString(1, paytoUri);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(wireAccountRow(rs)) : Optional.empty();
            }
        }
    }

    private static WireRepository.WireAccount wireAccountRow(ResultSet rs) throws SQLException {
        return new WireRepository.WireAccount(rs.getString("payto_uri"), new EddsaSignature(rs.getBytes("master_sig")),
                rs.getBoolean("is_active"), Sql.time(rs, "last_change"));
    }

    // ---------------------------------------------------------------- fees and drains

    /**
     * POST /management/wire-fee: if a fee of the same method covers part of
     * [{@code startDate}, {@code endDate}), IDEMPOTENT when it is the identical record (same
     * period and fees), else CONFLICT; otherwise INSERTED.
     *
     * @throws IllegalArgumentException on a foreign currency or an empty period (end not after start)
     */
    public FeeOutcome insertWireFee(WireRepository.WireFee fee) {
        Objects.requireNonNull(fee.wireMethod(), "wireMethod");
        Sql.requireCurrency(fee.wireFee(), currency);
        Sql.requireCurrency(fee.closingFee(), currency);
        requirePeriod(fee.startDate(), fee.endDate());
        return db.inTransaction(c -> {
            List<WireRepository.WireFee> overlapping = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT start_date, end_date, wire_fee_val, wire_fee_frac, closing_fee_val, closing_fee_frac, "
                            + "master_sig FROM wire_fee WHERE wire_method = ? AND start_date < ? AND end_date > ? "
                            + "LIMIT 2")) {
                ps.setString(1, fee.wireMethod());
                Sql.setTime(ps, 2, fee.endDate());
                Sql.setTime(ps, 3, fee.startDate());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overlapping.add(wireFeeRow(rs, fee.wireMethod()));
                    }
                }
            }
            if (!overlapping.isEmpty()) {
                WireRepository.WireFee o = overlapping.get(0);
                boolean identical = overlapping.size() == 1 && o.startDate().equals(fee.startDate())
                        && o.endDate().equals(fee.endDate()) && sameValue(o.wireFee(), fee.wireFee())
                        && sameValue(o.closingFee(), fee.closingFee());
                return identical ? FeeOutcome.IDEMPOTENT : FeeOutcome.CONFLICT;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO wire_fee (wire_method, start_date, end_date, wire_fee_val, wire_fee_frac, "
                            + "closing_fee_val, closing_fee_frac, master_sig) VALUES (?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT DO NOTHING")) {
                ps.setString(1, fee.wireMethod());
                Sql.setTime(ps, 2, fee.startDate());
                Sql.setTime(ps, 3, fee.endDate());
                int i = Sql.setAmount(ps, 4, fee.wireFee());
                i = Sql.setAmount(ps, i, fee.closingFee());
                ps.setBytes(i, fee.masterSig().bytes());
                if (ps.executeUpdate() == 0) {
                    return FeeOutcome.CONFLICT; // an empty-period row with that start (not written by us)
                }
            }
            Notifications.notify(c, Channel.EXCHANGE_WIRE_UPDATED, null);
            return FeeOutcome.INSERTED;
        });
    }

    private WireRepository.WireFee wireFeeRow(ResultSet rs, String method) throws SQLException {
        return new WireRepository.WireFee(method, Sql.time(rs, "start_date"), Sql.time(rs, "end_date"),
                Sql.amount(rs, "wire_fee", currency), Sql.amount(rs, "closing_fee", currency),
                new EddsaSignature(rs.getBytes("master_sig")));
    }

    /**
     * POST /management/global-fee: the rule of {@link #insertWireFee} over all global fees
     * (identical = same period, fees, timeouts and account limit).
     */
    public FeeOutcome insertGlobalFee(GlobalFee fee) {
        Sql.requireCurrency(fee.historyFee(), currency);
        Sql.requireCurrency(fee.accountFee(), currency);
        Sql.requireCurrency(fee.purseFee(), currency);
        requirePeriod(fee.startDate(), fee.endDate());
        Objects.requireNonNull(fee.purseTimeout(), "purseTimeout");
        Objects.requireNonNull(fee.historyExpiration(), "historyExpiration");
        return db.inTransaction(c -> {
            List<GlobalFee> overlapping = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM global_fee WHERE start_date < ? AND end_date > ? LIMIT 2")) {
                Sql.setTime(ps, 1, fee.endDate());
                Sql.setTime(ps, 2, fee.startDate());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        overlapping.add(globalFeeRow(rs));
                    }
                }
            }
            if (!overlapping.isEmpty()) {
                GlobalFee o = overlapping.get(0);
                boolean identical = overlapping.size() == 1 && o.startDate().equals(fee.startDate())
                        && o.endDate().equals(fee.endDate()) && sameValue(o.historyFee(), fee.historyFee())
                        && sameValue(o.accountFee(), fee.accountFee()) && sameValue(o.purseFee(), fee.purseFee())
                        && o.purseTimeout().equals(fee.purseTimeout())
                        && o.historyExpiration().equals(fee.historyExpiration())
                        && o.purseAccountLimit() == fee.purseAccountLimit();
                return identical ? FeeOutcome.IDEMPOTENT : FeeOutcome.CONFLICT;
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO global_fee (start_date, end_date, history_fee_val, history_fee_frac, account_fee_val, "
                            + "account_fee_frac, purse_fee_val, purse_fee_frac, purse_timeout, history_expiration, "
                            + "purse_account_limit, master_sig) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) "
                            + "ON CONFLICT DO NOTHING")) {
                Sql.setTime(ps, 1, fee.startDate());
                Sql.setTime(ps, 2, fee.endDate());
                int i = Sql.setAmount(ps, 3, fee.historyFee());
                i = Sql.setAmount(ps, i, fee.accountFee());
                i = Sql.setAmount(ps, i, fee.purseFee());
                ps.setLong(i++, fee.purseTimeout().toDbMicros());
                ps.setLong(i++, fee.historyExpiration().toDbMicros());
                ps.setInt(i++, fee.purseAccountLimit());
                ps.setBytes(i, fee.masterSig().bytes());
                if (ps.executeUpdate() == 0) {
                    return FeeOutcome.CONFLICT; // an empty-period row with that start (not written by us)
                }
            }
            Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            return FeeOutcome.INSERTED;
        });
    }

    private GlobalFee globalFeeRow(ResultSet rs) throws SQLException {
        return new GlobalFee(Sql.time(rs, "start_date"), Sql.time(rs, "end_date"),
                Sql.amount(rs, "history_fee", currency), Sql.amount(rs, "account_fee", currency),
                Sql.amount(rs, "purse_fee", currency), RelativeTime.fromDbMicros(rs.getLong("purse_timeout")),
                RelativeTime.fromDbMicros(rs.getLong("history_expiration")), rs.getInt("purse_account_limit"),
                new EddsaSignature(rs.getBytes("master_sig")));
    }

    /**
     * POST /management/drain: INSERTED, IDEMPOTENT if the wtid is stored with the same section,
     * payto URI, date and amount, CONFLICT if stored with other data. No NOTIFY
     * (taler-exchange-drain polls the table).
     */
    public FeeOutcome insertDrain(byte[] wtid32, String accountSection, String paytoUri, Timestamp date,
                                  Amount amount, EddsaSignature masterSig) {
        if (wtid32 == null || wtid32.length != 32) {
            throw new IllegalArgumentException("wtid must be 32 bytes");
        }
        Objects.requireNonNull(accountSection, "accountSection");
        Objects.requireNonNull(paytoUri, "paytoUri");
        Sql.requireCurrency(amount, currency);
        byte[] wtid = wtid32.clone();
        return db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO profit_drains (wtid, account_section, payto_uri, trigger_date, amount_val, amount_frac, "
                            + "master_sig) VALUES (?,?,?,?,?,?,?) ON CONFLICT (wtid) DO NOTHING")) {
                ps.setBytes(1, wtid);
                ps.setString(2, accountSection);
                ps.setString(3, paytoUri);
                Sql.setTime(ps, 4, date);
                int i = Sql.setAmount(ps, 5, amount);
                ps.setBytes(i, masterSig.bytes());
                if (ps.executeUpdate() > 0) {
                    return FeeOutcome.INSERTED;
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT account_section, payto_uri, trigger_date, amount_val, amount_frac FROM profit_drains "
                            + "WHERE wtid = ?")) {
                ps.setBytes(1, wtid);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("profit drain vanished", "40001"); // retried
                    }
                    boolean same = rs.getString(1).equals(accountSection) && rs.getString(2).equals(paytoUri)
                            && Sql.time(rs, "trigger_date").equals(date)
                            && sameValue(Sql.amount(rs, "amount", currency), amount);
                    return same ? FeeOutcome.IDEMPOTENT : FeeOutcome.CONFLICT;
                }
            }
        });
    }

    // ---------------------------------------------------------------- extensions

    /**
     * POST /management/extensions: replaces all stored manifests (name to manifest JSON text)
     * and the master signature over them ({@code null} = none).
     */
    public void setExtensions(Map<String, String> manifests, EddsaSignature extensionsSig) {
        if (manifests.size() > MAX_ROWS) {
            throw new IllegalArgumentException("too many extensions (max " + MAX_ROWS + ")");
        }
        TreeMap<String, String> wanted = new TreeMap<>();
        for (Map.Entry<String, String> e : manifests.entrySet()) {
            if (e.getKey() == null || e.getKey().isEmpty() || e.getValue() == null) {
                throw new IllegalArgumentException("extension name and manifest must be given");
            }
            wanted.put(e.getKey(), e.getValue());
        }
        db.inTransaction(c -> {
            Map<String, String> stored = extensions(c);
            EddsaSignature storedSig = extensionsSig(c);
            if (stored.equals(wanted) && Objects.equals(storedSig, extensionsSig)) {
                return null;
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM extensions WHERE NOT (name = ANY (?))")) {
                ps.setArray(1, c.createArrayOf("varchar", wanted.keySet().toArray()));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO extensions (name, manifest) VALUES (?, ?) "
                            + "ON CONFLICT (name) DO UPDATE SET manifest = EXCLUDED.manifest")) {
                for (Map.Entry<String, String> e : wanted.entrySet()) {
                    if (!e.getValue().equals(stored.get(e.getKey()))) {
                        ps.setString(1, e.getKey());
                        ps.setBytes(2, e.getValue().getBytes(StandardCharsets.UTF_8));
                        ps.executeUpdate();
                    }
                }
            }
            if (extensionsSig == null) {
                try (Statement st = c.createStatement()) {
                    st.executeUpdate("DELETE FROM extensions_sig");
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO extensions_sig (singleton, master_sig) VALUES (TRUE, ?) "
                                + "ON CONFLICT (singleton) DO UPDATE SET master_sig = EXCLUDED.master_sig")) {
                    ps.setBytes(1, extensionsSig.bytes());
                    ps.executeUpdate();
                }
            }
            Notifications.notify(c, Channel.EXCHANGE_EXTENSIONS_UPDATED, null);
            return null;
        });
    }

    private static Map<String, String> extensions(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT name, manifest FROM extensions ORDER BY name LIMIT " + MAX_ROWS);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byte[] m = rs.getBytes(2);
                out.put(rs.getString(1), m == null ? "" : new String(m, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static EddsaSignature extensionsSig(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT master_sig FROM extensions_sig");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new EddsaSignature(rs.getBytes(1)) : null;
        }
    }

    // ---------------------------------------------------------------- key state

    /**
     * Everything the httpd's key state needs, read in one read-only REPEATABLE READ
     * transaction (a consistent snapshot). Lists are capped at {@link #MAX_ROWS} (auditor
     * signatures at {@link #MAX_AUDITOR_SIGS}).
     */
    public KeyStateSnapshot readKeyState(Timestamp now) {
        long nowDb = now.toDbMicros();
        return db.inTransaction(Connection.TRANSACTION_REPEATABLE_READ, c -> {
            try (Statement st = c.createStatement()) {
                st.execute("SET TRANSACTION READ ONLY");
            }
            List<DenominationEntry> denoms = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT d.*, r.denominations_serial IS NOT NULL AS revoked FROM denominations d "
                            + "LEFT JOIN denomination_revocations r ON r.denominations_serial = d.denominations_serial "
                            + "WHERE d.expire_legal > ? ORDER BY d.valid_from DESC, d.denominations_serial "
                            + "LIMIT " + MAX_ROWS)) {
                ps.setLong(1, nowDb);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        denoms.add(new DenominationEntry(rs.getLong("denominations_serial"), denominationRow(rs),
                                rs.getBoolean("revoked")));
                    }
                }
            }
            List<SigningKeyRepository.SigningKey> signkeys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT k.exchange_pub, k.master_sig, k.valid_from, k.expire_sign, k.expire_legal, "
                            + "r.esk_serial IS NOT NULL AS revoked FROM exchange_sign_keys k "
                            + "LEFT JOIN signkey_revocations r ON r.esk_serial = k.esk_serial "
                            + "WHERE k.expire_legal > ? ORDER BY k.valid_from, k.esk_serial LIMIT " + MAX_ROWS)) {
                ps.setLong(1, nowDb);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        signkeys.add(new SigningKeyRepository.SigningKey(new EddsaPublicKey(rs.getBytes(1)),
                                new EddsaSignature(rs.getBytes(2)), Sql.time(rs, "valid_from"),
                                Sql.time(rs, "expire_sign"), Sql.time(rs, "expire_legal"), rs.getBoolean("revoked")));
                    }
                }
            }
            List<Auditor> auditors = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT auditor_pub, auditor_url, auditor_name, is_active, last_change FROM auditors "
                            + "WHERE is_active ORDER BY auditor_uuid LIMIT " + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    auditors.add(auditorRow(rs));
                }
            }
            List<AuditorDenomSig> sigs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.auditor_pub, d.denom_pub_hash, s.auditor_sig FROM auditor_denom_sigs s "
                            + "JOIN auditors a ON a.auditor_uuid = s.auditor_uuid "
                            + "JOIN denominations d ON d.denominations_serial = s.denominations_serial "
                            + "WHERE a.is_active AND d.expire_legal > ? "
                            + "ORDER BY a.auditor_uuid, d.denominations_serial LIMIT " + MAX_AUDITOR_SIGS)) {
                ps.setLong(1, nowDb);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sigs.add(new AuditorDenomSig(new EddsaPublicKey(rs.getBytes(1)), new HashCode(rs.getBytes(2)),
                                new EddsaSignature(rs.getBytes(3))));
                    }
                }
            }
            List<GlobalFee> globalFees = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM global_fee ORDER BY start_date LIMIT " + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    globalFees.add(globalFeeRow(rs));
                }
            }
            List<WireRepository.WireAccount> accounts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payto_uri, master_sig, is_active, last_change FROM wire_accounts WHERE is_active "
                            + "ORDER BY payto_uri LIMIT " + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.add(wireAccountRow(rs));
                }
            }
            List<WireRepository.WireFee> wireFees = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT wire_method, start_date, end_date, wire_fee_val, wire_fee_frac, closing_fee_val, "
                            + "closing_fee_frac, master_sig FROM wire_fee ORDER BY wire_method, start_date LIMIT "
                            + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wireFees.add(wireFeeRow(rs, rs.getString("wire_method")));
                }
            }
            Map<String, String> extensions = extensions(c);
            EddsaSignature extensionsSig = extensionsSig(c);
            return new KeyStateSnapshot(List.copyOf(denoms), List.copyOf(signkeys), List.copyOf(auditors),
                    List.copyOf(sigs), List.copyOf(globalFees), List.copyOf(accounts), List.copyOf(wireFees),
                    Collections.unmodifiableMap(extensions), extensionsSig);
        });
    }

    private DenominationRepository.Denomination denominationRow(ResultSet rs) throws SQLException {
        return new DenominationRepository.Denomination(new HashCode(rs.getBytes("denom_pub_hash")),
                rs.getInt("denom_type"), rs.getInt("age_mask"), rs.getBytes("denom_pub"),
                new EddsaSignature(rs.getBytes("master_sig")), Sql.time(rs, "valid_from"),
                Sql.time(rs, "expire_withdraw"), Sql.time(rs, "expire_deposit"), Sql.time(rs, "expire_legal"),
                Sql.amount(rs, "coin", currency), Sql.amount(rs, "fee_withdraw", currency),
                Sql.amount(rs, "fee_deposit", currency), Sql.amount(rs, "fee_refresh", currency),
                Sql.amount(rs, "fee_refund", currency));
    }

    // ---------------------------------------------------------------- helpers

    private static boolean sameValue(Amount a, Amount b) {
        return a.value() == b.value() && a.fraction() == b.fraction();
    }

    private static void requirePeriod(Timestamp start, Timestamp end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.compareTo(start) <= 0) {
            throw new IllegalArgumentException("fee period must end after it starts: " + start + " .. " + end);
        }
    }
}

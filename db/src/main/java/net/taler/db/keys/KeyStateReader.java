package net.taler.db.keys;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.keys.Auditor;
import net.taler.common.keys.AuditorDenominationSignature;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.SigningKey;
import net.taler.common.keys.WireAccount;
import net.taler.common.keys.WireFee;
import net.taler.common.time.Timestamp;
import net.taler.db.auditor.AuditorRepository;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.Sql;
import net.taler.db.extensions.ExtensionRepository;
import net.taler.db.fees.FeeRepository;
import net.taler.db.wire.WireAccountRepository;

/**
 * Reads the master-signed key state of the httpd (database.md 3.1 of the protocol notes): the
 * rows the management uploads wrote, as one consistent {@link KeyStateSnapshot}.
 */
public final class KeyStateReader {
    /** At most this many rows per list of the key state. */
    public static final int MAX_ROWS = 10_000;
    /** At most this many auditor signatures in the key state (auditors x denominations). */
    public static final int MAX_AUDITOR_SIGS = 100_000;

    private final ExchangeDb db;
    private final String currency;

    public KeyStateReader(ExchangeDb db, String currency) {
        this.db = Objects.requireNonNull(db, "db");
        this.currency = Objects.requireNonNull(currency, "currency");
    }

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
            List<Denomination> denoms = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT d.*, r.denominations_serial IS NOT NULL AS revoked FROM denominations d "
                            + "LEFT JOIN denomination_revocations r ON r.denominations_serial = d.denominations_serial "
                            + "WHERE d.expire_legal > ? ORDER BY d.valid_from DESC, d.denominations_serial "
                            + "LIMIT " + MAX_ROWS)) {
                ps.setLong(1, nowDb);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        denoms.add(DenominationRepository.row(rs, currency));
                    }
                }
            }
            List<SigningKey> signkeys = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT k.exchange_pub, k.master_sig, k.valid_from, k.expire_sign, k.expire_legal, "
                            + "r.esk_serial IS NOT NULL AS revoked FROM exchange_sign_keys k "
                            + "LEFT JOIN signkey_revocations r ON r.esk_serial = k.esk_serial "
                            + "WHERE k.expire_legal > ? ORDER BY k.valid_from, k.esk_serial LIMIT " + MAX_ROWS)) {
                ps.setLong(1, nowDb);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        signkeys.add(new SigningKey(new EddsaPublicKey(rs.getBytes(1)),
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
                    auditors.add(AuditorRepository.auditorRow(rs));
                }
            }
            List<AuditorDenominationSignature> sigs = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT a.auditor_pub, d.denom_pub_hash, s.auditor_sig FROM auditor_denom_sigs s "
                            + "JOIN auditors a ON a.auditor_uuid = s.auditor_uuid "
                            + "JOIN denominations d ON d.denominations_serial = s.denominations_serial "
                            + "WHERE a.is_active AND d.expire_legal > ? "
                            + "ORDER BY a.auditor_uuid, d.denominations_serial LIMIT " + MAX_AUDITOR_SIGS)) {
                ps.setLong(1, nowDb);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sigs.add(new AuditorDenominationSignature(new EddsaPublicKey(rs.getBytes(1)), new HashCode(rs.getBytes(2)),
                                new EddsaSignature(rs.getBytes(3))));
                    }
                }
            }
            List<GlobalFee> globalFees = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM global_fee ORDER BY start_date LIMIT " + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    globalFees.add(FeeRepository.globalFeeRow(rs, currency));
                }
            }
            List<WireAccount> accounts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT payto_uri, master_sig, is_active, last_change FROM wire_accounts WHERE is_active "
                            + "ORDER BY payto_uri LIMIT " + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    accounts.add(WireAccountRepository.wireAccountRow(rs));
                }
            }
            List<WireFee> wireFees = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT wire_method, start_date, end_date, wire_fee_val, wire_fee_frac, closing_fee_val, "
                            + "closing_fee_frac, master_sig FROM wire_fee ORDER BY wire_method, start_date LIMIT "
                            + MAX_ROWS);
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    wireFees.add(FeeRepository.wireFeeRow(rs, rs.getString("wire_method"), currency));
                }
            }
            Map<String, String> extensions = ExtensionRepository.extensions(c);
            EddsaSignature extensionsSig = ExtensionRepository.extensionsSig(c);
            return new KeyStateSnapshot(denoms, signkeys, auditors, sigs, globalFees, accounts, wireFees, extensions,
                    extensionsSig);
        });
    }
}

package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.TestSchemas;
import net.taler.db.conn.DbException;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.keys.DenominationRepository;
import net.taler.db.keys.DenominationRepository.Denomination;
import net.taler.db.keys.SigningKeyRepository.SigningKey;
import net.taler.db.management.ManagementRepository.AuditorDenomSig;
import net.taler.db.management.ManagementRepository.Change;
import net.taler.db.management.ManagementRepository.DenominationEntry;
import net.taler.db.management.ManagementRepository.FeeOutcome;
import net.taler.db.management.ManagementRepository.GlobalFee;
import net.taler.db.management.ManagementRepository.KeyStateSnapshot;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;
import net.taler.db.wire.WireRepository.WireAccount;
import net.taler.db.wire.WireRepository.WireFee;
import net.taler.testsupport.pg.PgDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import net.taler.testsupport.pg.PgExtension;

/** ManagementRepository against a real PostgreSQL (plain layout; these tables are never partitioned). */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagementRepositoryTest {
    private static final String CUR = "KUDOS";
    private static final Timestamp NOW = Timestamp.ofSeconds(1_700_000_000);
    private static final List<Channel> NONE = List.of();
    private static final List<Channel> KEYS = List.of(Channel.EXCHANGE_KEYS_UPDATED);
    private static final List<Channel> WIRE = List.of(Channel.EXCHANGE_WIRE_UPDATED);
    private static final List<Channel> EXT = List.of(Channel.EXCHANGE_EXTENSIONS_UPDATED);

    private final Random rnd = new Random(4711);
    private PgDatabase pg;
    private ExchangeDb db;
    private ManagementRepository mgmt;
    private DenominationRepository denoms;

    @BeforeAll
    void setUp(PgDatabase pgdb) throws Exception {
        pg = pgdb;
        db = TestSchemas.create(pgdb, 0, 6);
        mgmt = new ManagementRepository(db, CUR);
        denoms = new DenominationRepository(db, CUR);
    }

    @AfterAll
    void tearDown() {
        db.close();
    }

    @BeforeEach
    void clean() throws Exception {
        exec("TRUNCATE exchange.denominations, exchange.exchange_sign_keys, exchange.auditors, "
                + "exchange.wire_accounts, exchange.wire_fee, exchange.global_fee, exchange.extensions, "
                + "exchange.extensions_sig, exchange.profit_drains CASCADE");
    }

    // ------------------------------------------------------------------ fixtures

    private synchronized byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    private EddsaPublicKey pub() {
        return new EddsaPublicKey(bytes(32));
    }

    private EddsaSignature sig() {
        return new EddsaSignature(bytes(64));
    }

    private static Amount amt(String s) {
        return Amount.parse(CUR + ":" + s);
    }

    private static Timestamp t(long s) {
        return Timestamp.ofSeconds(s);
    }

    private Denomination denom(String value, long validFrom, long expireLegal) {
        return new Denomination(new HashCode(bytes(64)), 1, 0, bytes(40), sig(), t(validFrom), t(validFrom + 100),
                t(validFrom + 200), t(expireLegal), amt(value), amt("0.01"), amt("0.02"), amt("0.03"), amt("0.04"));
    }

    private SigningKey signkey(long validFrom, long expireLegal) {
        return new SigningKey(pub(), sig(), t(validFrom), t(validFrom + 100), t(expireLegal), false);
    }

    private WireFee wireFee(String method, long start, long end, String fee, String closing) {
        return new WireFee(method, t(start), t(end), amt(fee), amt(closing), sig());
    }

    private GlobalFee globalFee(long start, long end, String history, int limit) {
        return new GlobalFee(t(start), t(end), amt(history), amt("0.5"), amt("0.25"), RelativeTime.ofSeconds(3600),
                RelativeTime.FOREVER, limit, sig());
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = pg.open(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = pg.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @FunctionalInterface
    interface Action<T> {
        T run() throws Exception;
    }

    /** Result of an action plus the management channels notified while it ran (in order). */
    record Notified<T>(T result, List<Channel> channels) {
    }

    /**
     * Runs the action with a listener open; then sends a sentinel NOTIFY on another channel.
     * PostgreSQL delivers notifications in commit order, so once the sentinel arrived, every
     * notification of the action has arrived too.
     */
    private <T> Notified<T> notified(Action<T> action) throws Exception {
        try (var l = Notifications.listen(TestSchemas.target(pg), Channel.EXCHANGE_KEYS_UPDATED,
                Channel.EXCHANGE_WIRE_UPDATED, Channel.EXCHANGE_EXTENSIONS_UPDATED, Channel.EXCHANGE_KYC_COMPLETED)) {
            T result = action.run();
            db.inTransaction(c -> {
                Notifications.notify(c, Channel.EXCHANGE_KYC_COMPLETED, new byte[] {1});
                return null;
            });
            List<Channel> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                for (Notifications.Event e : l.poll(200)) {
                    if (e.channel() == Channel.EXCHANGE_KYC_COMPLETED) {
                        return new Notified<>(result, got);
                    }
                    assertEquals("", e.payload());
                    got.add(e.channel());
                }
            }
            throw new AssertionError("sentinel notification did not arrive");
        }
    }

    private static void assertSameDenomination(Denomination want, Denomination got) {
        assertEquals(want.denomPubHash(), got.denomPubHash());
        assertEquals(want.denomType(), got.denomType());
        assertEquals(want.ageMask(), got.ageMask());
        assertArrayEquals(want.denomPub(), got.denomPub());
        assertEquals(want.masterSig(), got.masterSig());
        assertEquals(want.validFrom(), got.validFrom());
        assertEquals(want.expireWithdraw(), got.expireWithdraw());
        assertEquals(want.expireDeposit(), got.expireDeposit());
        assertEquals(want.expireLegal(), got.expireLegal());
        assertEquals(want.coin(), got.coin());
        assertEquals(want.feeWithdraw(), got.feeWithdraw());
        assertEquals(want.feeDeposit(), got.feeDeposit());
        assertEquals(want.feeRefresh(), got.feeRefresh());
        assertEquals(want.feeRefund(), got.feeRefund());
    }

    // ------------------------------------------------------------------ keys

    @Test
    void uploadKeysStoresAllAndIsIdempotent() throws Exception {
        Denomination d1 = denom("1", 1_000, 2_000_000_000);
        Denomination d2 = denom("5", 2_000, 2_000_000_000);
        SigningKey k1 = signkey(1_000, 2_000_000_000);
        SigningKey k2 = signkey(2_000, 2_000_000_000);
        var first = notified(() -> {
            mgmt.uploadKeySignatures(List.of(d1, d2), List.of(k1, k2));
            return null;
        });
        assertEquals(KEYS, first.channels());
        assertSameDenomination(d1, denoms.find(d1.denomPubHash()).orElseThrow());
        assertSameDenomination(d2, denoms.find(d2.denomPubHash()).orElseThrow());
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));

        // the same keys again (one with another signature): nothing changes, no notification
        Denomination d1Again = new Denomination(d1.denomPubHash(), d1.denomType(), d1.ageMask(), d1.denomPub(), sig(),
                d1.validFrom(), d1.expireWithdraw(), d1.expireDeposit(), d1.expireLegal(), d1.coin(),
                d1.feeWithdraw(), d1.feeDeposit(), d1.feeRefresh(), d1.feeRefund());
        var again = notified(() -> {
            mgmt.uploadKeySignatures(List.of(d1Again, d2), List.of(k1, k2));
            return null;
        });
        assertEquals(NONE, again.channels());
        assertEquals(d1.masterSig(), denoms.find(d1.denomPubHash()).orElseThrow().masterSig());
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.denominations"));
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));

        // a partly new upload inserts the new key only
        SigningKey k3 = signkey(3_000, 2_000_000_000);
        assertEquals(KEYS, notified(() -> {
            mgmt.uploadKeySignatures(List.of(d1, d2), List.of(k1, k3));
            return null;
        }).channels());
        assertEquals(3, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));
    }

    @Test
    void uploadKeysIsOneTransaction() throws Exception {
        Denomination good = denom("1", 1_000, 2_000_000_000);
        Denomination broken = new Denomination(new HashCode(bytes(64)), 1, 0, null, sig(), t(1), t(2), t(3), t(4),
                amt("1"), amt("0"), amt("0"), amt("0"), amt("0"));
        assertThrows(DbException.class, () -> mgmt.uploadKeySignatures(List.of(good, broken), List.of()));
        assertTrue(denoms.find(good.denomPubHash()).isEmpty());
        // nothing of a failed upload remains, also not the signing keys uploaded with it
        SigningKey k = signkey(1, 2_000_000_000);
        assertThrows(DbException.class, () -> mgmt.uploadKeySignatures(List.of(broken), List.of(k)));
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.denominations"));
    }

    @Test
    void findDenomination() {
        Denomination d = denom("2", 10, 2_000_000_000);
        assertTrue(denoms.find(d.denomPubHash()).isEmpty());
        denoms.insert(d);
        assertSameDenomination(d, denoms.find(d.denomPubHash()).orElseThrow());
    }

    @Test
    void revokeDenomination() throws Exception {
        var unknown = notified(() -> mgmt.revokeDenomination(new HashCode(bytes(64)), sig()));
        assertEquals(Change.UNKNOWN, unknown.result());
        assertEquals(NONE, unknown.channels());
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.denomination_revocations"));

        Denomination d = denom("1", 1_000, 2_000_000_000);
        Denomination other = denom("2", 1_000, 2_000_000_000);
        mgmt.uploadKeySignatures(List.of(d, other), List.of());
        EddsaSignature first = sig();
        var revoked = notified(() -> mgmt.revokeDenomination(d.denomPubHash(), first));
        assertEquals(Change.APPLIED, revoked.result());
        assertEquals(KEYS, revoked.channels());
        var repeat = notified(() -> mgmt.revokeDenomination(d.denomPubHash(), sig()));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.denomination_revocations"));
        try (Connection c = pg.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT master_sig FROM exchange.denomination_revocations")) {
            rs.next();
            assertArrayEquals(first.bytes(), rs.getBytes(1));
        }
        Map<HashCode, Boolean> flags = new java.util.HashMap<>();
        for (DenominationEntry e : mgmt.readKeyState(NOW).denominations()) {
            flags.put(e.denomination().denomPubHash(), e.revoked());
        }
        assertEquals(Map.of(d.denomPubHash(), true, other.denomPubHash(), false), flags);
    }

    @Test
    void revokeSigningKey() throws Exception {
        var unknown = notified(() -> mgmt.revokeSigningKey(pub(), sig()));
        assertEquals(Change.UNKNOWN, unknown.result());
        assertEquals(NONE, unknown.channels());

        SigningKey k = signkey(1_000, 2_000_000_000);
        SigningKey other = signkey(2_000, 2_000_000_000);
        mgmt.uploadKeySignatures(List.of(), List.of(k, other));
        var revoked = notified(() -> mgmt.revokeSigningKey(k.exchangePub(), sig()));
        assertEquals(Change.APPLIED, revoked.result());
        assertEquals(KEYS, revoked.channels());
        var repeat = notified(() -> mgmt.revokeSigningKey(k.exchangePub(), sig()));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.signkey_revocations"));
        List<SigningKey> keys = mgmt.readKeyState(NOW).signingKeys();
        assertEquals(List.of(k.exchangePub(), other.exchangePub()), keys.stream().map(SigningKey::exchangePub).toList());
        assertTrue(keys.get(0).revoked());
        assertFalse(keys.get(1).revoked());
    }

    // ------------------------------------------------------------------ auditors

    @Test
    void enableAuditorOrderingRules() throws Exception {
        EddsaPublicKey a = pub();
        assertTrue(mgmt.auditor(a).isEmpty());
        var enabled = notified(() -> mgmt.enableAuditor(a, "https://aud/", "Aud", t(100)));
        assertEquals(Change.APPLIED, enabled.result());
        assertEquals(KEYS, enabled.channels());
        assertEquals(new ManagementRepository.Auditor(a, "https://aud/", "Aud", true, t(100)),
                mgmt.auditor(a).orElseThrow());

        var same = notified(() -> mgmt.enableAuditor(a, "https://aud/", "Aud", t(100)));
        assertEquals(Change.APPLIED, same.result());
        assertEquals(NONE, same.channels());

        var older = notified(() -> mgmt.enableAuditor(a, "https://old/", "Old", t(99)));
        assertEquals(Change.MORE_RECENT_PRESENT, older.result());
        assertEquals(NONE, older.channels());
        assertEquals("https://aud/", mgmt.auditor(a).orElseThrow().url());

        assertEquals(Change.APPLIED, mgmt.enableAuditor(a, "https://new/", "New", t(200)));
        assertEquals(new ManagementRepository.Auditor(a, "https://new/", "New", true, t(200)),
                mgmt.auditor(a).orElseThrow());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.auditors"));
    }

    @Test
    void disableAuditorOrderingRules() throws Exception {
        var unknown = notified(() -> mgmt.disableAuditor(pub(), t(100)));
        assertEquals(Change.UNKNOWN, unknown.result());
        assertEquals(NONE, unknown.channels());
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.auditors"));

        EddsaPublicKey a = pub();
        mgmt.enableAuditor(a, "https://aud/", "Aud", t(100));
        assertEquals(Change.MORE_RECENT_PRESENT, mgmt.disableAuditor(a, t(50)));
        assertTrue(mgmt.auditor(a).orElseThrow().active());

        var disabled = notified(() -> mgmt.disableAuditor(a, t(150)));
        assertEquals(Change.APPLIED, disabled.result());
        assertEquals(KEYS, disabled.channels());
        assertEquals(new ManagementRepository.Auditor(a, "https://aud/", "Aud", false, t(150)),
                mgmt.auditor(a).orElseThrow());
        var repeat = notified(() -> mgmt.disableAuditor(a, t(150)));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());

        // re-enabling with a timestamp before the disable is refused; after it works
        assertEquals(Change.MORE_RECENT_PRESENT, mgmt.enableAuditor(a, "https://aud/", "Aud", t(120)));
        assertFalse(mgmt.auditor(a).orElseThrow().active());
        assertEquals(Change.APPLIED, mgmt.enableAuditor(a, "https://aud/", "Aud", t(160)));
        assertTrue(mgmt.auditor(a).orElseThrow().active());
    }

    @Test
    void auditorDenominationSignatures() throws Exception {
        EddsaPublicKey a = pub();
        Denomination d = denom("1", 1_000, 2_000_000_000);
        mgmt.uploadKeySignatures(List.of(d), List.of());
        assertFalse(mgmt.insertAuditorDenomSig(a, d.denomPubHash(), sig()));
        mgmt.enableAuditor(a, "https://aud/", "Aud", t(1));
        assertFalse(mgmt.insertAuditorDenomSig(a, new HashCode(bytes(64)), sig()));
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.auditor_denom_sigs"));

        EddsaSignature s = sig();
        var inserted = notified(() -> mgmt.insertAuditorDenomSig(a, d.denomPubHash(), s));
        assertTrue(inserted.result());
        assertEquals(KEYS, inserted.channels());
        var repeat = notified(() -> mgmt.insertAuditorDenomSig(a, d.denomPubHash(), sig()));
        assertTrue(repeat.result());
        assertEquals(NONE, repeat.channels());
        assertEquals(List.of(new AuditorDenomSig(a, d.denomPubHash(), s)), mgmt.readKeyState(NOW).auditorDenomSigs());
    }

    // ------------------------------------------------------------------ wire accounts

    @Test
    void wireEnableDisableReEnable() throws Exception {
        String payto = "payto://x-taler-bank/bank/exchange";
        assertEquals(Change.UNKNOWN, mgmt.disableWire(payto, t(10)));
        EddsaSignature s1 = sig();
        var enabled = notified(() -> mgmt.enableWire(payto, s1, t(100)));
        assertEquals(Change.APPLIED, enabled.result());
        assertEquals(WIRE, enabled.channels());
        assertEquals(List.of(new WireAccount(payto, s1, true, t(100))), mgmt.readKeyState(NOW).activeWireAccounts());
        var same = notified(() -> mgmt.enableWire(payto, s1, t(100)));
        assertEquals(Change.APPLIED, same.result());
        assertEquals(NONE, same.channels());

        var olderDisable = notified(() -> mgmt.disableWire(payto, t(99)));
        assertEquals(Change.MORE_RECENT_PRESENT, olderDisable.result());
        assertEquals(NONE, olderDisable.channels());
        assertEquals(1, mgmt.readKeyState(NOW).activeWireAccounts().size());

        var disabled = notified(() -> mgmt.disableWire(payto, t(200)));
        assertEquals(Change.APPLIED, disabled.result());
        assertEquals(WIRE, disabled.channels());
        assertEquals(List.of(), mgmt.readKeyState(NOW).activeWireAccounts());
        var repeat = notified(() -> mgmt.disableWire(payto, t(200)));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());

        // 409 rule: an enable older than the stored change is refused
        assertEquals(Change.MORE_RECENT_PRESENT, mgmt.enableWire(payto, sig(), t(150)));
        assertEquals(List.of(), mgmt.readKeyState(NOW).activeWireAccounts());
        EddsaSignature s2 = sig();
        assertEquals(Change.APPLIED, mgmt.enableWire(payto, s2, t(300)));
        assertEquals(List.of(new WireAccount(payto, s2, true, t(300))), mgmt.readKeyState(NOW).activeWireAccounts());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.wire_accounts"));
    }

    // ------------------------------------------------------------------ fees

    @Test
    void wireFeeRules() throws Exception {
        WireFee base = wireFee("x-taler-bank", 100, 200, "0.1", "0.2");
        var inserted = notified(() -> mgmt.insertWireFee(base));
        assertEquals(FeeOutcome.INSERTED, inserted.result());
        assertEquals(WIRE, inserted.channels());

        var identical = notified(() -> mgmt.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.1", "0.2")));
        assertEquals(FeeOutcome.IDEMPOTENT, identical.result());
        assertEquals(NONE, identical.channels());

        var otherFee = notified(() -> mgmt.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.1", "0.3")));
        assertEquals(FeeOutcome.CONFLICT, otherFee.result());
        assertEquals(NONE, otherFee.channels());
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.2", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("x-taler-bank", 100, 250, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("x-taler-bank", 150, 250, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("x-taler-bank", 50, 150, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("x-taler-bank", 120, 130, "0.1", "0.2")));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("x-taler-bank", 0, 1000, "0.1", "0.2")));

        // adjacent periods on both sides and another method over the same period
        assertEquals(FeeOutcome.INSERTED, mgmt.insertWireFee(wireFee("x-taler-bank", 200, 300, "0.1", "0.2")));
        assertEquals(FeeOutcome.INSERTED, mgmt.insertWireFee(wireFee("x-taler-bank", 0, 100, "0.5", "0.5")));
        assertEquals(FeeOutcome.INSERTED, mgmt.insertWireFee(wireFee("iban", 100, 200, "0.1", "0.2")));
        // an identical record that now has a neighbour is still IDEMPOTENT
        assertEquals(FeeOutcome.IDEMPOTENT, mgmt.insertWireFee(wireFee("x-taler-bank", 100, 200, "0.1", "0.2")));

        assertThrows(IllegalArgumentException.class,
                () -> mgmt.insertWireFee(wireFee("x-taler-bank", 500, 500, "0.1", "0.2")));
        assertThrows(IllegalArgumentException.class,
                () -> mgmt.insertWireFee(wireFee("x-taler-bank", 600, 500, "0.1", "0.2")));

        List<WireFee> fees = mgmt.readKeyState(NOW).wireFees();
        assertEquals(List.of("iban/100", "x-taler-bank/0", "x-taler-bank/100", "x-taler-bank/200"),
                fees.stream().map(f -> f.wireMethod() + "/" + f.startDate().seconds()).toList());
        assertEquals(base, fees.get(2));
    }

    @Test
    void wireFeeUpToNever() {
        WireFee forever = new WireFee("iban", t(100), Timestamp.NEVER, amt("1"), amt("1"), sig());
        assertEquals(FeeOutcome.INSERTED, mgmt.insertWireFee(forever));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertWireFee(wireFee("iban", 2_000_000_000, 2_000_000_001, "1", "1")));
        assertEquals(FeeOutcome.INSERTED, mgmt.insertWireFee(wireFee("iban", 0, 100, "1", "1")));
        assertEquals(forever, mgmt.readKeyState(NOW).wireFees().get(1));
    }

    @Test
    void globalFeeRules() throws Exception {
        GlobalFee base = globalFee(100, 200, "0.1", 5);
        var inserted = notified(() -> mgmt.insertGlobalFee(base));
        assertEquals(FeeOutcome.INSERTED, inserted.result());
        assertEquals(KEYS, inserted.channels());

        var identical = notified(() -> mgmt.insertGlobalFee(globalFee(100, 200, "0.1", 5)));
        assertEquals(FeeOutcome.IDEMPOTENT, identical.result());
        assertEquals(NONE, identical.channels());

        assertEquals(FeeOutcome.CONFLICT, mgmt.insertGlobalFee(globalFee(100, 200, "0.2", 5)));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertGlobalFee(globalFee(100, 200, "0.1", 6)));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertGlobalFee(new GlobalFee(t(100), t(200), amt("0.1"), amt("0.5"),
                amt("0.25"), RelativeTime.ofSeconds(3601), RelativeTime.FOREVER, 5, sig())));
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertGlobalFee(new GlobalFee(t(100), t(200), amt("0.1"), amt("0.5"),
                amt("0.25"), RelativeTime.ofSeconds(3600), RelativeTime.ofSeconds(1), 5, sig())));
        var overlap = notified(() -> mgmt.insertGlobalFee(globalFee(150, 250, "0.1", 5)));
        assertEquals(FeeOutcome.CONFLICT, overlap.result());
        assertEquals(NONE, overlap.channels());
        assertEquals(FeeOutcome.CONFLICT, mgmt.insertGlobalFee(globalFee(50, 101, "0.1", 5)));

        assertEquals(FeeOutcome.INSERTED, mgmt.insertGlobalFee(globalFee(200, 300, "0.3", 7)));
        assertEquals(FeeOutcome.INSERTED, mgmt.insertGlobalFee(globalFee(0, 100, "0.0", 1)));
        assertThrows(IllegalArgumentException.class, () -> mgmt.insertGlobalFee(globalFee(400, 400, "0.1", 5)));

        List<GlobalFee> fees = mgmt.readKeyState(NOW).globalFees();
        assertEquals(List.of(0L, 100L, 200L), fees.stream().map(f -> f.startDate().seconds()).toList());
        assertEquals(base, fees.get(1));
    }

    @Test
    void drainRules() throws Exception {
        byte[] wtid = bytes(32);
        var inserted = notified(() -> mgmt.insertDrain(wtid, "exchange-account-1", "payto://iban/DE1", t(100),
                amt("10"), sig()));
        assertEquals(FeeOutcome.INSERTED, inserted.result());
        assertEquals(NONE, inserted.channels());
        assertEquals(FeeOutcome.IDEMPOTENT,
                mgmt.insertDrain(wtid.clone(), "exchange-account-1", "payto://iban/DE1", t(100), amt("10"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                mgmt.insertDrain(wtid, "exchange-account-1", "payto://iban/DE1", t(100), amt("11"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                mgmt.insertDrain(wtid, "exchange-account-2", "payto://iban/DE1", t(100), amt("10"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                mgmt.insertDrain(wtid, "exchange-account-1", "payto://iban/DE2", t(100), amt("10"), sig()));
        assertEquals(FeeOutcome.CONFLICT,
                mgmt.insertDrain(wtid, "exchange-account-1", "payto://iban/DE1", t(101), amt("10"), sig()));
        assertEquals(FeeOutcome.INSERTED,
                mgmt.insertDrain(bytes(32), "exchange-account-1", "payto://iban/DE1", t(100), amt("10"), sig()));
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.profit_drains"));
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.profit_drains WHERE executed OR amount_val <> 10"));
        assertThrows(IllegalArgumentException.class,
                () -> mgmt.insertDrain(bytes(31), "a", "payto://iban/DE1", t(100), amt("10"), sig()));
    }

    @Test
    void currencyMismatchRejected() throws Exception {
        Amount eur = Amount.parse("EUR:1");
        Denomination d = denom("1", 1, 2_000_000_000);
        Denomination bad = new Denomination(d.denomPubHash(), 1, 0, d.denomPub(), d.masterSig(), d.validFrom(),
                d.expireWithdraw(), d.expireDeposit(), d.expireLegal(), d.coin(), d.feeWithdraw(), d.feeDeposit(),
                d.feeRefresh(), eur);
        assertThrows(IllegalArgumentException.class,
                () -> mgmt.uploadKeySignatures(List.of(denom("2", 1, 2_000_000_000), bad), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> mgmt.insertWireFee(new WireFee("iban", t(1), t(2), amt("1"), eur, sig())));
        assertThrows(IllegalArgumentException.class, () -> mgmt.insertGlobalFee(new GlobalFee(t(1), t(2), amt("1"),
                eur, amt("1"), RelativeTime.ZERO, RelativeTime.ZERO, 1, sig())));
        assertThrows(IllegalArgumentException.class,
                () -> mgmt.insertDrain(bytes(32), "a", "payto://iban/DE1", t(1), eur, sig()));
        assertEquals(0, count("SELECT (SELECT COUNT(*) FROM exchange.denominations) + "
                + "(SELECT COUNT(*) FROM exchange.wire_fee) + (SELECT COUNT(*) FROM exchange.global_fee) + "
                + "(SELECT COUNT(*) FROM exchange.profit_drains)"));
    }

    // ------------------------------------------------------------------ extensions

    @Test
    void extensionsRoundTrip() throws Exception {
        KeyStateSnapshot empty = mgmt.readKeyState(NOW);
        assertEquals(Map.of(), empty.extensions());
        assertNull(empty.extensionsSig());

        Map<String, String> m1 = Map.of("age_restriction", "{\"critical\":false,\"version\":\"1\",\"config\":"
                + "{\"age_groups\":\"8:10:12:14:16:18:21\"}}", "policy_brandt_vickrey", "{\"ü\":\"ß\"}");
        EddsaSignature s1 = sig();
        var set = notified(() -> {
            mgmt.setExtensions(m1, s1);
            return null;
        });
        assertEquals(EXT, set.channels());
        KeyStateSnapshot ks = mgmt.readKeyState(NOW);
        assertEquals(m1, ks.extensions());
        assertEquals(List.of("age_restriction", "policy_brandt_vickrey"), new ArrayList<>(ks.extensions().keySet()));
        assertEquals(s1, ks.extensionsSig());

        var same = notified(() -> {
            mgmt.setExtensions(Map.copyOf(m1), s1);
            return null;
        });
        assertEquals(NONE, same.channels());

        // replace: one removed, one changed, signature removed
        Map<String, String> m2 = Map.of("age_restriction", "{\"critical\":true}");
        var replaced = notified(() -> {
            mgmt.setExtensions(m2, null);
            return null;
        });
        assertEquals(EXT, replaced.channels());
        ks = mgmt.readKeyState(NOW);
        assertEquals(m2, ks.extensions());
        assertNull(ks.extensionsSig());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.extensions"));

        // only the signature changes
        EddsaSignature s2 = sig();
        assertEquals(EXT, notified(() -> {
            mgmt.setExtensions(m2, s2);
            return null;
        }).channels());
        assertEquals(s2, mgmt.readKeyState(NOW).extensionsSig());

        mgmt.setExtensions(Map.of(), null);
        ks = mgmt.readKeyState(NOW);
        assertEquals(Map.of(), ks.extensions());
        assertNull(ks.extensionsSig());
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.extensions_sig"));
    }

    // ------------------------------------------------------------------ key state

    @Test
    void keyStateContents() throws Exception {
        long now = NOW.seconds();
        Denomination old = denom("1", 1_000, now + 10);
        Denomination mid = denom("2", 2_000, now + 1_000_000);
        Denomination recent = denom("4", 3_000, now + 1_000_000);
        Denomination expired = denom("8", 500, now);
        SigningKey k1 = signkey(2_000, now + 100);
        SigningKey k2 = signkey(1_000, now + 100);
        SigningKey kExpired = signkey(10, now - 1);
        mgmt.uploadKeySignatures(List.of(mid, expired, old, recent), List.of(k1, kExpired, k2));
        mgmt.revokeDenomination(mid.denomPubHash(), sig());
        mgmt.revokeSigningKey(k1.exchangePub(), sig());

        EddsaPublicKey active = pub();
        EddsaPublicKey inactive = pub();
        mgmt.enableAuditor(active, "https://a/", "A", t(1));
        mgmt.enableAuditor(inactive, "https://b/", "B", t(1));
        EddsaSignature sActiveOld = sig();
        EddsaSignature sActiveRecent = sig();
        assertTrue(mgmt.insertAuditorDenomSig(active, old.denomPubHash(), sActiveOld));
        assertTrue(mgmt.insertAuditorDenomSig(active, recent.denomPubHash(), sActiveRecent));
        assertTrue(mgmt.insertAuditorDenomSig(active, expired.denomPubHash(), sig()));
        assertTrue(mgmt.insertAuditorDenomSig(inactive, old.denomPubHash(), sig()));
        mgmt.disableAuditor(inactive, t(2));

        mgmt.enableWire("payto://iban/B", sig(), t(1));
        mgmt.enableWire("payto://iban/A", sig(), t(1));
        mgmt.enableWire("payto://iban/C", sig(), t(1));
        mgmt.disableWire("payto://iban/C", t(2));

        KeyStateSnapshot ks = mgmt.readKeyState(NOW);
        List<DenominationEntry> ds = ks.denominations();
        assertEquals(List.of(recent.denomPubHash(), mid.denomPubHash(), old.denomPubHash()),
                ds.stream().map(e -> e.denomination().denomPubHash()).toList());
        assertEquals(List.of(false, true, false), ds.stream().map(DenominationEntry::revoked).toList());
        for (DenominationEntry e : ds) {
            assertEquals(denoms.serialOf(e.denomination().denomPubHash()).orElseThrow(), e.serial());
        }
        assertSameDenomination(recent, ds.get(0).denomination());

        assertEquals(List.of(k2.exchangePub(), k1.exchangePub()),
                ks.signingKeys().stream().map(SigningKey::exchangePub).toList());
        assertEquals(List.of(false, true), ks.signingKeys().stream().map(SigningKey::revoked).toList());
        assertEquals(k2, ks.signingKeys().get(0));

        assertEquals(List.of(new ManagementRepository.Auditor(active, "https://a/", "A", true, t(1))),
                ks.activeAuditors());
        assertEquals(List.of(new AuditorDenomSig(active, old.denomPubHash(), sActiveOld),
                new AuditorDenomSig(active, recent.denomPubHash(), sActiveRecent)), ks.auditorDenomSigs());
        assertEquals(List.of("payto://iban/A", "payto://iban/B"),
                ks.activeWireAccounts().stream().map(WireAccount::paytoUri).toList());

        // later, the short-lived denomination and the signing keys have expired
        KeyStateSnapshot later = mgmt.readKeyState(t(now + 10));
        assertEquals(List.of(recent.denomPubHash(), mid.denomPubHash()),
                later.denominations().stream().map(e -> e.denomination().denomPubHash()).toList());
        assertEquals(List.of(new AuditorDenomSig(active, recent.denomPubHash(), sActiveRecent)),
                later.auditorDenomSigs());
        assertEquals(List.of(), mgmt.readKeyState(t(now + 100)).signingKeys());
    }

    @Test
    void keyStateIsOneSnapshot() throws Exception {
        // a writer adds a denomination and a signing key per transaction; every snapshot must see
        // both or neither (separately committed reads would see a denomination without its key)
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> reader = ex.submit(() -> {
                int reads = 0;
                while (!done.get()) {
                    KeyStateSnapshot ks = mgmt.readKeyState(NOW);
                    assertEquals(ks.denominations().size(), ks.signingKeys().size());
                    reads++;
                }
                return reads;
            });
            for (int i = 0; i < 300; i++) {
                mgmt.uploadKeySignatures(List.of(denom("1", i, 2_000_000_000)), List.of(signkey(i, 2_000_000_000)));
            }
            done.set(true);
            assertTrue(reader.get() > 0);
        } finally {
            ex.shutdownNow();
        }
        // and the pooled connections are back at SERIALIZABLE read-write afterwards
        String level = db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT current_setting('transaction_isolation') || '/' || current_setting('transaction_read_only')")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertEquals("serializable/off", level);
    }

    // ------------------------------------------------------------------ concurrency

    private <T> List<T> race(int threads, Callable<T> task) throws Exception {
        ExecutorService ex = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier barrier = new CyclicBarrier(threads);
            List<Future<T>> fs = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                fs.add(ex.submit(() -> {
                    barrier.await();
                    return task.call();
                }));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : fs) {
                out.add(f.get());
            }
            return out;
        } finally {
            ex.shutdownNow();
        }
    }

    @Test
    void concurrentUploadsStayCorrect() throws Exception {
        for (int round = 0; round < 5; round++) {
            List<Denomination> ds = List.of(denom("1", 1, 2_000_000_000), denom("2", 1, 2_000_000_000));
            List<SigningKey> ks = List.of(signkey(1, 2_000_000_000));
            race(4, () -> {
                mgmt.uploadKeySignatures(ds, ks);
                return null;
            });
            long start = 1_000L * round;
            // the same fee from four processes: one INSERTED, the others IDEMPOTENT
            List<FeeOutcome> same = race(4, () -> mgmt.insertWireFee(wireFee("iban", start, start + 500, "1", "1")));
            assertEquals(1, Collections.frequency(same, FeeOutcome.INSERTED), same.toString());
            assertEquals(3, Collections.frequency(same, FeeOutcome.IDEMPOTENT), same.toString());
            // overlapping different periods (different start dates, so no unique key helps): one wins
            int[] n = {0};
            List<FeeOutcome> overlapping = race(4, () -> {
                int i;
                synchronized (n) {
                    i = n[0]++;
                }
                return mgmt.insertGlobalFee(globalFee(start + i, start + 500 + i, "0.1", 1));
            });
            assertEquals(1, Collections.frequency(overlapping, FeeOutcome.INSERTED), overlapping.toString());
            assertEquals(3, Collections.frequency(overlapping, FeeOutcome.CONFLICT), overlapping.toString());
        }
        assertEquals(10, count("SELECT COUNT(*) FROM exchange.denominations"));
        assertEquals(5, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));
        assertEquals(5, count("SELECT COUNT(*) FROM exchange.wire_fee"));
        assertEquals(5, count("SELECT COUNT(*) FROM exchange.global_fee"));
    }
}

package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.SigningKey;
import net.taler.common.keys.WireFee;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.TestKeys;
import net.taler.db.TestSchemas;
import net.taler.db.auditor.AuditorRepository;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.drain.DrainRepository;
import net.taler.db.extensions.ExtensionRepository;
import net.taler.db.fees.FeeRepository;
import net.taler.db.keys.DenominationRepository;
import net.taler.db.keys.KeyStateReader;
import net.taler.db.keys.KeyUploadRepository;
import net.taler.db.keys.RevocationRepository;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;
import net.taler.db.wire.WireAccountRepository;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;


/**
 * Fixtures of the management repository tests: a plain-layout schema per test class (these
 * tables are never partitioned), emptied before each test, random keys, and a NOTIFY recorder.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ManagementTestBase {
    static final String CUR = "KUDOS";
    static final Timestamp NOW = Timestamp.ofSeconds(1_700_000_000);
    static final List<Channel> NONE = List.of();
    static final List<Channel> KEYS = List.of(Channel.EXCHANGE_KEYS_UPDATED);
    static final List<Channel> WIRE = List.of(Channel.EXCHANGE_WIRE_UPDATED);
    static final List<Channel> EXT = List.of(Channel.EXCHANGE_EXTENSIONS_UPDATED);

    private final Random rnd = new Random(4711);
    PgDatabase pg;
    ExchangeDb db;
    DenominationRepository denoms;
    KeyUploadRepository keyUpload;
    RevocationRepository revocations;
    AuditorRepository auditors;
    WireAccountRepository wireAccounts;
    FeeRepository fees;
    DrainRepository drains;
    ExtensionRepository extensions;
    KeyStateReader keyState;

    @BeforeAll
    void setUp(PgDatabase pgdb) throws Exception {
        pg = pgdb;
        db = TestSchemas.create(pgdb, 0, 6);
        denoms = new DenominationRepository(db, CUR);
        keyUpload = new KeyUploadRepository(db, CUR);
        revocations = new RevocationRepository(db);
        auditors = new AuditorRepository(db);
        wireAccounts = new WireAccountRepository(db);
        fees = new FeeRepository(db, CUR);
        drains = new DrainRepository(db, CUR);
        extensions = new ExtensionRepository(db);
        keyState = new KeyStateReader(db, CUR);
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

    synchronized byte[] bytes(int n) {
        byte[] b = new byte[n];
        rnd.nextBytes(b);
        return b;
    }

    EddsaPublicKey pub() {
        return new EddsaPublicKey(bytes(32));
    }

    EddsaSignature sig() {
        return new EddsaSignature(bytes(64));
    }

    static Amount amt(String s) {
        return Amount.parse(CUR + ":" + s);
    }

    static Timestamp t(long s) {
        return Timestamp.ofSeconds(s);
    }

    Denomination denom(String value, long validFrom, long expireLegal) {
        return TestKeys.denomination(TestKeys.rsaKey(bytes(64)), sig(), t(validFrom), t(validFrom + 100),
                t(validFrom + 200), t(expireLegal), amt(value), amt("0.01"), amt("0.02"), amt("0.03"), amt("0.04"));
    }

    SigningKey signkey(long validFrom, long expireLegal) {
        return new SigningKey(pub(), sig(), t(validFrom), t(validFrom + 100), t(expireLegal), false);
    }

    WireFee wireFee(String method, long start, long end, String fee, String closing) {
        return new WireFee(method, t(start), t(end), amt(fee), amt(closing), sig());
    }

    GlobalFee globalFee(long start, long end, String history, int limit) {
        return new GlobalFee(t(start), t(end), amt(history), amt("0.5"), amt("0.25"), RelativeTime.ofSeconds(3600),
                RelativeTime.FOREVER, limit, sig());
    }

    void exec(String sql) throws SQLException {
        try (Connection c = pg.open(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    long count(String sql) throws SQLException {
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
    <T> Notified<T> notified(Action<T> action) throws Exception {
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

    /** Equal in everything the upload stored (the database serial is compared where it matters). */
    static void assertSameDenomination(Denomination want, Denomination got) {
        assertEquals(want.hDenomPub(), got.hDenomPub());
        assertEquals(want.cipher(), got.cipher());
        assertEquals(want.ageMask(), got.ageMask());
        assertArrayEquals(want.key().keyBytes(), got.key().keyBytes());
        assertEquals(want.masterSig(), got.masterSig());
        assertEquals(want.validFrom(), got.validFrom());
        assertEquals(want.expireWithdraw(), got.expireWithdraw());
        assertEquals(want.expireDeposit(), got.expireDeposit());
        assertEquals(want.expireLegal(), got.expireLegal());
        assertEquals(want.value(), got.value());
        assertEquals(want.fees(), got.fees());
    }
}

package net.taler.db.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Random;

import net.taler.common.amount.Amount;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.Timestamp;
import net.taler.db.TestKeys;
import net.taler.db.TestSchemas;
import net.taler.db.coin.CoinRepository;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.keys.DenominationRepository;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the money-operation test classes share: a fresh schema in the layout the subclass
 * chooses (plain or partitioned), deterministic random keys, and small fixtures.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DbOpsTestBase {
    static final String CUR = "KUDOS";
    static final int THREADS = 16;
    static final Timestamp NOW = Timestamp.ofSeconds(1_700_000_000);
    static final Timestamp EXPIRES = Timestamp.ofSeconds(1_700_100_000);
    static final Timestamp AFTER = Timestamp.ofSeconds(1_700_200_000);
    static final Timestamp RESERVE_EXP = Timestamp.ofSeconds(1_800_000_000);
    final Random rnd;
    ExchangeDb db;
    DenominationRepository denoms;
    CoinRepository coins;
    PgDatabase pg;

    DbOpsTestBase(long seed) {
        rnd = new Random(seed);
    }

    /** 0 for the plain layout, N for N hash partitions. */
    abstract int partitions();

    /** Creates the repositories the subclass tests (after the schema exists). */
    abstract void repositories();

    @BeforeAll
    void setUp(PgDatabase pgdb) throws Exception {
        pg = pgdb;
        db = TestSchemas.create(pgdb, partitions(), THREADS + 2);
        denoms = new DenominationRepository(db, CUR);
        coins = new CoinRepository(db, CUR);
        repositories();
    }

    @AfterAll
    void tearDown() {
        db.close();
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

    /** A fee-free denomination of the given value; returns its hash. */
    HashCode denomination(String value) {
        DenominationKey key = TestKeys.rsaKey(bytes(64));
        HashCode h = key.hash();
        denoms.insert(TestKeys.denomination(key, sig(), Timestamp.ofSeconds(1),
                Timestamp.ofSeconds(2_000_000_000), Timestamp.ofSeconds(2_000_000_000),
                Timestamp.ofSeconds(2_100_000_000), amt(value), amt("0"), amt("0"), amt("0"), amt("0")));
        return h;
    }

    EddsaPublicKey coin(HashCode denom) {
        EddsaPublicKey c = pub();
        assertEquals(CoinRepository.EnsureStatus.INSERTED, coins.ensure(c, denom, new byte[] {7}, null).status());
        return c;
    }

    Amount remaining(EddsaPublicKey c) {
        return coins.get(c).orElseThrow().remaining();
    }

    long query(String sql) throws Exception {
        try (Connection c = pg.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

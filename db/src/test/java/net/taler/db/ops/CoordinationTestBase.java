package net.taler.db.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.ShortHash;
import net.taler.common.time.Timestamp;
import net.taler.db.TestSchemas;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;
import net.taler.db.reserve.ReserveRepository;
import net.taler.db.shard.WorkShards;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/** Work shards and LISTEN/NOTIFY; run on both layouts. */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CoordinationTestBase {
    ExchangeDb db;
    PgDatabase pg;

    abstract int partitions();

    @BeforeAll
    void setUp(PgDatabase pgdb) throws Exception {
        pg = pgdb;
        db = TestSchemas.create(pgdb, partitions(), 10);
    }

    @AfterAll
    void tearDown() {
        db.close();
    }

    static Clock at(long seconds) {
        return Clock.fixed(Instant.ofEpochSecond(seconds), ZoneOffset.UTC);
    }

    @Test
    void linearShardsAppendReclaimComplete() {
        WorkShards w1 = new WorkShards(db, at(1000));
        var a = w1.begin("wirewatch-acc", Duration.ofSeconds(60), 100);
        var b = w1.begin("wirewatch-acc", Duration.ofSeconds(60), 100);
        assertEquals(0, a.startRow());
        assertEquals(100, a.endRow());
        assertEquals(100, b.startRow());
        w1.complete(b);
        // a is still locked at t=1030, so a new shard is appended
        var c = new WorkShards(db, at(1030)).begin("wirewatch-acc", Duration.ofSeconds(60), 100);
        assertEquals(200, c.startRow());
        // after the lock period, the oldest unfinished shard (a) is reclaimed
        var d = new WorkShards(db, at(1100)).begin("wirewatch-acc", Duration.ofSeconds(60), 100);
        assertEquals(a, d);
        new WorkShards(db, at(1100)).abort(d);
        assertEquals(a, new WorkShards(db, at(1101)).begin("wirewatch-acc", Duration.ofSeconds(60), 100));
        // other jobs are independent
        assertEquals(0, w1.begin("transfer", Duration.ofSeconds(60), 10).startRow());
    }

    @Test
    void concurrentWorkersGetDistinctShards() throws Exception {
        WorkShards w = new WorkShards(db, at(5000));
        ExecutorService ex = Executors.newFixedThreadPool(8);
        List<Future<WorkShards.Shard>> fs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            fs.add(ex.submit(() -> w.begin("conc", Duration.ofHours(1), 10)));
        }
        Set<Long> starts = new HashSet<>();
        for (Future<WorkShards.Shard> f : fs) {
            starts.add(f.get(30, TimeUnit.SECONDS).startRow());
        }
        ex.shutdown();
        assertEquals(8, starts.size());
    }

    @Test
    void revolvingShards() {
        WorkShards w = new WorkShards(db, at(10));
        var a = w.beginRevolving("aggregator", 60, 100).orElseThrow();
        var b = w.beginRevolving("aggregator", 60, 100).orElseThrow();
        assertEquals(0, a.startRow());
        assertEquals(60, a.endRow());
        assertEquals(60, b.startRow());
        assertEquals(100, b.endRow());
        assertTrue(w.beginRevolving("aggregator", 60, 100).isEmpty());
        w.releaseRevolving(b);
        assertEquals(b, w.beginRevolving("aggregator", 60, 100).orElseThrow());
    }

    @Test
    void reserveCreditNotifiesListeners() throws Exception {
        try (var l = Notifications.listen(TestSchemas.target(pg), Channel.EXCHANGE_RESERVE_INCOMING,
                Channel.EXCHANGE_KEYS_UPDATED)) {
            byte[] rp = new byte[32];
            rp[0] = 7;
            new ReserveRepository(db, "KUDOS").credit(new ReserveRepository.Credit(new EddsaPublicKey(rp),
                    Amount.parse("KUDOS:1"), Timestamp.ofSeconds(1), new ShortHash(new byte[32]), "payto://x/y",
                    "acc", 1, Timestamp.ofSeconds(2), Timestamp.ofSeconds(3)));
            db.inTransaction(c -> {
                Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
                return null;
            });
            List<Notifications.Event> got = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 5000;
            while (got.size() < 2 && System.currentTimeMillis() < deadline) {
                got.addAll(l.poll(200));
            }
            assertEquals(List.of(new Notifications.Event(Channel.EXCHANGE_RESERVE_INCOMING, Notifications.payloadOf(rp)),
                    new Notifications.Event(Channel.EXCHANGE_KEYS_UPDATED, "")), got);
        }
    }

    @Test
    void searchPathIsExchange() throws Exception {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SHOW search_path")) {
            rs.next();
            assertEquals("exchange", rs.getString(1));
            assertNotEquals(0, c.getTransactionIsolation());
            assertFalse(c.isReadOnly());
        }
    }

    @Test
    void serializationFailuresAreRetriedBoundedly() {
        long before = db.retryCount();
        int[] calls = {0};
        assertEquals("ok", db.inTransaction(c -> {
            if (calls[0]++ < 2) {
                throw new java.sql.SQLException("simulated", "40001");
            }
            return "ok";
        }));
        assertEquals(3, calls[0]);
        assertEquals(before + 2, db.retryCount());
        int[] always = {0};
        org.junit.jupiter.api.Assertions.assertThrows(net.taler.db.conn.DbException.RetriesExhausted.class,
                () -> db.inTransaction(c -> {
                    always[0]++;
                    throw new java.sql.SQLException("simulated", "40001");
                }));
        assertEquals(ExchangeDb.DEFAULT_MAX_RETRIES + 1, always[0]);
        // other errors are not retried
        int[] once = {0};
        org.junit.jupiter.api.Assertions.assertThrows(net.taler.db.conn.DbException.class,
                () -> db.inTransaction(c -> {
                    once[0]++;
                    throw new java.sql.SQLException("boom", "23505");
                }));
        assertEquals(1, once[0]);
    }
}

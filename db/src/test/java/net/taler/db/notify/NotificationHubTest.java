package net.taler.db.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import net.taler.db.TestSchemas;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The process-wide LISTEN connection against a real PostgreSQL. */
@ExtendWith(PgExtension.class)
class NotificationHubTest {

    /** Records what the hub hands it. */
    static final class Recorder implements NotificationHub.Subscriber {
        final List<String> payloads = new CopyOnWriteArrayList<>();
        final AtomicInteger resyncs = new AtomicInteger();

        @Override
        public void onEvents(List<Notifications.Event> events) {
            events.forEach(e -> payloads.add(e.channel().pgName() + ":" + e.payload()));
        }

        @Override
        public void resync() {
            resyncs.incrementAndGet();
        }
    }

    private static void notify(PgDatabase pg, Channel ch, String payload) throws Exception {
        try (Connection c = pg.open(); PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, ch.pgName());
            ps.setString(2, payload);
            ps.execute();
        }
    }

    private static void await(String what, BooleanSupplier cond) throws InterruptedException {
        long end = System.nanoTime() + 20_000_000_000L;
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    @Test
    void deliversEachChannelToItsSubscribersOnly(PgDatabase pg) throws Exception {
        Recorder reserves = new Recorder();
        Recorder keys = new Recorder();
        try (NotificationHub hub = new NotificationHub(TestSchemas.target(pg))) {
            hub.subscribe(reserves, Channel.EXCHANGE_RESERVE_INCOMING);
            hub.subscribe(keys, Channel.EXCHANGE_KEYS_UPDATED, Channel.EXCHANGE_WIRE_UPDATED);
            hub.start();
            await("listening", hub::listening);
            await("first resync", () -> reserves.resyncs.get() == 1 && keys.resyncs.get() == 1);

            notify(pg, Channel.EXCHANGE_RESERVE_INCOMING, "ab01");
            notify(pg, Channel.EXCHANGE_WIRE_UPDATED, "");
            notify(pg, Channel.EXCHANGE_PURSE_MERGED, "ff"); // nobody subscribed
            await("deliveries", () -> reserves.payloads.size() == 1 && keys.payloads.size() == 1);
            Thread.sleep(200);
            assertEquals(List.of("exchange_reserve_incoming:ab01"), reserves.payloads);
            assertEquals(List.of("exchange_wire_updated:"), keys.payloads);
        }
    }

    @Test
    void reconnectsAfterTheConnectionIsKilledAndTellsSubscribersToResync(PgDatabase pg) throws Exception {
        Recorder r = new Recorder();
        try (NotificationHub hub = new NotificationHub(TestSchemas.target(pg))) {
            hub.subscribe(r, Channel.EXCHANGE_RESERVE_INCOMING);
            hub.start();
            await("listening", hub::listening);
            await("first resync", () -> r.resyncs.get() == 1);

            int killed;
            try (Connection c = pg.open(); Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                            + "WHERE datname = current_database() AND query LIKE 'LISTEN %' AND pid <> pg_backend_pid()")) {
                rs.next();
                killed = rs.getInt(1);
            }
            assertEquals(1, killed, "one LISTEN connection per hub");
            // a credit may have been missed while nobody listened: subscribers must re-check
            await("resync after reconnect", () -> r.resyncs.get() >= 2 && hub.listening());
            notify(pg, Channel.EXCHANGE_RESERVE_INCOMING, "cd02");
            await("delivery after reconnect", () -> r.payloads.contains("exchange_reserve_incoming:cd02"));
        }
    }

    @Test
    void aFailingSubscriberDoesNotStopTheOthers(PgDatabase pg) throws Exception {
        Recorder good = new Recorder();
        NotificationHub.Subscriber bad = new NotificationHub.Subscriber() {
            @Override
            public void onEvents(List<Notifications.Event> events) {
                throw new IllegalStateException("subscriber bug");
            }

            @Override
            public void resync() {
                throw new IllegalStateException("subscriber bug");
            }
        };
        try (NotificationHub hub = new NotificationHub(TestSchemas.target(pg))) {
            hub.subscribe(bad, Channel.EXCHANGE_RESERVE_INCOMING);
            hub.subscribe(good, Channel.EXCHANGE_RESERVE_INCOMING);
            hub.start();
            await("listening", hub::listening);
            notify(pg, Channel.EXCHANGE_RESERVE_INCOMING, "01");
            notify(pg, Channel.EXCHANGE_RESERVE_INCOMING, "02");
            await("both deliveries", () -> good.payloads.size() == 2);
            assertTrue(hub.listening(), "the hub survives its subscribers' failures");
        }
    }
}

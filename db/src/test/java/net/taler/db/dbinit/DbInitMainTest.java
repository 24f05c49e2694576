package net.taler.db.dbinit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import net.taler.common.cli.Programs;
import net.taler.common.config.ConfigLoader;
import net.taler.db.DbInitMain;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import net.taler.testsupport.pg.PgServer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PgExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DbInitMainTest {
    @TempDir
    static Path dir;

    /** Versioned migrations (tables, indexes) and repeatable ones (functions, triggers) shipped. */
    static final int VERSIONED = 1;
    static final int REPEATABLE = 12;

    record Run(int code, String err) {
    }

    static Run dbinit(String conninfo, String... args) throws IOException {
        Path conf = dir.resolve("t.conf");
        Files.writeString(conf, "[exchangedb-postgres]\nCONFIG = " + conninfo + "\n");
        Map<String, String> env = new HashMap<>();
        env.put("TALER_BASE_CONFIG", dir.resolve("nobase").toString());
        env.put("HOME", dir.toString());
        DbInitMain p = new DbInitMain();
        p.useLoader(new ConfigLoader(env, dir));
        StringWriter err = new StringWriter();
        var cl = Programs.commandLine(p);
        cl.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = conf.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int code = cl.execute(all);
        return new Run(code, err.toString());
    }

    static long count(PgDatabase db, String sql) throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static String names(PgDatabase db) throws SQLException {
        StringBuilder b = new StringBuilder();
        try (Connection c = db.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT partrelid::regclass::text FROM pg_partitioned_table")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append(' ');
            }
        }
        return b.toString();
    }

    static void exec(PgDatabase db, String sql) throws SQLException {
        try (Connection c = db.open(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    static final String TABLES = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid=c.relnamespace "
            + "WHERE n.nspname='exchange' AND c.relkind IN ('r','p') AND NOT c.relispartition";

    @Test
    @Order(1)
    void createsSchema(PgDatabase db) throws Exception {
        Run r = dbinit(db.uri());
        assertEquals(0, r.code(), r.err());
        assertTrue(count(db, TABLES) >= 60, "tables: " + count(db, TABLES));
        assertEquals(0, count(db, "SELECT count(*) FROM pg_partitioned_table"));
        assertTrue(count(db, "SELECT count(*) FROM pg_constraint c JOIN pg_namespace n ON n.oid=c.connamespace "
                + "WHERE n.nspname='exchange' AND c.contype='f'") > 10);
        assertEquals(VERSIONED, count(db, "SELECT count(*) FROM exchange.flyway_schema_history WHERE success AND version IS NOT NULL"));
        assertEquals(REPEATABLE, count(db, "SELECT count(*) FROM exchange.flyway_schema_history WHERE success AND version IS NULL AND type = 'SQL'"));
    }

    @Test
    @Order(2)
    void rerunIsNoOp(PgDatabase db) throws Exception {
        exec(db, "INSERT INTO exchange.wire_targets (wire_target_h_payto, payto_uri) "
                + "VALUES (decode(repeat('ab', 32), 'hex'), 'payto://x-taler-bank/localhost/a')");
        long tables = count(db, TABLES);
        Run r = dbinit(db.uri());
        assertEquals(0, r.code(), r.err());
        assertEquals(tables, count(db, TABLES));
        assertEquals(1, count(db, "SELECT count(*) FROM exchange.wire_targets"));
        assertEquals(VERSIONED, count(db, "SELECT count(*) FROM exchange.flyway_schema_history WHERE version IS NOT NULL"));
        assertEquals(REPEATABLE, count(db, "SELECT count(*) FROM exchange.flyway_schema_history WHERE version IS NULL AND type = 'SQL'"));
    }

    @Test
    @Order(3)
    void resetDropsData(PgDatabase db) throws Exception {
        Run r = dbinit(db.uri(), "-r");
        assertEquals(0, r.code(), r.err());
        assertEquals(0, count(db, "SELECT count(*) FROM exchange.wire_targets"));
        assertEquals(VERSIONED, count(db, "SELECT count(*) FROM exchange.flyway_schema_history WHERE version IS NOT NULL"));
        assertEquals(REPEATABLE, count(db, "SELECT count(*) FROM exchange.flyway_schema_history WHERE version IS NULL AND type = 'SQL'"));
    }

    @Test
    @Order(4)
    void gcAndShardUnlockRun(PgDatabase db) throws Exception {
        exec(db, "INSERT INTO exchange.revolving_work_shards (last_attempt, start_row, end_row, active, job_name) "
                + "VALUES (1, 0, 10, TRUE, 'aggregator')");
        Run r = dbinit(db.uri(), "-g", "-s");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertEquals(0, count(db, "SELECT count(*) FROM exchange.revolving_work_shards"));
    }

    @Test
    @Order(5)
    void partitionsWithP4() throws Exception {
        try (PgDatabase p = PgServer.shared().createDatabase("dbinitp4")) {
            Run r = dbinit(p.uri(), "-P", "4");
            assertEquals(0, r.code(), r.err());
            long parted = count(p, "SELECT count(*) FROM pg_partitioned_table pt JOIN pg_class c ON c.oid=pt.partrelid "
                    + "JOIN pg_namespace n ON n.oid=c.relnamespace WHERE n.nspname='exchange'");
            assertTrue(parted >= 30, "partitioned tables: " + parted);
            assertEquals(4, count(p, "SELECT count(*) FROM pg_inherits WHERE inhparent='exchange.reserves'::regclass"));
            assertEquals(4, count(p, "SELECT count(*) FROM pg_inherits WHERE inhparent='exchange.deposits'::regclass"));
            // foreign keys only among the (never partitioned) configuration tables
            assertEquals(0, count(p, "SELECT count(*) FROM pg_constraint c WHERE c.contype='f' AND "
                    + "(c.conrelid IN (SELECT partrelid FROM pg_partitioned_table) "
                    + "OR c.confrelid IN (SELECT partrelid FROM pg_partitioned_table))"));
            // re-run (even without -P) keeps the layout and is a no-op
            Run again = dbinit(p.uri());
            assertEquals(0, again.code(), again.err());
            assertEquals(parted, count(p, "SELECT count(*) FROM pg_partitioned_table"));
            // -r with -P 1 and no -f: back to plain tables
            Run plain = dbinit(p.uri(), "-r", "-P", "1");
            assertEquals(0, plain.code(), plain.err());
            assertEquals(0, count(p, "SELECT count(*) FROM pg_partitioned_table"), names(p));
        }
    }

    @Test
    @Order(6)
    void socketUriWorks(PgDatabase db) throws Exception {
        if (!db.hasSocket()) {
            return;
        }
        Run r = dbinit(db.socketUri());
        assertEquals(0, r.code(), r.err());
    }

    @Test
    @Order(7)
    void badConnectionStrings(PgDatabase db) throws Exception {
        assertOneLine(dbinit("postgresql://nobody@127.0.0.1:1/taler"), 5);
        assertOneLine(dbinit("postgres:///taler?host=" + dir.resolve("nosuchdir")), 5);
        assertOneLine(dbinit("postgresql://" + db.user() + "@127.0.0.1:" + db.port() + "/no_such_db_xyz"), 5);
        assertOneLine(dbinit("postgres://localhost:notaport/taler"), 1);
        assertOneLine(dbinit("host=/tmp dbname"), 1);
        assertOneLine(dbinit("postgres:///taler?bogus=1"), 1);
    }

    /** As a separate JVM (like the launcher): nothing on stderr on success, one line on failure. */
    @Test
    @Order(8)
    void realProcessOutput(PgDatabase db) throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        for (String[] c : new String[][] {{db.uri(), "0"}, {"postgresql://x@127.0.0.1:1/none", "5"}}) {
            ProcessBuilder pb = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
                    DbInitMain.class.getName(), "-g", "-s");
            pb.environment().put("TALER_EXCHANGEDB_POSTGRES_CONFIG", c[0]);
            pb.environment().put("TALER_BASE_CONFIG", dir.resolve("nobase").toString());
            pb.environment().put("HOME", dir.toString());
            pb.environment().remove("XDG_CONFIG_HOME");
            pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(Integer.parseInt(c[1]), p.exitValue(), err);
            if (c[1].equals("0")) {
                assertEquals("", err);
            } else {
                assertOneLine(new Run(p.exitValue(), err), 5);
            }
        }
    }

    @Test
    @Order(9)
    void migrationsOfAnOlderLayoutAreRefused() throws Exception {
        try (PgDatabase p = PgServer.shared().createDatabase("dbinitold")) {
            assertEquals(0, dbinit(p.uri()).code());
            // what a schema created before the functions moved into R__*.sql records: V1 with other
            // contents and V2..V7 that no longer exist
            exec(p, "UPDATE exchange.flyway_schema_history SET checksum = 42 WHERE version = '1'");
            exec(p, "INSERT INTO exchange.flyway_schema_history (installed_rank, version, description, type, script, "
                    + "checksum, installed_by, execution_time, success) VALUES (100, '7', 'withdraw cs batch', 'SQL', "
                    + "'V7__withdraw_cs_batch.sql', 7, current_user, 1, TRUE)");
            Run r = dbinit(p.uri());
            assertOneLine(r, 4);
            assertTrue(r.err().contains("taler-exchange-dbinit -r"), r.err());
            assertEquals(1, count(p, "SELECT count(*) FROM exchange.flyway_schema_history WHERE version = '7'"));
            // the reset recreates it with the shipped migrations
            Run reset = dbinit(p.uri(), "-r");
            assertEquals(0, reset.code(), reset.err());
            assertEquals(VERSIONED, count(p, "SELECT count(*) FROM exchange.flyway_schema_history WHERE version IS NOT NULL"));
            assertEquals(0, dbinit(p.uri()).code());
        }
    }

    private static void assertOneLine(Run r, int code) {
        assertEquals(code, r.code(), r.err());
        String e = r.err().strip();
        assertFalse(e.isEmpty());
        assertFalse(e.contains("\n"), e);
        assertFalse(e.contains("Exception"), e);
        assertTrue(e.startsWith("taler-exchange-dbinit: "), e);
    }
}

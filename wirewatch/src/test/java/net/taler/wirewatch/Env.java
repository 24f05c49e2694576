package net.taler.wirewatch;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.taler.common.amount.Amount;
import net.taler.common.cli.Programs;
import net.taler.common.cli.Shutdown;
import net.taler.common.config.ConfigLoader;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.ShortHash;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.PgConnectionString;
import net.taler.db.dbinit.SchemaManager;
import net.taler.testsupport.pg.PgDatabase;
import picocli.CommandLine;

/** Test environment: the exchange schema in a fixture database, config files, running the program. */
final class Env {
    static final String CUR = "KUDOS";
    static final String ACCOUNT = "myexchange";
    static final String SECTION = "exchange-account-1";
    final PgDatabase pg;
    final ExchangeDb db;
    private final Random rnd = new Random(42);

    Env(PgDatabase pg) throws SQLException {
        this.pg = pg;
        this.db = ExchangeDb.open(PgConnectionString.toJdbc(pg.uri(), Map.of()), 4);
        new SchemaManager(db).create(0);
    }

    /** Empties what wirewatch writes, so every test starts from bank row 0. */
    void reset() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("TRUNCATE work_shards, reserves_in, reserves, wire_targets CASCADE");
        }
    }

    synchronized EddsaPublicKey reservePub() {
        byte[] b = new byte[32];
        rnd.nextBytes(b);
        return new EddsaPublicKey(b);
    }

    static Amount kudos(String v) {
        return Amount.parse(CUR + ":" + v);
    }

    /** The standard configuration for one credit account at {@code gatewayUrl}, plus {@code extra}. */
    String config(String gatewayUrl, String extra) {
        return "[taler]\nCURRENCY = " + CUR + "\n"
                + "[exchange]\nWIREWATCH_IDLE_SLEEP_INTERVAL = 100 ms\n"
                + "[exchangedb]\nIDLE_RESERVE_EXPIRATION_TIME = 4 weeks\nLEGAL_RESERVE_EXPIRATION_TIME = 7 years\n"
                + "[exchangedb-postgres]\nCONFIG = " + pg.uri() + "\n"
                + "[" + SECTION + "]\nPAYTO_URI = payto://x-taler-bank/localhost/" + ACCOUNT
                + "?receiver-name=" + ACCOUNT + "\nENABLE_CREDIT = YES\nENABLE_DEBIT = YES\n"
                + "[exchange-accountcredentials-1]\nWIRE_GATEWAY_URL = " + gatewayUrl + "\n"
                + "WIRE_GATEWAY_AUTH_METHOD = basic\nUSERNAME = " + ACCOUNT + "\nPASSWORD = x\n"
                + extra;
    }

    record Result(int code, String err) {
    }

    /** Runs {@code taler-exchange-wirewatch -c <conf> args} in this JVM (no base config). */
    static Result run(Path dir, String conf, Shutdown stop, String... args) throws Exception {
        Files.createDirectories(dir.resolve("base"));
        Path file = Files.createTempFile(dir, "ww", ".conf");
        Files.writeString(file, conf);
        WirewatchMain m = new WirewatchMain().withShutdown(stop == null ? Shutdown.manual() : stop);
        m.useLoader(new ConfigLoader(Map.of("TALER_BASE_CONFIG", dir.resolve("base").toString(),
                "HOME", dir.toString()), dir));
        CommandLine cl = Programs.commandLine(m);
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        String[] full = new String[args.length + 2];
        full[0] = "-c";
        full[1] = file.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = cl.execute(full);
        cl.getErr().flush();
        return new Result(code, err.toString());
    }

    /** A reserves_in row joined with its reserve. */
    record Imported(EddsaPublicKey reservePub, long wireReference, Amount credit, ShortHash sourceHPayto,
            String sourcePayto, String section, Timestamp executionDate, Amount balance, Timestamp expiration,
            Timestamp gc) {
    }

    /** Every imported credit, keyed by bank row id (wire_reference). */
    Map<Long, Imported> imported() throws SQLException {
        Map<Long, Imported> out = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT i.reserve_pub, i.wire_reference, i.credit_val, i.credit_frac, i.wire_source_h_payto, "
                        + "t.payto_uri, i.exchange_account_section, i.execution_date, r.current_balance_val, "
                        + "r.current_balance_frac, r.expiration_date, r.gc_date FROM reserves_in i "
                        + "JOIN reserves r USING (reserve_pub) "
                        + "LEFT JOIN wire_targets t ON t.wire_target_h_payto = i.wire_source_h_payto");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Imported im = new Imported(new EddsaPublicKey(rs.getBytes(1)), rs.getLong(2),
                        new Amount(CUR, rs.getLong(3), rs.getInt(4)), new ShortHash(rs.getBytes(5)), rs.getString(6),
                        rs.getString(7), Timestamp.fromDbMicros(rs.getLong(8)),
                        new Amount(CUR, rs.getLong(9), rs.getInt(10)), Timestamp.fromDbMicros(rs.getLong(11)),
                        Timestamp.fromDbMicros(rs.getLong(12)));
                if (out.put(im.wireReference(), im) != null) {
                    throw new AssertionError("bank row " + im.wireReference() + " imported twice");
                }
            }
        }
        return out;
    }

    long count(String table) throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** (start, end, completed) of the job's shards in order. */
    List<long[]> shards(String job) throws SQLException {
        List<long[]> out = new ArrayList<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(
                "SELECT start_row, end_row, completed FROM work_shards WHERE job_name = ? ORDER BY start_row")) {
            ps.setString(1, job);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new long[] {rs.getLong(1), rs.getLong(2), rs.getBoolean(3) ? 1 : 0});
                }
            }
        }
        return out;
    }

    void close() {
        db.close();
    }
}

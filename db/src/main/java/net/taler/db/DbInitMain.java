package net.taler.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.logging.Level;
import java.util.logging.Logger;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.cli.Programs;
import net.taler.common.cli.TalerProgram;
import net.taler.common.time.Timestamp;
import net.taler.db.conn.DbConfig;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.PgConnectionString;
import net.taler.db.dbinit.SchemaManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code taler-exchange-dbinit}: creates the exchange schema (idempotent), optionally after a
 * reset, then garbage-collects and/or unlocks revolving shards (operations.md 3.1). Exit codes:
 * 0 success, 1 malformed connection string, 4 table creation failed, 5 database unreachable.
 */
@Command(name = "taler-exchange-dbinit", mixinStandardHelpOptions = false,
        description = "Create, reset or garbage-collect the exchange database.")
public final class DbInitMain extends TalerProgram {
    private static final Logger LOG = Logger.getLogger(DbInitMain.class.getName());
    private static final long TEN_YEARS_MICROS = 10L * 365 * 24 * 3600 * 1_000_000L;

    @Option(names = {"-r", "--reset"}, description = "drop all exchange tables first (data loss!), then recreate")
    boolean reset;

    @Option(names = {"-g", "--gc"}, description = "garbage-collect expired data after setup")
    boolean gc;

    @Option(names = {"-s", "--shardunlock"}, description = "clear all revolving shard locks")
    boolean shardUnlock;

    @Option(names = {"-P", "--partition"}, paramLabel = "N",
            description = "create hash-partitioned tables with N partitions")
    int partitions;

    @Option(names = {"-f", "--force"}, description = "create the partitioned layout even if N <= 1")
    boolean force;

    public static void main(String[] args) {
        Programs.main(new DbInitMain(), args);
    }

    @Override
    protected int run() {
        if (partitions < 0 || partitions > SchemaManager.MAX_PARTITIONS) {
            throw new UsageException("-P must be between 0 and " + SchemaManager.MAX_PARTITIONS);
        }
        int effectivePartitions = partitions > 1 || (force && partitions >= 0) ? Math.max(1, partitions) : 0;
        String conninfo = DbConfig.connectionString(config(), config().environment());
        PgConnectionString.JdbcTarget target;
        try {
            target = PgConnectionString.toJdbc(conninfo, config().environment());
        } catch (IllegalArgumentException e) {
            String env = config().environment().get(DbConfig.ENV);
            String source = env != null && !env.isBlank() ? DbConfig.ENV
                    : "[" + DbConfig.SECTION + "] " + DbConfig.OPTION;
            throw new ProgramException(ExitCodes.FAILURE, "invalid " + source + ": " + e.getMessage());
        }
        new EffectiveSettings(spec.name()).add(DbConfig.SECTION, DbConfig.OPTION, conninfo)
                .note("-r (reset)", reset).note("-g (gc)", gc).note("-P (partitions)", effectivePartitions).log(LOG);
        checkReachable(target);
        try (ExchangeDb db = ExchangeDb.open(target, 2)) {
            SchemaManager schema = new SchemaManager(db);
            if (reset) {
                try {
                    schema.drop();
                } catch (SQLException e) {
                    LOG.warning("could not drop the exchange schema: " + firstLine(e.getMessage()));
                }
            }
            try {
                SchemaManager.CreateResult r = schema.create(effectivePartitions);
                LOG.info("schema ready: " + r.migrationsApplied() + " migrations applied, "
                        + r.partitions() + " partitions");
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.FINEST, "creation failure", e);
                throw new ProgramException(ExitCodes.NO_PERMISSION,
                        "failed to create the exchange tables: " + firstLine(rootMessage(e)));
            }
            if (gc) {
                Timestamp now = Timestamp.now(clock());
                try {
                    schema.gc(now, Timestamp.ofMicros(Math.max(0, now.micros() - TEN_YEARS_MICROS)));
                } catch (RuntimeException e) {
                    err().println(spec.name() + ": garbage collection failed: " + firstLine(rootMessage(e)));
                }
            }
            if (shardUnlock) {
                try {
                    schema.unlockRevolvingShards();
                } catch (RuntimeException e) {
                    err().println(spec.name() + ": clearing revolving shards failed: " + firstLine(rootMessage(e)));
                }
            }
        }
        return ExitCodes.OK;
    }

    private static void checkReachable(PgConnectionString.JdbcTarget target) {
        java.util.Properties p = new java.util.Properties();
        p.putAll(target.properties());
        p.setProperty("connectTimeout", p.getProperty("connectTimeout", "10"));
        try (Connection c = DriverManager.getConnection(target.url(), p)) {
            c.isValid(5);
        } catch (SQLException | RuntimeException e) {
            LOG.log(Level.FINEST, "connection failure", e);
            throw new ProgramException(ExitCodes.NOT_INSTALLED,
                    "cannot connect to " + target.description() + ": " + firstLine(rootMessage(e)));
        }
    }

    /** The exception's message plus its innermost cause's, if that adds information. */
    private static String rootMessage(Throwable e) {
        String msg = e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String rootMsg = root == e ? null : root.getMessage();
        if (msg == null) {
            return rootMsg != null ? rootMsg : e.toString();
        }
        if (rootMsg != null && !msg.contains(rootMsg)) {
            return firstLine(msg) + " (" + firstLine(rootMsg) + ")";
        }
        return msg;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl >= 0 ? t.substring(0, nl).strip() : t;
    }
}

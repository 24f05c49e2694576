package net.taler.db.dbinit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.OptionalInt;
import java.util.logging.Logger;
import net.taler.db.conn.ExchangeDb;
import net.taler.common.time.Timestamp;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates, resets and maintains the exchange schema. Migrations live in
 * {@code classpath:db/exchange} (Flyway, history table {@code exchange.flyway_schema_history}):
 * versioned {@code V<n>__*.sql} for tables, indexes and types, repeatable {@code R__<feature>.sql}
 * for the stored functions and triggers (one file per feature, re-applied when it changes). The
 * Flyway placeholder {@code partitions} selects the layout (0 = plain tables with foreign keys,
 * N = hash partitioning into N partitions). The layout is fixed when the schema is first
 * created; later runs reuse it.
 */
public final class SchemaManager {
    private static final Logger LOG = Logger.getLogger(SchemaManager.class.getName());
    /** Upper bound for {@code -P}. */
    public static final int MAX_PARTITIONS = 1024;

    private final ExchangeDb db;

    public SchemaManager(ExchangeDb db) {
        this.db = db;
    }

    /**
     * The schema was created by migrations that differ from the ones of this version (e.g. by a
     * development build before the stored procedures moved into repeatable migrations); only a
     * reset ({@code taler-exchange-dbinit -r}) makes it usable.
     */
    public static final class IncompatibleSchemaException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        IncompatibleSchemaException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Result of {@link #create}: migrations applied now and the effective partition count. */
    public record CreateResult(int migrationsApplied, int partitions) {
    }

    /**
     * Creates or upgrades the schema (idempotent).
     *
     * @param partitions requested partitions (0 = plain); ignored if the schema already exists
     * @throws IncompatibleSchemaException if the applied migrations recorded in the schema are not
     *     the ones of this version (nothing is changed then)
     */
    public CreateResult create(int partitions) throws SQLException {
        if (partitions < 0 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("partition count must be between 0 and " + MAX_PARTITIONS);
        }
        OptionalInt existing = existingPartitions();
        int effective = partitions;
        if (existing.isPresent()) {
            effective = existing.getAsInt();
            if (effective != partitions && partitions != 0) {
                LOG.warning("schema exists with " + effective + " partitions; use -r to change the layout");
            }
        }
        Flyway flyway = Flyway.configure(SchemaManager.class.getClassLoader())
                .dataSource(db.dataSource())
                .schemas(ExchangeDb.SCHEMA)
                .defaultSchema(ExchangeDb.SCHEMA)
                .createSchemas(true)
                .table("flyway_schema_history")
                .locations("classpath:db/exchange")
                .placeholders(Map.of("partitions", Integer.toString(effective)))
                .cleanDisabled(true)
                .outputQueryResults(false)
                .load();
        MigrateResult r;
        try {
            r = flyway.migrate();
        } catch (FlywayValidateException e) {
            // Flyway validates before it changes anything: refuse rather than guess at a repair.
            throw new IncompatibleSchemaException("the exchange schema was created by an incompatible version of "
                    + "the migrations (applied migrations differ from the shipped ones); back it up if needed and "
                    + "recreate it with taler-exchange-dbinit -r (deletes all exchange data)", e);
        }
        return new CreateResult(r.migrationsExecuted, effective);
    }

    /** The partition count of an existing schema (0 = plain), or empty if there is none. */
    public OptionalInt existingPartitions() throws SQLException {
        try (Connection c = db.connection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT to_regclass('exchange.exchange_tables') IS NOT NULL")) {
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        return OptionalInt.empty();
                    }
                }
            }
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(partitions), 0) FROM exchange.exchange_tables")) {
                rs.next();
                return OptionalInt.of(rs.getInt(1));
            }
        }
    }

    /** Drops the whole exchange schema (data loss). */
    public void drop() throws SQLException {
        try (Connection c = db.connection(); Statement st = c.createStatement()) {
            st.execute("DROP SCHEMA IF EXISTS " + ExchangeDb.SCHEMA + " CASCADE");
        }
    }

    /** Garbage collection (stored procedure {@code exchange_do_gc}). */
    public void gc(Timestamp now, Timestamp ancient) {
        db.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT exchange_do_gc(?, ?)")) {
                ps.setLong(1, ancient.toDbMicros());
                ps.setLong(2, now.toDbMicros());
                ps.execute();
            }
            return null;
        });
    }

    /** Removes all revolving shard locks; returns how many rows were deleted. */
    public int unlockRevolvingShards() {
        return db.inTransaction(c -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("DELETE FROM revolving_work_shards");
            }
        });
    }
}

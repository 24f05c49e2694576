package net.taler.db;

import java.sql.SQLException;
import java.util.Map;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.conn.PgConnectionString;
import net.taler.db.dbinit.SchemaManager;
import net.taler.testsupport.pg.PgDatabase;

/** Test helper: the exchange schema in a fixture database, plain or partitioned. */
public final class TestSchemas {
    private TestSchemas() {
    }

    public static PgConnectionString.JdbcTarget target(PgDatabase db) {
        return PgConnectionString.toJdbc(db.uri(), Map.of());
    }

    /** Creates the schema with the given partition count and opens a pool of {@code poolSize}. */
    public static ExchangeDb create(PgDatabase db, int partitions, int poolSize) throws SQLException {
        ExchangeDb x = ExchangeDb.open(target(db), poolSize);
        new SchemaManager(x).create(partitions);
        return x;
    }
}

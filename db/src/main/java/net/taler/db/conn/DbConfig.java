package net.taler.db.conn;

import java.util.Map;
import java.util.Optional;
import net.taler.common.config.TalerConfig;

/** Where the exchange database is: {@code TALER_EXCHANGEDB_POSTGRES_CONFIG} or {@code [exchangedb-postgres] CONFIG}. */
public final class DbConfig {
    public static final String ENV = "TALER_EXCHANGEDB_POSTGRES_CONFIG";
    public static final String SECTION = "exchangedb-postgres";
    public static final String OPTION = "CONFIG";

    private DbConfig() {
    }

    /** The libpq connection string; the environment variable wins over the configuration. */
    public static String connectionString(TalerConfig config, Map<String, String> env) {
        String fromEnv = env.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv;
        }
        Optional<String> s = config.getString(SECTION, OPTION);
        return s.orElseGet(() -> config.requireString(SECTION, OPTION));
    }

    /**
     * The JDBC target for the configured database.
     *
     * @throws IllegalArgumentException (one-line message) if the connection string is malformed
     */
    public static PgConnectionString.JdbcTarget target(TalerConfig config, Map<String, String> env) {
        return PgConnectionString.toJdbc(connectionString(config, env), env);
    }

    /** Opens a pool on the configured database (for httpd and workers). */
    public static ExchangeDb open(TalerConfig config, int poolSize) {
        return ExchangeDb.open(target(config, config.environment()), poolSize);
    }
}

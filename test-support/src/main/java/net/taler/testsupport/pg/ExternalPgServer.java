package net.taler.testsupport.pg;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** A server named by {@code TALER_TEST_PG_DSN}; test databases are created in it and dropped. */
final class ExternalPgServer extends PgServer {
  private final ConnInfo info;

  private ExternalPgServer(ConnInfo info) {
    this.info = info;
  }

  static ExternalPgServer connect(ConnInfo info) {
    ExternalPgServer server = new ExternalPgServer(info);
    try (Connection c = server.openAdmin();
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user")) {
      if (!rs.next() || !rs.getBoolean(1)) {
        throw new PgFixtureException(
            "the role '"
                + info.user()
                + "' of "
                + DSN_ENV
                + " ("
                + info
                + ") may not create databases: run ALTER ROLE "
                + quoteIdent(info.user())
                + " CREATEDB as a superuser, or use another role");
      }
    } catch (SQLException e) {
      throw new PgFixtureException(
          "cannot connect to the PostgreSQL server of " + DSN_ENV + " (" + info + "): "
              + e.getMessage(),
          e);
    }
    return server;
  }

  @Override
  ConnInfo tcpInfo() {
    return info.isSocket() ? null : info;
  }

  @Override
  ConnInfo socketInfo() {
    return info.isSocket() ? info : null;
  }

  @Override
  public boolean isExternal() {
    return true;
  }

  @Override
  public Optional<Path> binDir() {
    return Optional.empty();
  }

  @Override
  public String describe() {
    return "external PostgreSQL server (" + DSN_ENV + ": " + info + ")";
  }
}

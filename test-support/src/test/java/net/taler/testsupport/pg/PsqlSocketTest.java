package net.taler.testsupport.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Our programs connect through the unix socket too: prove it works, with the real psql. */
@ExtendWith(PgExtension.class)
class PsqlSocketTest {

  @BeforeAll
  static void data(PgDatabase db) throws SQLException {
    try (Connection c = db.open();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE reserves (pub TEXT PRIMARY KEY)");
      st.execute("INSERT INTO reserves VALUES ('R1'), ('R2'), ('R3')");
    }
  }

  @Test
  void psqlOverSocketDirectory(PgDatabase db) throws Exception {
    assumeTrue(db.hasSocket(), "server has no known unix socket directory");
    Path socket = db.socketDir().resolve(".s.PGSQL." + db.port());
    assertTrue(Files.exists(socket), socket + " exists");
    String out =
        psql(
            db,
            "-h", db.socketDir().toString(),
            "-p", Integer.toString(db.port()),
            "-U", db.user(),
            "-d", db.name(),
            "-c", "select 1");
    assertEquals("1", out);
    // the connection really used the socket: no client address
    assertEquals(
        "socket",
        psql(
            db,
            "-h", db.socketDir().toString(),
            "-p", Integer.toString(db.port()),
            "-U", db.user(),
            "-d", db.name(),
            "-c", "select coalesce(host(inet_client_addr()), 'socket')"));
  }

  @Test
  void psqlWithSocketUri(PgDatabase db) throws Exception {
    assumeTrue(db.hasSocket(), "server has no known unix socket directory");
    assertEquals("3", psql(db, "-d", db.socketUri(), "-c", "select count(*) from reserves"));
  }

  @Test
  void psqlWithTcpUri(PgDatabase db) throws Exception {
    assumeTrue(db.host() != null, "server has no TCP address");
    assertEquals(
        "R1,R2,R3",
        psql(db, "-d", db.uri(), "-c", "select string_agg(pub, ',' order by pub) from reserves"));
  }

  /** Runs psql (quiet, unaligned, tuples only) and returns its trimmed output. */
  static String psql(PgDatabase db, String... args) throws IOException, InterruptedException {
    String psql =
        db.server()
            .binDir()
            .map(d -> d.resolve("psql"))
            .filter(Files::isExecutable)
            .map(Path::toString)
            .orElse("psql");
    List<String> cmd = new ArrayList<>(List.of(psql, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("PG"));
    if (db.password() != null) {
      pb.environment().put("PGPASSWORD", db.password());
    }
    pb.redirectErrorStream(true);
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS), "psql finished");
    assertEquals(0, p.exitValue(), "psql " + cmd + " failed: " + out);
    return out.strip();
  }
}

package net.taler.testsupport.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class PgServerTest {
  private final PgDatabase db;

  PgServerTest(PgDatabase db) { // constructor injection works too
    this.db = db;
  }

  @Test
  void sharedIsASingleton() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<PgServer>> fs = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        fs.add(pool.submit(PgServer::shared));
      }
      for (Future<PgServer> f : fs) {
        assertSame(db.server(), f.get(30, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void extraDatabaseIsCreatedAndDropped() throws SQLException {
    String name;
    try (PgDatabase extra = PgServer.shared().createDatabase("auditor")) {
      name = extra.name();
      assertNotEquals(db.name(), name);
      assertTrue(name.startsWith("t_auditor_"), name);
      try (Connection c = extra.open();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE x (i INT)");
      }
      assertTrue(exists(name));
      // an open connection must not prevent the drop
      Connection leaked = extra.open();
      extra.close();
      assertFalse(exists(name));
      assertThrows(SQLException.class, () -> leaked.createStatement().execute("SELECT 1"));
      leaked.close();
      assertThrows(IllegalStateException.class, extra::open);
    }
    assertFalse(exists(name));
  }

  @Test
  void cloneCopiesTheTemplateAndStaysIndependent() throws SQLException {
    try (PgDatabase template = PgServer.shared().createDatabase("template")) {
      try (Connection c = template.open();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE x (i INT)");
        st.execute("INSERT INTO x VALUES (1)");
      }
      try (PgDatabase a = PgServer.shared().cloneDatabase("a", template);
          PgDatabase b = PgServer.shared().cloneDatabase("b", template)) {
        assertNotEquals(a.name(), b.name());
        try (Connection c = a.open();
            Statement st = c.createStatement()) {
          st.execute("INSERT INTO x VALUES (2)");
        }
        assertEquals(2, count(a));
        assertEquals(1, count(b));
        assertEquals(1, count(template));
      }
    }
  }

  private static int count(PgDatabase d) throws SQLException {
    try (Connection c = d.open();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM x")) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  @Test
  void manyConcurrentConnections() throws Exception {
    int n = 40;
    ExecutorService pool = Executors.newFixedThreadPool(n);
    List<Connection> conns = new ArrayList<>();
    try {
      List<Future<Connection>> fs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        fs.add(pool.submit(db::open));
      }
      for (Future<Connection> f : fs) {
        conns.add(f.get(30, TimeUnit.SECONDS));
      }
      try (Statement st = conns.get(0).createStatement();
          ResultSet rs =
              st.executeQuery(
                  "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()")) {
        assertTrue(rs.next());
        assertTrue(rs.getInt(1) >= n, "connections: " + rs.getInt(1));
      }
    } finally {
      for (Connection c : conns) {
        c.close();
      }
      pool.shutdownNow();
    }
  }

  @Test
  void describeNamesTheServer() {
    String d = db.server().describe();
    assertTrue(d.contains(Integer.toString(db.port())) || db.server().isExternal(), d);
    assertFalse(db.toString().contains("password"), db.toString());
  }

  private boolean exists(String name) throws SQLException {
    try (Connection c = db.open();
        PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @Nested
  class Inner {
    @Test
    void nestedClassSharesTheOuterDatabase(PgDatabase inner) {
      assertSame(db, inner);
      assertEquals(db.name(), inner.name());
    }
  }
}

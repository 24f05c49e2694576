package net.taler.testsupport.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class PgDatabaseRoundTripTest {
  private static PgDatabase fromBeforeAll;

  @BeforeAll
  static void createSchema(PgDatabase db) throws SQLException {
    fromBeforeAll = db;
    try (Connection c = db.open();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE coins (id BIGSERIAL PRIMARY KEY, pub BYTEA NOT NULL, value TEXT)");
    }
  }

  @Test
  void writesAndReadsRows(PgDatabase db) throws SQLException {
    assertSame(fromBeforeAll, db, "one database per test class");
    try (Connection c = db.open()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO coins (pub, value) VALUES (?, ?)")) {
        for (int i = 0; i < 100; i++) {
          ps.setBytes(1, new byte[] {(byte) i, 1, 2, 3});
          ps.setString(2, "EUR:" + i + " \u20ac");
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
    List<String> values = new ArrayList<>();
    try (Connection c = db.dataSource().getConnection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT pub, value FROM coins ORDER BY id")) {
      while (rs.next()) {
        byte[] pub = rs.getBytes(1);
        assertEquals(values.size(), pub[0]);
        values.add(rs.getString(2));
      }
    }
    assertEquals(100, values.size());
    assertEquals("EUR:99 \u20ac", values.get(99));
  }

  @Test
  void serverSettings(PgDatabase db) throws SQLException {
    try (Connection c = db.open();
        Statement st = c.createStatement()) {
      assertEquals(db.name(), scalar(st, "SELECT current_database()"));
      assertEquals("UTF8", scalar(st, "SHOW server_encoding"));
      assertEquals("C", scalar(st, "SELECT datcollate FROM pg_database WHERE datname = current_database()"));
      if (!db.server().isExternal()) {
        assertEquals("taler", db.user());
        assertEquals("on", scalar(st, "SHOW is_superuser"));
        assertEquals("off", scalar(st, "SHOW fsync"));
        assertEquals("off", scalar(st, "SHOW full_page_writes"));
        assertEquals("off", scalar(st, "SHOW synchronous_commit"));
        assertTrue(Integer.parseInt(scalar(st, "SHOW max_connections")) >= 200);
        assertEquals(db.socketDir().toString(), scalar(st, "SHOW unix_socket_directories"));
        assertEquals(Integer.toString(db.port()), scalar(st, "SHOW port"));
        assertEquals("127.0.0.1", db.host());
        assertEquals("jdbc:postgresql://127.0.0.1:" + db.port() + "/" + db.name(), db.jdbcUrl());
        assertEquals("postgresql://taler@127.0.0.1:" + db.port() + "/" + db.name(), db.uri());
        assertEquals(
            "postgresql:///" + db.name() + "?host=" + db.socketDir() + "&port=" + db.port() + "&user=taler",
            db.socketUri());
        assertFalse(db.socketDir().toString().startsWith("/work"));
      }
    }
  }

  static String scalar(Statement st, String sql) throws SQLException {
    try (ResultSet rs = st.executeQuery(sql)) {
      assertTrue(rs.next(), sql);
      return rs.getString(1);
    }
  }
}

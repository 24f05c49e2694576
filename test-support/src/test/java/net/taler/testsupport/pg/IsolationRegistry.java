package net.taler.testsupport.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared by {@link IsolationOneTest} and {@link IsolationTwoTest}: each class creates a table named
 * after itself and checks that no other class's table is in its database; the database names seen
 * by the classes must differ. Works in any class order.
 */
final class IsolationRegistry {
  private static final Map<String, String> DB_BY_CLASS = new ConcurrentHashMap<>();

  private IsolationRegistry() {}

  static void check(Class<?> testClass, PgDatabase db) throws SQLException {
    String marker = "marker_" + testClass.getSimpleName().toLowerCase();
    try (Connection c = db.open();
        Statement st = c.createStatement()) {
      st.execute("CREATE TABLE " + marker + " (who TEXT)");
      st.execute("INSERT INTO " + marker + " VALUES ('" + testClass.getSimpleName() + "')");
      List<String> tables = new ArrayList<>();
      try (ResultSet rs =
          st.executeQuery(
              "SELECT table_name FROM information_schema.tables"
                  + " WHERE table_schema = 'public' ORDER BY 1")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      assertEquals(List.of(marker), tables, "a fresh database holds only this class's table");
    }
    for (Map.Entry<String, String> e : DB_BY_CLASS.entrySet()) {
      assertNotEquals(e.getValue(), db.name(), "database of " + e.getKey() + " reused");
    }
    assertNull(DB_BY_CLASS.put(testClass.getName(), db.name()));
    assertTrue(db.name().startsWith("t_" + testClass.getSimpleName().toLowerCase()), db.name());
  }
}

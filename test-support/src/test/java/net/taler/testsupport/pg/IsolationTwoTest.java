package net.taler.testsupport.pg;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PgExtension.class)
class IsolationTwoTest {
  @Test
  void hasItsOwnDatabase(PgDatabase db) throws SQLException {
    IsolationRegistry.check(IsolationTwoTest.class, db);
  }
}

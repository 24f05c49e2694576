package net.taler.testsupport.pg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing of TALER_TEST_PG_DSN (no server needed). */
class ConnInfoTest {
  private static final Map<String, String> NO_ENV = Map.of();

  private static ConnInfo parse(String dsn) {
    return ConnInfo.parse(dsn, NO_ENV::get);
  }

  @Test
  void libpqUriWithEverything() {
    ConnInfo c = parse("postgresql://alice:s%40cret@db.example:6543/exchange?sslmode=require");
    assertEquals("db.example", c.host());
    assertNull(c.socketDir());
    assertEquals(6543, c.port());
    assertEquals("alice", c.user());
    assertEquals("s@cret", c.password());
    assertEquals("exchange", c.dbname());
    assertEquals("jdbc:postgresql://db.example:6543/exchange?sslmode=require", c.jdbcUrl());
    assertEquals(
        "postgresql://alice:s%40cret@db.example:6543/other?sslmode=require",
        c.withDbname("other").tcpUri());
    assertFalse(c.toString().contains("cret"));
  }

  @Test
  void libpqUriDefaults() {
    ConnInfo c = parse("postgres://bob@127.0.0.1");
    assertEquals("127.0.0.1", c.host());
    assertEquals(5432, c.port());
    assertEquals("bob", c.user());
    assertNull(c.password());
    assertEquals("postgres", c.dbname());
    assertEquals("jdbc:postgresql://127.0.0.1:5432/postgres", c.jdbcUrl());
  }

  @Test
  void socketForms() {
    ConnInfo a = parse("postgres:///talercheck?host=/run/pg&port=5433&user=u");
    assertTrue(a.isSocket());
    assertEquals(Path.of("/run/pg"), a.socketDir());
    assertEquals(5433, a.port());
    assertEquals("talercheck", a.dbname());
    assertEquals("postgresql:///talercheck?host=/run/pg&port=5433&user=u", a.socketUri());
    ConnInfo b = parse("postgresql://%2Fvar%2Frun%2Fpg:5434/x");
    assertEquals(Path.of("/var/run/pg"), b.socketDir());
    assertEquals(5434, b.port());
    ConnInfo none = parse("postgresql:///x");
    assertTrue(none.isSocket());
  }

  @Test
  void ipv6() {
    ConnInfo c = parse("postgresql://u@[::1]:5000/d");
    assertEquals("::1", c.host());
    assertEquals(5000, c.port());
    assertEquals("jdbc:postgresql://[::1]:5000/d", c.jdbcUrl());
  }

  @Test
  void jdbcUrl() {
    ConnInfo c = parse("jdbc:postgresql://pg:5439/postgres?user=ci&password=pw&sslmode=disable");
    assertEquals("pg", c.host());
    assertEquals(5439, c.port());
    assertEquals("ci", c.user());
    assertEquals("pw", c.password());
    assertEquals("postgres", c.dbname());
    assertEquals("jdbc:postgresql://pg:5439/postgres?sslmode=disable", c.jdbcUrl());
    ConnInfo d = parse("jdbc:postgresql:mydb?user=x");
    assertEquals("localhost", d.host());
    assertEquals("mydb", d.dbname());
    ConnInfo e = parse("JDBC:postgresql:/other");
    assertEquals("localhost", e.host());
    assertEquals(5432, e.port());
    assertEquals("other", e.dbname());
    ConnInfo f = parse("jdbc:postgresql://[::1]/x?loggerLevel=OFF");
    assertEquals("::1", f.host());
    assertEquals("x", f.dbname());
  }

  @Test
  void keyValue() {
    ConnInfo c = parse("host=10.0.0.1 port = 5440 user=ci password='a b\\'c' dbname=postgres");
    assertEquals("10.0.0.1", c.host());
    assertEquals(5440, c.port());
    assertEquals("a b'c", c.password());
  }

  @Test
  void environmentDefaults() {
    Map<String, String> env = Map.of("PGHOST", "pghost", "PGPORT", "7777", "PGUSER", "envuser");
    ConnInfo c = ConnInfo.parse("postgresql:///d", env::get);
    assertEquals("pghost", c.host());
    assertEquals(7777, c.port());
    assertEquals("envuser", c.user());
  }

  @Test
  void errors() {
    PgFixtureException e =
        assertThrows(PgFixtureException.class, () -> parse("mysql://root:topsecret@h/d"));
    assertTrue(e.getMessage().contains(PgServer.DSN_ENV), e.getMessage());
    assertThrows(PgFixtureException.class, () -> parse("postgresql://h1,h2/d"));
    assertThrows(PgFixtureException.class, () -> parse("postgresql://h:notaport/d"));
    PgFixtureException redacted =
        assertThrows(PgFixtureException.class, () -> parse("postgresql://u:topsecret@h:x/d"));
    assertFalse(redacted.getMessage().contains("topsecret"), redacted.getMessage());
    assertThrows(PgFixtureException.class, () -> parse("jdbc:postgresql://h1,h2/d"));
    for (String bad :
        new String[] {"mysql://root:topsecret@h/d?x=1", "mysql://root:topsecret@h/d"}) {
      PgFixtureException x = assertThrows(PgFixtureException.class, () -> parse(bad));
      assertFalse(x.getMessage().contains("secret"), x.getMessage());
    }
  }

  @Test
  void uniqueNamesAreValidIdentifiers() {
    String a = PgServer.uniqueName("My Fancy-Test$Class With A Very Long Name Indeed");
    String b = PgServer.uniqueName("My Fancy-Test$Class With A Very Long Name Indeed");
    assertFalse(a.equals(b));
    assertTrue(a.matches("[a-z0-9_]{1,63}"), a);
  }
}

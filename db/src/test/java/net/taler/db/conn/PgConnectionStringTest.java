package net.taler.db.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PgConnectionStringTest {
    private static final Map<String, String> NOENV = Map.of();

    @Test
    void localSocketDefault() {
        var t = PgConnectionString.toJdbc("postgres:///taler", NOENV);
        assertEquals("jdbc:postgresql://localhost:5432/taler", t.url());
        assertTrue(t.socketFile().endsWith("/.s.PGSQL.5432"), t.socketFile());
        assertEquals("org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg",
                t.properties().getProperty("socketFactory"));
    }

    @Test
    void tcpWithUserPasswordPort() {
        var t = PgConnectionString.toJdbc("postgresql://bob:s%40cret@db.example:6543/ex?sslmode=require", NOENV);
        assertEquals("jdbc:postgresql://db.example:6543/ex", t.url());
        assertEquals("bob", t.properties().getProperty("user"));
        assertEquals("s@cret", t.properties().getProperty("password"));
        assertEquals("require", t.properties().getProperty("sslmode"));
        assertNull(t.socketFile());
        assertTrue(!t.description().contains("cret"));
    }

    @Test
    void socketDirFromQueryOrEncodedHost() {
        var a = PgConnectionString.toJdbc("postgres:///taler?host=/run/pg&port=5555&user=x", NOENV);
        assertEquals("/run/pg/.s.PGSQL.5555", a.socketFile());
        assertEquals("jdbc:postgresql://localhost:5555/taler", a.url());
        var b = PgConnectionString.toJdbc("postgresql://%2Fvar%2Flib%2Fpg/db", NOENV);
        assertEquals("/var/lib/pg/.s.PGSQL.5432", b.socketFile());
    }

    @Test
    void ipv6() {
        var t = PgConnectionString.toJdbc("postgresql://u@[::1]:5433/d", NOENV);
        assertEquals("jdbc:postgresql://[::1]:5433/d", t.url());
        assertTrue(t.description().endsWith(" on [::1]:5433"), t.description());
        var kv = PgConnectionString.toJdbc("hostaddr=::1 dbname=d", NOENV);
        assertEquals("jdbc:postgresql://[::1]:5432/d", kv.url());
    }

    @Test
    void keyValueForm() {
        var t = PgConnectionString.toJdbc("host=/tmp port=5444 dbname='my db' user=taler password='a b\\'c'", NOENV);
        assertEquals("/tmp/.s.PGSQL.5444", t.socketFile());
        assertEquals("jdbc:postgresql://localhost:5444/my%20db", t.url());
        assertEquals("a b'c", t.properties().getProperty("password"));
        var tcp = PgConnectionString.toJdbc("host=10.0.0.1 dbname=taler", NOENV);
        assertEquals("jdbc:postgresql://10.0.0.1:5432/taler", tcp.url());
    }

    @Test
    void environmentDefaults() {
        var t = PgConnectionString.toJdbc("postgres://", Map.of("PGHOST", "h", "PGPORT", "7", "PGUSER", "u",
                "PGDATABASE", "d"));
        assertEquals("jdbc:postgresql://h:7/d", t.url());
        assertEquals("u", t.properties().getProperty("user"));
        var dbDefaultsToUser = PgConnectionString.toJdbc("postgresql://carol@h", NOENV);
        assertEquals("jdbc:postgresql://h:5432/carol", dbDefaultsToUser.url());
    }

    @Test
    void malformed() {
        assertThrows(IllegalArgumentException.class, () -> PgConnectionString.toJdbc("", NOENV));
        assertThrows(IllegalArgumentException.class, () -> PgConnectionString.toJdbc("postgres://h:x/db", NOENV));
        assertThrows(IllegalArgumentException.class, () -> PgConnectionString.toJdbc("postgres:///db?nope=1", NOENV));
        assertThrows(IllegalArgumentException.class, () -> PgConnectionString.toJdbc("host=a dbname", NOENV));
        assertThrows(IllegalArgumentException.class, () -> PgConnectionString.toJdbc("password='x", NOENV));
        assertThrows(IllegalArgumentException.class, () -> PgConnectionString.toJdbc("postgres://a,b/db", NOENV));
        var e = assertThrows(IllegalArgumentException.class,
                () -> PgConnectionString.toJdbc("postgres://u:topsecret@h/db?nope=1", NOENV));
        assertTrue(!e.getMessage().contains("topsecret"), e.getMessage());
    }

    @Test
    void libpqSslTrue() {
        var t = PgConnectionString.toJdbc("postgresql://h/d?ssl=true", NOENV);
        assertEquals("require", t.properties().getProperty("sslmode"));
    }
}

package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Parsing of libpq connection strings (formerly covered by PgConnectionStringTest and ConnInfoTest). */
class LibpqConnInfoTest {

    private static Map<String, String> params(String conninfo) {
        return LibpqConnInfo.parse(conninfo).params();
    }

    private static void assertParams(String conninfo, String... keyValues) {
        Map<String, String> p = params(conninfo);
        assertEquals(keyValues.length / 2, p.size(), p.toString());
        int i = 0;
        for (Map.Entry<String, String> e : p.entrySet()) {
            assertEquals(keyValues[i++], e.getKey(), conninfo);
            assertEquals(keyValues[i++], e.getValue(), conninfo + " " + e.getKey());
        }
    }

    @Test
    void uriWithEverything() {
        assertParams("postgresql://alice:s%40cret@db.example:6543/exchange?sslmode=require",
                "user", "alice", "password", "s@cret", "host", "db.example", "port", "6543",
                "dbname", "exchange", "sslmode", "require");
        assertParams("postgresql://bob:s%40cret@db.example:6543/ex?sslmode=require",
                "user", "bob", "password", "s@cret", "host", "db.example", "port", "6543",
                "dbname", "ex", "sslmode", "require");
    }

    @Test
    void uriPartsMayBeMissing() {
        assertParams("postgres:///taler", "dbname", "taler");
        assertParams("postgres://");
        assertParams("postgres://bob@127.0.0.1", "user", "bob", "host", "127.0.0.1");
        assertParams("postgresql://carol@h", "user", "carol", "host", "h");
        assertParams("postgresql://h:/", "host", "h");
        assertParams("postgresql://u:@h", "user", "u", "host", "h");
        assertParams("postgresql://:pw@h", "password", "pw", "host", "h");
        assertParams("  POSTGRESQL://h/d  ", "host", "h", "dbname", "d");
        assertTrue(LibpqConnInfo.isUri(" postgres://x"));
        assertFalse(LibpqConnInfo.isUri("host=x"));
    }

    @Test
    void socketDirectories() {
        assertParams("postgres:///taler?host=/run/pg&port=5555&user=x",
                "dbname", "taler", "host", "/run/pg", "port", "5555", "user", "x");
        assertParams("postgres:///talercheck?host=%2Frun%2Fpg&port=5433&user=u",
                "dbname", "talercheck", "host", "/run/pg", "port", "5433", "user", "u");
        assertParams("postgresql://%2Fvar%2Flib%2Fpg/db", "host", "/var/lib/pg", "dbname", "db");
        assertParams("postgresql://%2Fvar%2Frun%2Fpg:5434/x", "host", "/var/run/pg", "port", "5434", "dbname", "x");
        assertParams("postgresql:///x", "dbname", "x");
    }

    @Test
    void ipv6() {
        assertParams("postgresql://u@[::1]:5433/d", "user", "u", "host", "::1", "port", "5433", "dbname", "d");
        assertParams("postgresql://[fe80::1%25eth0]/d", "host", "fe80::1%eth0", "dbname", "d");
        assertParams("postgresql://[::1]", "host", "::1");
    }

    @Test
    void uriDecodingAndQuery() {
        assertParams("postgresql://a+b:p+q%2Fr@h/my%20db%2B",
                "user", "a+b", "password", "p+q/r", "host", "h", "dbname", "my db+");
        assertParams("postgresql://u:p@ss@h/d", "user", "u", "password", "p@ss", "host", "h", "dbname", "d");
        // query parameters override earlier parts, unknown keys and empty values are kept
        assertParams("postgresql://h:1/d?port=2&&application_name=a%20b&nope=1&sslmode=&options=-c%20x%3Dy",
                "host", "h", "port", "2", "dbname", "d", "application_name", "a b", "nope", "1",
                "sslmode", "", "options", "-c x=y");
        assertParams("postgres://h?ssl=true", "host", "h", "sslmode", "require");
        assertParams("postgres://h?ssl=false", "host", "h", "ssl", "false");
        assertParams("postgres://h?password=a%26b=c", "host", "h", "password", "a&b=c");
        // the port is kept as written; callers validate it
        assertParams("postgres://h:x/db", "host", "h", "port", "x", "dbname", "db");
    }

    @Test
    void keyValue() {
        assertParams("host=/tmp port=5444 dbname='my db' user=taler password='a b\\'c'",
                "host", "/tmp", "port", "5444", "dbname", "my db", "user", "taler", "password", "a b'c");
        assertParams("host=10.0.0.1 port = 5440 user=ci password='a b\\'c' dbname=postgres",
                "host", "10.0.0.1", "port", "5440", "user", "ci", "password", "a b'c", "dbname", "postgres");
        assertParams("  host =\tdb  dbname=taler ", "host", "db", "dbname", "taler");
        assertParams("password=a\\ b\\\\c options='-c a=b' x=", "password", "a b\\c", "options", "-c a=b", "x", "");
        assertParams("sslmode=require hostaddr=::1 sslmode=disable", "sslmode", "disable", "hostaddr", "::1");
        assertParams("a=''b=2", "a", "", "b", "2");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "   ", "host=a dbname", "password='x", "=x", "host", "postgres://a,b/db", "postgres://a:1,b:2/db",
        "postgres:///db?nope", "postgres:///db?=1", "postgres://[::1/db", "postgres://[::1]x/db",
        "postgres://[]/db", "postgres://h/d%", "postgres://h/d%zz", "postgres://h/d%00",
        "postgres://h/d?x=%4", "mysql://root@h/d", "jdbc:postgresql://h/d",
    })
    void malformed(String conninfo) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibpqConnInfo.parse(conninfo));
        assertFalse(e.getMessage().isBlank());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void nullIsMalformed() {
        assertThrows(IllegalArgumentException.class, () -> LibpqConnInfo.parse(null));
    }

    @Test
    void errorMessagesNeverShowPasswords() {
        for (String s : List.of("postgres://u:top%zzsecret@h/d", "postgres://h/d?password=top%zzsecret",
                "mysql://root:topsecret@h/d", "host=h password=top secret", "postgres://u:topsecret@h/d%zz",
                "postgres://u:topsecret@[::1/d", "postgres://u:topsecret@h1,h2/d")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LibpqConnInfo.parse(s));
            assertFalse(e.getMessage().contains("secret"), e.getMessage());
        }
    }

    @Test
    void redacted() {
        LibpqConnInfo c = LibpqConnInfo.parse("postgresql://bob:s%40cret@db:1/my%20db?application_name=it's");
        assertEquals("user=bob password=*** host=db port=1 dbname='my db' application_name='it\\'s'", c.redacted());
        assertEquals(c.redacted(), c.toString());
        assertFalse(c.toString().contains("cret"));
        assertEquals("x=''", LibpqConnInfo.parse("x=").redacted());
        // apart from the password, the redacted form parses back to the same parameters
        LibpqConnInfo back = LibpqConnInfo.parse(c.redacted());
        assertEquals("***", back.get("password"));
        assertEquals("it's", back.get("application_name"));
        assertEquals("my db", back.get("dbname"));
    }

    @Test
    void paramsAreAnOrderedImmutableCopy() {
        LibpqConnInfo c = LibpqConnInfo.parse("b=1 a=2");
        assertEquals(List.of("b", "a"), List.copyOf(c.params().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> c.params().put("x", "y"));
        assertNull(c.get("host"));
        assertEquals(c, new LibpqConnInfo(Map.of("b", "1", "a", "2")));
    }
}

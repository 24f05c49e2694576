package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The security design on the finished install tree (docs/architecture.md): every launcher runs
 * with its own module's class path, so the air-gapped offline tool and the key-holding
 * security modules never load a database driver or an HTTP server, and the online httpd never
 * loads the security modules' private-key code.
 */
class LauncherClassPathIT {
    private static final Path TREE = InstallTreeIT.TREE;
    private static final Pattern CP = Pattern.compile(" -cp \"([^\"]+)\" ");

    /** Jar-name prefixes that mean: database driver, pool, migrations or HTTP server. */
    private static final List<String> DB_AND_HTTP = List.of("postgresql-", "HikariCP-", "flyway-", "netty-",
            "junixsocket-", "taler-db-", "taler-http-");

    /** The jar file names on a launcher's class path, read from the generated script. */
    static List<String> classPath(String launcher) throws IOException {
        String script = Files.readString(TREE.resolve("bin").resolve(launcher));
        Matcher m = CP.matcher(script);
        assertTrue(m.find(), "no -cp in " + launcher);
        List<String> jars = new ArrayList<>();
        for (String entry : m.group(1).split(":")) {
            assertTrue(entry.startsWith("$prefix/lib/"), entry);
            String name = entry.substring("$prefix/lib/".length());
            assertTrue(Files.isRegularFile(TREE.resolve("lib").resolve(name)), launcher + " needs missing " + name);
            jars.add(name);
        }
        return jars;
    }

    private static void assertNone(String launcher, List<String> prefixes) throws IOException {
        for (String jar : classPath(launcher)) {
            for (String p : prefixes) {
                assertFalse(jar.startsWith(p), launcher + " must not load " + jar);
            }
        }
    }

    private static boolean has(String launcher, String prefix) throws IOException {
        return classPath(launcher).stream().anyMatch(j -> j.startsWith(prefix));
    }

    @Test
    void offlineToolHasNoDatabaseNoHttpServerAndNoKeyStore() throws IOException {
        assertNone("taler-exchange-offline", DB_AND_HTTP);
        assertNone("taler-exchange-offline", List.of("taler-secmod-"));
        assertTrue(has("taler-exchange-offline", "taler-common-"));
    }

    @Test
    void securityModulesHaveNoDatabaseAndNoHttpServer() throws IOException {
        for (String cipher : List.of("rsa", "cs", "eddsa")) {
            String launcher = "taler-exchange-secmod-" + cipher;
            assertNone(launcher, DB_AND_HTTP);
            assertTrue(has(launcher, "taler-secmod-server-"), launcher);
            assertTrue(has(launcher, "taler-secmod-" + cipher + "-"), launcher);
            // one cipher per process: the other modules' key code is not loaded either
            for (String other : List.of("rsa", "cs", "eddsa")) {
                if (!other.equals(cipher)) {
                    assertFalse(has(launcher, "taler-secmod-" + other + "-"), launcher + " loads " + other);
                }
            }
        }
    }

    @Test
    void httpdHasNoSecurityModuleKeyCode() throws IOException {
        assertNone("taler-exchange-httpd", List.of("taler-secmod-", "taler-offline-", "taler-fakebank-"));
        assertTrue(has("taler-exchange-httpd", "netty-codec-http-"));
        assertTrue(has("taler-exchange-httpd", "postgresql-"));
    }

    @Test
    void workersAndFakebankCarryOnlyWhatTheyUse() throws IOException {
        assertNone("taler-exchange-wirewatch", List.of("taler-secmod-", "netty-", "taler-http-"));
        assertNone("taler-fakebank-run", List.of("postgresql-", "HikariCP-", "flyway-", "taler-db-", "taler-secmod-"));
        assertNone("taler-config", DB_AND_HTTP);
        assertEquals(List.of(), classPath("taler-config").stream().filter(j -> j.startsWith("taler-")
                && !j.startsWith("taler-common-")).toList(), "taler-config loads only common");
    }
}

package net.taler.secmod.eddsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import net.taler.common.cli.Programs;
import net.taler.common.config.ConfigLoader;
import net.taler.common.config.ValueParsers;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.secmod.SigningKeyInfo;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real program: as a child JVM (start, serve, SIGTERM → exit 0, {@code -T}, {@code -t}) and
 * in this JVM for the start-up failures and their exit codes.
 */
class SecmodEddsaMainTest {
    @TempDir
    Path dir;

    private Path writeConfig(String extra) throws Exception {
        Path conf = dir.resolve("test.conf");
        Files.writeString(conf, "[PATHS]\n"
                + "TALER_DATA_HOME = " + dir.resolve("data") + "/\n"
                + "TALER_RUNTIME_DIR = " + dir.resolve("run") + "/\n"
                + "[taler-exchange-secmod-eddsa]\n"
                + "KEY_DIR = ${TALER_DATA_HOME}/exchange-secmod-eddsa/keys\n"
                + "UNIXPATH = $TALER_RUNTIME_DIR/exchange-secmod-eddsa/server.sock\n"
                + "SM_PRIV_KEY = ${TALER_DATA_HOME}/exchange-secmod-eddsa/secmod-private-key\n"
                + "OVERLAP_DURATION = 5m\n"
                + "DURATION = 12 weeks\n"
                + "LOOKAHEAD_SIGN = 20 s\n"
                + extra);
        Files.createDirectories(dir.resolve("base"));
        return conf;
    }

    private Path socket() {
        return dir.resolve("run/exchange-secmod-eddsa/server.sock");
    }

    private Process launch(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SecmodEddsaMain.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("TALER_BASE_CONFIG", dir.resolve("base").toString());
        return pb.start();
    }

    private SigningKeyInfo onlyKey() throws Exception {
        try (EddsaSecmodClient c = new EddsaSecmodClient(socket(),
                new SecmodClientOptions(Duration.ofSeconds(20), Duration.ofSeconds(10), 1), null)) {
            Map<EddsaPublicKey, SigningKeyInfo> keys = c.keys();
            assertEquals(1, keys.size());
            return keys.values().iterator().next();
        }
    }

    private void stop(Process p) throws Exception {
        try {
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "helper did not stop");
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("out.log")));
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void runsServesAndStopsCleanlyKeepingItsKeys() throws Exception {
        Path conf = writeConfig("");
        Process p = launch("-c", conf.toString(), "-L", "INFO");
        SigningKeyInfo first;
        try {
            first = onlyKey();
            assertTrue(first.verifySmSignature());
        } finally {
            stop(p);
        }
        assertFalse(Files.exists(socket()), "socket removed on stop");
        Process again = launch("-c", conf.toString());
        try {
            assertEquals(first, onlyKey(), "same key and SM key after a restart");
        } finally {
            stop(again);
        }
    }

    @Test
    void timetravelAndTimeOptionsMoveTheAnchor() throws Exception {
        Path conf = writeConfig("");
        long before = System.currentTimeMillis() / 1000;
        Process p = launch("-c", conf.toString(), "-T", "+" + 86_400_000_000L);
        try {
            long anchor = onlyKey().anchor().seconds();
            assertTrue(anchor >= before + 86_400 && anchor <= before + 86_400 + 60, "anchor shifted by one day");
        } finally {
            stop(p);
        }
        Files.walk(dir.resolve("data/exchange-secmod-eddsa/keys")).filter(Files::isRegularFile).forEach(f -> {
            try {
                Files.delete(f);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Process q = launch("-c", conf.toString(), "--time=2031-06-01 12:00:00");
        try {
            assertEquals(ValueParsers.absoluteTime("2031-06-01 12:00:00"), onlyKey().anchor());
        } finally {
            stop(q);
        }
    }

    private static int exitCodeOf(Process p) throws Exception {
        try {
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "program did not exit");
            return p.exitValue();
        } finally {
            p.destroyForcibly();
        }
    }

    /** Runs the program in this JVM: only for paths that fail before signal handlers are installed. */
    private int runInJvm(String... args) {
        SecmodEddsaMain m = new SecmodEddsaMain();
        m.useLoader(new ConfigLoader(Map.of("TALER_BASE_CONFIG", dir.resolve("base").toString()), dir));
        return Programs.execute(m, args);
    }

    @Test
    void startupFailuresHaveTheDocumentedExitCodes() throws Exception {
        Path conf = writeConfig("");
        // 2: bad options
        assertEquals(2, runInJvm("-c", conf.toString(), "--bogus"));
        assertEquals(2, runInJvm("-c", conf.toString(), "-t", "yesterday-ish"));
        // 6: missing or inconsistent configuration
        Path noDuration = dir.resolve("nodur.conf");
        Files.writeString(noDuration, Files.readString(conf).replace("DURATION = 12 weeks\n", ""));
        assertEquals(6, runInJvm("-c", noDuration.toString()));
        Path overlapTooLong = dir.resolve("overlap.conf");
        Files.writeString(overlapTooLong, Files.readString(conf).replace("DURATION = 12 weeks", "DURATION = 5 m"));
        assertEquals(6, runInJvm("-c", overlapTooLong.toString()));
        // 4: SM key or socket cannot be created (in a child: these get past signal-handler set-up)
        Path blocker = dir.resolve("blocker");
        Files.writeString(blocker, "x");
        Path badSm = dir.resolve("badsm.conf");
        Files.writeString(badSm, Files.readString(conf).replace(
                "SM_PRIV_KEY = ${TALER_DATA_HOME}/exchange-secmod-eddsa/secmod-private-key",
                "SM_PRIV_KEY = " + blocker + "/key"));
        assertEquals(4, exitCodeOf(launch("-c", badSm.toString())));
        Path badSock = dir.resolve("badsock.conf");
        Files.writeString(badSock, Files.readString(conf).replace(
                "UNIXPATH = $TALER_RUNTIME_DIR/exchange-secmod-eddsa/server.sock", "UNIXPATH = " + blocker + "/s.sock"));
        assertEquals(4, exitCodeOf(launch("-c", badSock.toString())));
    }

    @Test
    void helpNamesTheOptions() throws Exception {
        assertEquals(0, runInJvm("--help"));
        assertEquals(0, runInJvm("--version"));
    }
}

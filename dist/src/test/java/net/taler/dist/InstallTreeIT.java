package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs the real launchers of the finished install tree as an operator or script would. */
class InstallTreeIT {
    static final Path TREE = Path.of(System.getProperty("taler.tree", "target/taler")).toAbsolutePath();

    @TempDir
    Path home;
    Path emptyConf;

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void setUp() throws IOException {
        emptyConf = home.resolve("empty.conf");
        Files.writeString(emptyConf, "");
    }

    static List<String[]> launchers() throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(System.getProperty("taler.launchers")))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(line.trim().split("\\s+"));
            }
        }
        return out;
    }

    static Stream<String> programNames() throws IOException {
        return launchers().stream().map(l -> l[0]);
    }

    Result run(Path cwd, String... cmd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("TALER_") || k.startsWith("XDG_"));
        env.put("HOME", home.toString());
        Path outFile = home.resolve("out.txt");
        Path errFile = home.resolve("err.txt");
        pb.redirectOutput(outFile.toFile()).redirectError(errFile.toFile());
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timeout running " + String.join(" ", cmd));
        }
        return new Result(p.exitValue(), Files.readString(outFile, StandardCharsets.UTF_8),
                Files.readString(errFile, StandardCharsets.UTF_8));
    }

    Result run(String... cmd) throws Exception {
        return run(home, cmd);
    }

    static String bin(String name) {
        return TREE.resolve("bin").resolve(name).toString();
    }

    @Test
    void everyListedLauncherExistsAndIsExecutable() throws IOException {
        List<String> names = programNames().toList();
        assertEquals(24, names.size(), "launchers.txt lists every upstream program");
        for (String n : names) {
            assertTrue(Files.isExecutable(TREE.resolve("bin").resolve(n)), n);
        }
    }

    @ParameterizedTest
    @MethodSource("programNames")
    void helpWorksForEveryProgram(String name) throws Exception {
        Result r = run(bin(name), "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(name) && r.out().contains("--config"), r.out());
        Result v = run(bin(name), "-v");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith(name + " "), v.out());
        Result bad = run(bin(name), "--no-such-option");
        assertEquals(2, bad.code(), bad.err());
        assertEquals(2, bad.err().strip().lines().count(), bad.err());
    }

    @Test
    void daemonsHaveAHeapLimitThatTalerJavaOptsOverrides() throws Exception {
        for (String[] l : launchers()) {
            String script = Files.readString(TREE.resolve("bin").resolve(l[0]));
            if (l[2].equals("daemon")) {
                assertTrue(script.contains(" -Xmx1g "), l[0] + " has no default heap limit");
                // later options win in the JVM: the operator's TALER_JAVA_OPTS come after the default
                assertTrue(script.indexOf("-Xmx1g") < script.indexOf("${TALER_JAVA_OPTS:-}"), l[0]);
            }
        }
    }

    @Test
    void placeholdersSayTheyAreNotImplemented() throws Exception {
        Result r = run(bin("taler-exchange-aggregator"), "-c", emptyConf.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("not implemented yet"), r.err());
        assertTrue(run(bin("taler-exchange-aggregator"), "-h").out().contains("NOT IMPLEMENTED YET"));
    }

    @Test
    void talerConfigReadsShippedDefaults() throws Exception {
        Result r = run(bin("taler-config"), "-c", emptyConf.toString(), "-s", "exchange", "-o", "PORT");
        assertEquals(0, r.code(), r.err());
        assertEquals("8081\n", r.out());
    }

    @Test
    void filenameExpansionGivesAnAbsolutePath() throws Exception {
        Result r = run(bin("taler-config"), "-f", "-s", "exchange-offline", "-o", "MASTER_PRIV_FILE");
        assertEquals(0, r.code(), r.err());
        assertEquals(home + "/.local/share/taler/exchange-offline/master.priv\n", r.out());
    }

    @Test
    void exitCodes() throws Exception {
        assertEquals(6, run(bin("taler-config"), "-c", emptyConf.toString(), "-s", "exchange", "-o", "MASTER_PUBLIC_KEY").code());
        assertEquals(2, run(bin("taler-config"), "-c", emptyConf.toString()).code());
        assertEquals(1, run(bin("taler-config"), "-c", home.resolve("absent.conf").toString(), "-s", "a", "-o", "b").code());
    }

    @Test
    void launcherWorksThroughASymlinkFromAnotherDirectory() throws Exception {
        Path links = home.resolve("links");
        Files.createDirectories(links);
        Path link = links.resolve("taler-config");
        Files.createSymbolicLink(link, TREE.resolve("bin/taler-config"));
        Path link2 = links.resolve("tc2");
        Files.createSymbolicLink(link2, link);
        Path elsewhere = Files.createDirectories(home.resolve("some/where"));
        Result r = run(elsewhere, link2.toString(), "-c", emptyConf.toString(), "-s", "taler", "-o", "CURRENCY");
        assertEquals(0, r.code(), r.err());
        assertEquals("KUDOS\n", r.out());
    }

    @Test
    void configDirHoldsOnlyConfFilesWhereTheHarnessLooks() throws Exception {
        // wallet-core's harness: realpath(dirname(which taler-config) + "/../share/taler/config.d")
        Path configD = TREE.resolve("bin").resolve("..").resolve("share/taler/config.d").toRealPath();
        try (Stream<Path> files = Files.list(configD)) {
            List<Path> all = files.toList();
            assertTrue(all.size() >= 10, all.toString());
            for (Path p : all) {
                assertTrue(p.getFileName().toString().endsWith(".conf"), p.toString());
            }
        }
        Result r = run(bin("taler-config"), "-c", emptyConf.toString(), "-d");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(configD.resolve("exchange.conf").toString()), r.out());
    }

    @Test
    void setValueRoundTrip() throws Exception {
        Path conf = home.resolve("exchange.conf");
        Files.writeString(conf, "[exchange]\nBASE_URL = http://localhost:8081/\n");
        String payto = "payto://x-taler-bank/localhost/Exchange?receiver-name=Exchange";
        assertEquals(0, run(bin("taler-config"), "-c", conf.toString(), "-s", "exchange-account-1", "-o", "PAYTO_URI",
                "-V", payto).code());
        Result r = run(bin("taler-config"), "-c", conf.toString(), "-s", "exchange-account-1", "-o", "payto_uri");
        assertEquals(payto + "\n", r.out());
        assertEquals("[exchange-account-1]\nPAYTO_URI = " + payto + "\n\n", Files.readString(conf));
    }
}

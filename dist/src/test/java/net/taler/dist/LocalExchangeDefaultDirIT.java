package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.taler.common.amount.Amount;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.TestWallet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, defect 7: README's run command, {@code dist/target/taler/bin/taler-exchange-local up}
 * with no options, works on a fresh machine as root (data under /var/lib, where the cluster's
 * OS user postgres reaches it) and as a normal user (data under the XDG default of its HOME).
 * The package step of the README command is what built the tree this test runs. Uses the
 * README's ports 8081 and 8082: the test fails (it does not skip) if they are taken.
 */
class LocalExchangeDefaultDirIT {
    private static final Path ROOT_DEFAULT = Path.of("/var/lib/taler-exchange-local");
    private static final int PORT = 8081;

    /** The user the command runs as, null for the test's own (root). */
    private String user;
    private Path home;
    private Process up;
    private Path out;
    private final List<Path> toDelete = new ArrayList<>();

    @AfterEach
    void tearDown() throws Exception {
        if (up != null && up.isAlive()) {
            run("down");
            if (!up.waitFor(30, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        for (Path p : toDelete) {
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                try (var paths = Files.walk(p)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
            }
        }
    }

    @Test
    void readmeCommandAsRoot() throws Exception {
        assumeTrue(isRoot(), "the root case needs root");
        assertPortsFree();
        if (!Files.exists(ROOT_DEFAULT)) {
            toDelete.add(ROOT_DEFAULT); // the test made it; a pre-existing one is the operator's
        }
        home = Path.of(System.getProperty("user.home"));
        upAndFund();

        assertTrue(Files.readString(out).contains("data:      " + ROOT_DEFAULT), Files.readString(out));
        if (toDelete.contains(ROOT_DEFAULT)) {
            assertEquals("rwx--x--x", mode(ROOT_DEFAULT), "only traversable by others (user postgres)");
        }
        PosixFileAttributes pg = attrs(ROOT_DEFAULT.resolve("pg"));
        assertEquals("postgres", pg.owner().getName());
        assertEquals("rwx------", PosixFilePermissions.toString(pg.permissions()));
        assertEquals("postgres", attrs(ROOT_DEFAULT.resolve("pg-sock")).owner().getName());
        assertEquals("rwx------", mode(ROOT_DEFAULT.resolve("pg-sock")));
        for (String secret : List.of("home", "home/offline", "run", "log")) {
            PosixFileAttributes a = attrs(ROOT_DEFAULT.resolve(secret));
            assertEquals("root", a.owner().getName(), secret);
            assertEquals("rwx------", PosixFilePermissions.toString(a.permissions()), secret);
        }
        assertEquals("rw-------", mode(ROOT_DEFAULT.resolve("taler.conf")));
        assertDown();
    }

    @Test
    void readmeCommandAsNormalUser() throws Exception {
        assumeTrue(isRoot(), "switching to user nobody needs root");
        assertPortsFree();
        // nobody's home (/nonexistent) does not exist: give it a fresh one it owns.
        user = "nobody";
        // Short: UNIX socket paths below it (run/exchange-secmod-*/server.sock) have a 108-byte limit.
        home = Path.of("/tmp", "tlh-" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        Files.createDirectory(home);
        toDelete.add(home);
        chown(home, "nobody");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------"));
        upAndFund();

        Path data = data();
        assertTrue(Files.readString(out).contains("data:      " + data), Files.readString(out));
        assertEquals("nobody", attrs(data.resolve("pg")).owner().getName());
        assertEquals("nobody", attrs(data.resolve("home/offline")).owner().getName());
        assertEquals("rwx------", mode(data));
        assertDown();
    }

    /** Runs {@code up} unchanged, waits for the banner, /keys, and a funded reserve credited. */
    private void upAndFund() throws Exception {
        out = Files.createTempFile("taler-local-up", ".out");
        toDelete.add(out);
        up = builder("up").redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (!Files.readString(out, StandardCharsets.UTF_8).contains("Local exchange is up.")) {
            if (!up.isAlive()) {
                throw new AssertionError("up exited " + up.exitValue() + ":\n" + Files.readString(out) + logs());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not up within 300 s:\n" + read(out) + logs());
            }
            Thread.sleep(250);
        }
        String banner = Files.readString(out);
        assertTrue(banner.contains("http://localhost:" + PORT + "/"), banner);
        TestWallet wallet = TestWallet.connect("http://localhost:" + PORT + "/",
                "http://localhost:" + (PORT + 1) + "/taler-wire-gateway/exchange/");
        assertTrue(wallet.keys().denominations().size() > 0, "/keys lists denominations");
        Reserve reserve = wallet.createReserve();
        wallet.fund(reserve, Amount.parse("KUDOS:5"));
        assertEquals(Amount.parse("KUDOS:5"), wallet.awaitReserve(reserve, Duration.ofSeconds(60)));
    }

    private void assertDown() throws Exception {
        ExchangeTestbed.Result down = run("down");
        assertEquals(0, down.code(), down::toString);
        assertTrue(up.waitFor(60, TimeUnit.SECONDS), "up ends after down");
        assertEquals(0, up.exitValue(), () -> read(out));
    }

    private ProcessBuilder builder(String command) {
        List<String> cmd = new ArrayList<>();
        if (user != null) {
            cmd.addAll(List.of("runuser", "-u", user, "--", "env", "HOME=" + home));
        }
        cmd.add(InstallTreeIT.bin("taler-exchange-local"));
        cmd.add(command);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
        // A newcomer's environment: nothing that moves the data directory.
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_") || k.startsWith("XDG_"));
        return pb;
    }

    private ExchangeTestbed.Result run(String command) throws Exception {
        Path o = Files.createTempFile("taler-local-" + command, ".out");
        toDelete.add(o);
        Process p = builder(command).redirectErrorStream(true).redirectOutput(o.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "taler-exchange-local " + command + " hung");
        return new ExchangeTestbed.Result(p.exitValue(), Files.readString(o), "");
    }

    private static void assertPortsFree() {
        for (int port : new int[] {PORT, PORT + 1}) {
            try (ServerSocket s = new ServerSocket(port)) {
                s.close();
            } catch (IOException e) {
                throw new AssertionError("port " + port + " is in use: README's command needs 8081 and 8082; "
                        + "stop whatever listens there and run this test again");
            }
        }
    }

    private static void chown(Path p, String owner) throws IOException {
        Files.setOwner(p, p.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
    }

    private static PosixFileAttributes attrs(Path p) throws IOException {
        return Files.readAttributes(p, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(attrs(p).permissions());
    }

    /** The data directory of this run. */
    private Path data() {
        return user == null ? ROOT_DEFAULT : home.resolve(".local/share/taler-exchange-local");
    }

    /** The last lines of each program's log, for a failure message. */
    private String logs() {
        StringBuilder sb = new StringBuilder();
        try (var files = Files.list(data().resolve("log"))) {
            for (Path f : files.sorted().toList()) {
                List<String> lines = Files.readAllLines(f);
                sb.append("\n=== ").append(f.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> sb.append(l).append('\n'));
            }
        } catch (IOException e) {
            sb.append("\n(no logs: ").append(e.getMessage()).append(')');
        }
        return sb.toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}

package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.taler.common.amount.Amount;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawnCoin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * README's run command: {@code taler-exchange-local up} brings up a private PostgreSQL
 * cluster, the fakebank, the secmods, the httpd and wirewatch with a generated KUDOS
 * configuration; a wallet withdraws; {@code down} stops every process; a second {@code up}
 * finds the same keys and reserves. The private cluster admits no other local user (issue 14,
 * defect 1); a part that dies is restarted while the rest keeps running (defect 2).
 */
class LocalExchangeIT {
    private Path dir;
    private Process up;

    private static String tool() {
        return InstallTreeIT.bin("taler-exchange-local");
    }

    @AfterEach
    void tearDown() throws Exception {
        if (up != null && up.isAlive()) {
            run("down");
            if (!up.waitFor(30, TimeUnit.SECONDS)) {
                up.destroyForcibly();
            }
        }
        if (dir != null && !Boolean.getBoolean("taler.it.keepLocal")) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private ExchangeTestbed.Result run(String... args) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd(args));
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_"));
        Path out = Files.createTempFile(dir, "run", ".out");
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "taler-exchange-local " + String.join(" ", args) + " hung");
        return new ExchangeTestbed.Result(p.exitValue(), Files.readString(out), "");
    }

    private List<String> cmd(String... args) {
        List<String> c = new java.util.ArrayList<>(List.of(tool(), "-d", dir.toString()));
        c.addAll(List.of(args));
        return c;
    }

    /** Starts {@code up} and waits for its "is up" banner; returns the output file. */
    private Path startUp(int port) throws Exception {
        Path out = dir.resolve("up.out");
        Files.deleteIfExists(out);
        ProcessBuilder pb = new ProcessBuilder(cmd("--port", Integer.toString(port), "up"));
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_"));
        up = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
        while (System.nanoTime() < deadline) {
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (text.contains("Local exchange is up.")) {
                return out;
            }
            if (!up.isAlive()) {
                throw new AssertionError("up exited " + up.exitValue() + ":\n" + text + logs());
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not up within 300 s:\n" + Files.readString(out) + logs());
    }

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        Path log = dir.resolve("log");
        if (Files.isDirectory(log)) {
            try (var files = Files.list(log)) {
                for (Path f : files.toList()) {
                    List<String> lines = Files.readAllLines(f);
                    sb.append("\n=== ").append(f.getFileName()).append('\n');
                    lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(l -> sb.append(l).append('\n'));
                }
            }
        }
        return sb.toString();
    }

    /**
     * The local addresses with a listening TCP socket on {@code port}, read from the kernel's
     * socket tables (no traffic): "127.0.0.1", "0.0.0.0", "::", ….
     */
    static List<String> listenAddresses(int port) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path p = Path.of(table);
            if (!Files.isReadable(p)) {
                continue;
            }
            List<String> lines = Files.readAllLines(p); // read once: the table changes meanwhile
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                String[] local = f[1].split(":");
                if (!f[3].equals("0A") || Integer.parseInt(local[1], 16) != port) {
                    continue; // 0A = LISTEN
                }
                out.add(procAddress(local[0]));
            }
        }
        return out;
    }

    /** A /proc/net/tcp{,6} address (32-bit words in host order, little-endian here) as text. */
    private static String procAddress(String hex) throws IOException {
        byte[] b = new byte[hex.length() / 2];
        for (int w = 0; w < b.length / 4; w++) {
            for (int i = 0; i < 4; i++) {
                b[w * 4 + i] = (byte) Integer.parseInt(hex.substring(w * 8 + (3 - i) * 2, w * 8 + (3 - i) * 2 + 2), 16);
            }
        }
        return java.net.InetAddress.getByAddress(b).getHostAddress();
    }

    /**
     * A fresh data directory under /tmp (as root the cluster runs as user postgres, which must be
     * able to enter it) and a free exchange port whose successor (the bank's) is free too.
     */
    private int newDirAndPorts() throws IOException {
        dir = Files.createTempDirectory(Path.of("/tmp"), "taler-local-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = ExchangeTestbed.freePort();
        while (!portFree(port + 1)) {
            port = ExchangeTestbed.freePort();
        }
        return port;
    }

    @Test
    void upWithdrawDownUpAgain() throws Exception {
        int port = newDirAndPorts();
        String exchange = "http://localhost:" + port + "/";
        String gateway = "http://localhost:" + (port + 1) + "/taler-wire-gateway/exchange/";

        Path banner = startUp(port);
        String text = Files.readString(banner);
        assertTrue(text.contains(exchange), text);
        assertTrue(text.contains("admin/add-incoming"), "tells how to wire money in:\n" + text);
        assertEquals(0, run("status").code(), () -> "status while up");
        // loopback only by default: the fakebank has no authentication (issue 14, defect 8)
        assertEquals(List.of("127.0.0.1"), listenAddresses(port), "exchange listens on");
        assertEquals(List.of("127.0.0.1"), listenAddresses(port + 1), "fakebank listens on");

        TestWallet wallet = TestWallet.connect(exchange, gateway);
        Reserve reserve = wallet.createReserve();
        wallet.fund(reserve, Amount.parse("KUDOS:5"));
        assertEquals(Amount.parse("KUDOS:5"), wallet.awaitReserve(reserve, Duration.ofSeconds(30)));
        List<WithdrawnCoin> coins = wallet.withdrawAmount(reserve, Amount.parse("KUDOS:3"));
        assertFalse(coins.isEmpty());
        Amount left = wallet.exchange().reserveBalance(reserve.pub(), Duration.ZERO).orElseThrow();
        String masterKey = wallet.keys().masterPub().toBase32();
        assertClusterClosedToOthers(wallet, reserve);

        ExchangeTestbed.Result down = run("down");
        assertEquals(0, down.code(), down::toString);
        assertTrue(up.waitFor(30, TimeUnit.SECONDS), "up ends after down");
        assertEquals(0, up.exitValue());
        ExchangeTestbed.Result status = run("status");
        assertEquals(7, status.code(), status::toString);
        assertFalse(status.out().contains(": running"), status.out());

        // A cluster as an older version left it (trust for everyone, an open socket directory)
        // is closed by the next 'up'.
        Files.writeString(dir.resolve("pg/pg_hba.conf"), "local all all trust\nhost all all 127.0.0.1/32 trust\n");
        Files.setPosixFilePermissions(dir.resolve("pg-sock"), PosixFilePermissions.fromString("rwxr-xr-x"));

        // Same data after a restart: master key, reserve and balance; the new bank works too.
        startUp(port);
        TestWallet again = TestWallet.connect(exchange, gateway);
        assertEquals(masterKey, again.keys().masterPub().toBase32());
        assertEquals(left, again.exchange().reserveBalance(reserve.pub(), Duration.ZERO).orElseThrow());
        assertClusterClosedToOthers(again, reserve);
        Reserve second = again.createReserve();
        again.fund(second, Amount.parse("KUDOS:2"));
        assertEquals(Amount.parse("KUDOS:2"), again.awaitReserve(second, Duration.ofSeconds(30)));
        assertFalse(again.withdrawAmount(second, Amount.parse("KUDOS:1")).isEmpty());
    }

    /**
     * Issue 14, defect 2: kill -9 wirewatch and the httpd (then PostgreSQL) under a running
     * {@code up}: the supervisor starts them again, the fakebank keeps running with its
     * in-memory transfers, and every transfer is credited exactly once.
     */
    @Test
    void supervisorRestartsADeadPartAndKeepsTheRest() throws Exception {
        int port = newDirAndPorts();
        String exchange = "http://localhost:" + port + "/";
        startUp(port);
        TestWallet wallet = TestWallet.connect(exchange, "http://localhost:" + (port + 1) + "/taler-wire-gateway/exchange/");
        long fakebank = pid("fakebank");

        Reserve credited = wallet.createReserve();
        wallet.fund(credited, Amount.parse("KUDOS:5"));
        assertEquals(Amount.parse("KUDOS:5"), wallet.awaitReserve(credited, Duration.ofSeconds(30)));
        // Wired just before the kill: wirewatch may or may not have seen it.
        Reserve inFlight = wallet.createReserve();
        long row = wallet.fund(inFlight, Amount.parse("KUDOS:3"));
        long wirewatch = pid("wirewatch");
        long httpd = pid("httpd");
        ProcessHandle.of(wirewatch).ifPresent(ProcessHandle::destroyForcibly);
        ProcessHandle.of(httpd).ifPresent(ProcessHandle::destroyForcibly);
        // Wired while wirewatch is dead.
        Reserve whileDown = wallet.createReserve();
        assertEquals(row + 1, wallet.fund(whileDown, Amount.parse("KUDOS:2")), "the fakebank kept its history");

        long newWirewatch = awaitRestart("wirewatch", wirewatch);
        long newHttpd = awaitRestart("httpd", httpd);
        awaitKeys(exchange);
        assertTrue(up.isAlive(), "up is still running");
        assertEquals(fakebank, pid("fakebank"), "the fakebank was not restarted");
        assertEquals(Amount.parse("KUDOS:3"), wallet.awaitReserve(inFlight, Duration.ofSeconds(60)));
        assertEquals(Amount.parse("KUDOS:2"), wallet.awaitReserve(whileDown, Duration.ofSeconds(60)));
        assertEquals(Amount.parse("KUDOS:5"), wallet.exchange().reserveBalance(credited.pub(), Duration.ZERO).orElseThrow());
        assertFalse(wallet.withdrawAmount(whileDown, Amount.parse("KUDOS:1")).isEmpty(), "the new httpd signs");
        ExchangeTestbed.Result status = run("status");
        assertEquals(0, status.code(), status::toString);
        assertTrue(status.out().contains("wirewatch: running (pid " + newWirewatch + ")"), status.out());
        assertTrue(status.out().contains("httpd: running (pid " + newHttpd + ")"), status.out());

        // PostgreSQL of the private cluster is restarted too; transfers still get credited.
        Path postmasterPid = dir.resolve("pg/postmaster.pid");
        long postmaster = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
        ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroyForcibly);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (true) {
            ExchangeTestbed.Result s = run("status");
            if (s.code() == 0 && Files.exists(postmasterPid)
                    && Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim()) != postmaster) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("PostgreSQL not restarted:\n" + s + logs());
            }
            Thread.sleep(500);
        }
        Reserve afterDb = wallet.createReserve();
        assertEquals(row + 2, wallet.fund(afterDb, Amount.parse("KUDOS:4")));
        assertEquals(Amount.parse("KUDOS:4"), wallet.awaitReserve(afterDb, Duration.ofSeconds(90)));
        assertEquals(fakebank, pid("fakebank"), "the fakebank was not restarted");
        String out = Files.readString(dir.resolve("up.out"));
        assertTrue(out.contains("wirewatch stopped"), out);
        assertTrue(out.contains("postgres stopped"), out);
    }

    /** Waits until {@code /keys} answers 200 (a restarted httpd needs a moment to listen). */
    private void awaitKeys(String exchange) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(exchange + "keys"))
                .timeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            try {
                if (client.send(req, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("/keys does not answer after the restart:\n" + logs());
            }
            Thread.sleep(250);
        }
    }

    private long pid(String part) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("run").resolve(part + ".pid")).trim());
    }

    /** Waits until the supervisor has started {@code part} again; returns its new pid. */
    private long awaitRestart(String part, long oldPid) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Path f = dir.resolve("run").resolve(part + ".pid");
            if (Files.exists(f)) {
                String text = Files.readString(f).trim();
                if (!text.isEmpty() && Long.parseLong(text) != oldPid
                        && ProcessHandle.of(Long.parseLong(text)).map(ProcessHandle::isAlive).orElse(false)) {
                    return Long.parseLong(text);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(part + " was not restarted:\n" + Files.readString(dir.resolve("up.out")) + logs());
    }

    /**
     * Issue 14, defect 1's reproducer: another local user runs psql against the private
     * cluster's socket as the database role of the user who ran {@code up} (its superuser) and
     * tries to give every reserve a million.
     */
    private ExchangeTestbed.Result psqlAs(String osUser) throws Exception {
        return runAs(List.of("runuser", "-u", osUser, "--", psql(), "-X", "-v", "ON_ERROR_STOP=1",
                "-h", dir.resolve("pg-sock").toString(), "-U", System.getProperty("user.name"), "-d", "taler",
                "-c", "UPDATE exchange.reserves SET current_balance_val = 1000000"));
    }

    private ExchangeTestbed.Result runAs(List<String> command) throws Exception {
        Path out = Files.createTempFile(dir, "psql", ".out");
        Process p = new ProcessBuilder(command).directory(new java.io.File("/"))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "hung: " + command);
        return new ExchangeTestbed.Result(p.exitValue(), Files.readString(out), "");
    }

    static String psql() {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(d, "psql"))) {
                return Path.of(d, "psql").toString();
            }
        }
        try (var dirs = Files.newDirectoryStream(Path.of("/usr/lib/postgresql"))) {
            for (Path d : dirs) {
                if (Files.isExecutable(d.resolve("bin/psql"))) {
                    return d.resolve("bin/psql").toString();
                }
            }
        } catch (IOException e) {
            // fall through
        }
        throw new AssertionError("no psql found");
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Other local users reach no role of the private cluster; its own user still does. */
    private void assertClusterClosedToOthers(TestWallet wallet, Reserve reserve) throws Exception {
        assumeTrue(isRoot(), "switching to other local users needs root");
        Amount before = wallet.exchange().reserveBalance(reserve.pub(), Duration.ZERO).orElseThrow();
        ExchangeTestbed.Result nobody = psqlAs("nobody");
        assertNotEquals(0, nobody.code(), () -> "user nobody wrote to the exchange's database:\n" + nobody);
        assertFalse(nobody.out().contains("UPDATE"), nobody::toString);
        // Also past the socket directory (user postgres owns it as the cluster's OS user): peer auth.
        ExchangeTestbed.Result postgres = psqlAs("postgres");
        assertNotEquals(0, postgres.code(), () -> "user postgres got in as the superuser role:\n" + postgres);
        assertTrue(postgres.out().contains("authentication failed"), postgres::toString);
        assertEquals(before, wallet.exchange().reserveBalance(reserve.pub(), Duration.ZERO).orElseThrow());
        // The user who ran 'up' is the one who gets in.
        ExchangeTestbed.Result own = runAs(List.of(psql(), "-X", "-h", dir.resolve("pg-sock").toString(),
                "-d", "taler", "-tAc", "SELECT count(*) FROM exchange.reserves"));
        assertEquals(0, own.code(), own::toString);
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("pg-sock"))),
                "pg-sock mode");
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

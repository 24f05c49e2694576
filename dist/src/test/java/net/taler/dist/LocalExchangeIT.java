package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * finds the same keys and reserves.
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
        Path out = dir.resolve("up-" + System.nanoTime() + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd("--port", Integer.toString(port), "up"));
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_"));
        up = pb.redirectErrorStream(true).redirectOutput(out.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
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
        throw new AssertionError("not up within 180 s:\n" + Files.readString(out) + logs());
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
            for (String line : Files.readAllLines(p).subList(1, Files.readAllLines(p).size())) {
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

    @Test
    void upWithdrawDownUpAgain() throws Exception {
        // As root the cluster runs as user postgres, which must be able to enter the directory.
        dir = Files.createTempDirectory(Path.of("/tmp"), "taler-local-it");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port = ExchangeTestbed.freePort();
        while (!portFree(port + 1)) {
            port = ExchangeTestbed.freePort();
        }
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

        ExchangeTestbed.Result down = run("down");
        assertEquals(0, down.code(), down::toString);
        assertTrue(up.waitFor(30, TimeUnit.SECONDS), "up ends after down");
        assertEquals(0, up.exitValue());
        ExchangeTestbed.Result status = run("status");
        assertEquals(7, status.code(), status::toString);
        assertFalse(status.out().contains(": running"), status.out());

        // Same data after a restart: master key, reserve and balance; the new bank works too.
        startUp(port);
        TestWallet again = TestWallet.connect(exchange, gateway);
        assertEquals(masterKey, again.keys().masterPub().toBase32());
        assertEquals(left, again.exchange().reserveBalance(reserve.pub(), Duration.ZERO).orElseThrow());
        Reserve second = again.createReserve();
        again.fund(second, Amount.parse("KUDOS:2"));
        assertEquals(Amount.parse("KUDOS:2"), again.awaitReserve(second, Duration.ofSeconds(30)));
        assertFalse(again.withdrawAmount(second, Amount.parse("KUDOS:1")).isEmpty());
    }

    private static boolean portFree(int port) {
        try (java.net.ServerSocket s = new java.net.ServerSocket(port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

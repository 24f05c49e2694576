package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import net.taler.common.crypto.EddsaPrivateKey;

/**
 * A complete exchange run from the install tree's launchers, as wallet-core's harness runs it
 * (operations.md 3.10): config writing, the offline tool and taler-config as CLI runs, the
 * three security modules and the httpd as child processes with their logs in the test directory.
 */
final class ExchangeTestbed {
    static final String CURRENCY = "TESTKUDOS";
    static final String PAYTO = "payto://x-taler-bank/localhost/exchange?receiver-name=Exchange";
    static final String[] SECMODS = {"taler-exchange-secmod-eddsa", "taler-exchange-secmod-rsa",
        "taler-exchange-secmod-cs"};

    /** Coin sections: name, value, cipher. */
    static final String[][] COINS = {{"COIN_TESTKUDOS_U1", "TESTKUDOS:1", "RSA"},
        {"COIN_TESTKUDOS_CT10", "TESTKUDOS:0.1", "RSA"}, {"COIN_TESTKUDOS_CS1", "TESTKUDOS:1", "CS"}};

    /** The fakebank account of {@link #PAYTO}. */
    static final String BANK_ACCOUNT = "exchange";

    final Path dir;
    final Path conf;
    final int port;
    /** The fakebank's port; 0 for a testbed without bank ({@link #withBank}). */
    int bankPort;
    String masterPub;
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    private final Map<String, Path> logs = new LinkedHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    record Result(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- stdout:\n" + out + "\n--- stderr:\n" + err;
        }
    }

    ExchangeTestbed(Path dir, String dbUri) throws IOException {
        this(dir, dbUri, "");
    }

    /** Writes the configuration; {@code extra} is appended verbatim (e.g. listen settings). */
    ExchangeTestbed(Path dir, String dbUri, String extra) throws IOException {
        this.dir = dir;
        this.conf = dir.resolve("exchange.conf");
        this.port = freePort();
        StringBuilder sb = new StringBuilder();
        sb.append("[taler]\nCURRENCY = ").append(CURRENCY).append("\nCURRENCY_ROUND_UNIT = TESTKUDOS:0.01\n\n");
        sb.append("[PATHS]\nTALER_HOME = ").append(dir.resolve("talerhome")).append('\n')
                .append("TALER_DATA_HOME = $TALER_HOME/.local/share/taler/\n")
                .append("TALER_CONFIG_HOME = $TALER_HOME/.config/taler/\n")
                .append("TALER_CACHE_HOME = $TALER_HOME/.cache/taler/\n")
                .append("TALER_RUNTIME_DIR = ").append(dir.resolve("rt")).append("/\n\n");
        sb.append("[exchange]\nMAX_KEYS_CACHING = forever\nDB = postgres\nSERVE = tcp\n")
                .append("PORT = ").append(port).append('\n')
                .append("BASE_URL = http://localhost:").append(port).append("/\n\n");
        sb.append("[exchangedb-postgres]\nCONFIG = ").append(dbUri).append("\n\n");
        sb.append("[exchange-offline]\nMASTER_PRIV_FILE = ").append(dir.resolve("offline/master.priv")).append('\n')
                .append("SECM_TOFU_FILE = ").append(dir.resolve("offline/secm_tofus.pub")).append("\n\n");
        sb.append("[exchange-account-1]\nPAYTO_URI = ").append(PAYTO)
                .append("\nENABLE_DEBIT = YES\nENABLE_CREDIT = YES\n\n");
        for (String kind : new String[] {"eddsa", "rsa", "cs"}) {
            sb.append("[taler-exchange-secmod-").append(kind).append("]\nLOOKAHEAD_SIGN = 20 s\n")
                    .append("UNIXPATH = ").append(dir.resolve("rt/secmod-" + kind + ".sock")).append('\n')
                    .append("KEY_DIR = ").append(dir.resolve("keys/" + kind)).append("\n\n");
        }
        for (String[] coin : COINS) {
            sb.append('[').append(coin[0]).append("]\nVALUE = ").append(coin[1]).append('\n')
                    .append("DURATION_WITHDRAW = 7 days\nDURATION_SPEND = 2 years\nDURATION_LEGAL = 3 years\n")
                    .append("FEE_DEPOSIT = TESTKUDOS:0\nFEE_WITHDRAW = TESTKUDOS:0.01\n")
                    .append("FEE_REFRESH = TESTKUDOS:0.01\nFEE_REFUND = TESTKUDOS:0\n")
                    .append("CIPHER = ").append(coin[2]).append('\n');
            if (coin[2].equals("RSA")) {
                sb.append("RSA_KEYSIZE = 1024\n");
            }
            sb.append('\n');
        }
        sb.append(extra);
        Files.createDirectories(dir.resolve("rt"));
        Files.writeString(conf, sb.toString());
    }

    /**
     * A testbed whose configuration also has the fakebank ({@code [bank]}) and the wire-gateway
     * credentials of {@code exchange-account-1} pointing at it (operations.md 1.8, 3.4).
     */
    static ExchangeTestbed withBank(Path dir, String dbUri, String extra) throws IOException {
        return withBank(dir, dbUri, extra, 1024);
    }

    /** As {@link #withBank(Path, String, String)}, the fakebank keeping {@code ramLimit} transactions. */
    static ExchangeTestbed withBank(Path dir, String dbUri, String extra, int ramLimit) throws IOException {
        int bp = freePort();
        String bank = "[bank]\nHTTP_PORT = " + bp + "\nHOSTNAME = localhost\nRAM_LIMIT = " + ramLimit + "\n\n"
                + "[exchange-accountcredentials-1]\nWIRE_GATEWAY_URL = http://localhost:" + bp
                + "/taler-wire-gateway/" + BANK_ACCOUNT + "/\nWIRE_GATEWAY_AUTH_METHOD = none\n\n";
        ExchangeTestbed b = new ExchangeTestbed(dir, dbUri, bank + extra);
        b.bankPort = bp;
        return b;
    }

    /** The exchange account's wire gateway base URL at the fakebank. */
    String wireGatewayUrl() {
        if (bankPort == 0) {
            throw new IllegalStateException("testbed without bank");
        }
        return "http://localhost:" + bankPort + "/taler-wire-gateway/" + BANK_ACCOUNT + "/";
    }

    /** Starts taler-fakebank-run and waits until it answers its readiness probe. */
    Process startFakebank() throws Exception {
        Process p = start("taler-fakebank-run", "taler-fakebank-run");
        URI probe = URI.create("http://localhost:" + bankPort + "/taler-bank-integration/config");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("fakebank died with exit " + p.exitValue() + "\n" + logs());
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(probe).timeout(Duration.ofSeconds(5)).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return p;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("fakebank not ready within 60 s, last: " + last + "\n" + logs());
    }

    /** Starts a continuous taler-exchange-wirewatch under {@code name} with extra options. */
    Process startWirewatch(String name, String... args) throws IOException {
        return start(name, "taler-exchange-wirewatch", args);
    }

    /** {@code taler-exchange-wirewatch -c CONF -t [args]} to completion (the harness's run-once). */
    Result wirewatchOnce(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-c", conf.toString(), "-L", "INFO", "-t"));
        a.addAll(List.of(args));
        return run("taler-exchange-wirewatch", a.toArray(String[]::new));
    }

    /**
     * The harness's key-up (operations.md 3.9, 3.10): sign the keys, enable the account, wire
     * fees for {@code year} and the next one, global fees for {@code year}.
     */
    void keyup(int year) throws Exception {
        offline("download", "sign", "upload");
        offline("enable-account", PAYTO, "upload");
        for (int y = year; y < year + 2; y++) {
            offline("wire-fee", Integer.toString(y), "x-taler-bank", "TESTKUDOS:0.01", "TESTKUDOS:0.01", "upload");
        }
        offline("global-fee", Integer.toString(year), "TESTKUDOS:0", "TESTKUDOS:0", "TESTKUDOS:0", "1 h", "1 year",
                "5", "upload");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String baseUrl() {
        return "http://localhost:" + port + "/";
    }

    private void cleanEnv(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_") || k.startsWith("XDG_"));
        pb.environment().put("HOME", dir.toString());
    }

    /** Runs a launcher of the tree to completion; {@code stdin} may be null (empty input). */
    Result runWithInput(String stdin, String program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(InstallTreeIT.bin(program));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        cleanEnv(pb);
        int n = runs.incrementAndGet();
        Path in = dir.resolve("run" + n + ".in");
        Path out = dir.resolve("run" + n + ".out");
        Path err = dir.resolve("run" + n + ".err");
        Files.writeString(in, stdin == null ? "" : stdin);
        pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timeout running " + String.join(" ", cmd) + "\n" + logs());
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    Result run(String program, String... args) throws Exception {
        return runWithInput(null, program, args);
    }

    /** taler-exchange-offline -c CONF args…, asserting exit 0. */
    Result offline(String... args) throws Exception {
        return offlineWithInput(null, args);
    }

    Result offlineWithInput(String stdin, String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-c", conf.toString()));
        a.addAll(List.of(args));
        Result r = runWithInput(stdin, "taler-exchange-offline", a.toArray(String[]::new));
        assertEquals(0, r.code(), () -> "taler-exchange-offline " + String.join(" ", args) + ": " + r + "\n" + logs());
        return r;
    }

    /** {@code setup} creates the master key; its public key goes into [exchange] MASTER_PUBLIC_KEY. */
    void setupMasterKey() throws Exception {
        Result r = offline("setup");
        masterPub = r.out().strip();
        assertEquals(52, masterPub.length(), r.toString());
        Result set = run("taler-config", "-c", conf.toString(), "-s", "exchange", "-o", "MASTER_PUBLIC_KEY", "-V",
                masterPub);
        assertEquals(0, set.code(), set.toString());
    }

    EddsaPrivateKey masterPrivateKey() throws IOException {
        return new EddsaPrivateKey(Files.readAllBytes(dir.resolve("offline/master.priv")));
    }

    void dbinit() throws Exception {
        Result r = run("taler-exchange-dbinit", "-c", conf.toString());
        assertEquals(0, r.code(), () -> "dbinit: " + r);
    }

    /** Starts a daemon of the tree under a unique name (its log is NAME.log in the test dir). */
    Process start(String name, String program, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(InstallTreeIT.bin(program), "-c", conf.toString(), "-L", "INFO"));
        cmd.addAll(List.of(args));
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        cleanEnv(pb);
        Process p = pb.start();
        daemons.put(name, p);
        logs.put(name, log);
        return p;
    }

    void startSecmods() throws IOException {
        for (String s : SECMODS) {
            start(s, s);
        }
    }

    Process startHttpd(String name, String... args) throws Exception {
        Process p = start(name, "taler-exchange-httpd", args);
        return p;
    }

    /** Polls GET /management/keys every 200 ms until 2xx (operations.md 3.10). */
    void awaitReady(Process httpd) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!httpd.isAlive()) {
                throw new AssertionError("httpd died with exit " + httpd.exitValue() + "\n" + logs());
            }
            try {
                HttpResponse<String> r = get("management/keys");
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("httpd not ready within 60 s, last: " + last + "\n" + logs());
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines of every daemon log, for assertion messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Path> e : logs.entrySet()) {
            sb.append("=== ").append(e.getKey()).append(".log (tail)\n");
            try {
                List<String> lines = Files.readAllLines(e.getValue(), StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException ex) {
                sb.append(ex).append('\n');
            }
        }
        return sb.toString();
    }

    /** With -Dtaler.it.keepLogs=DIR the daemon logs are copied there (for inspection after the run). */
    void keepLogs() {
        String target = System.getProperty("taler.it.keepLogs");
        if (target == null || target.isBlank()) {
            return;
        }
        try {
            Path out = Files.createDirectories(Path.of(target));
            for (Map.Entry<String, Path> e : logs.entrySet()) {
                Files.copy(e.getValue(), out.resolve(e.getKey() + ".log"),
                        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            System.err.println("cannot keep logs: " + e);
        }
    }

    Map<String, Process> daemons() {
        return daemons;
    }

    /** SIGTERM to every daemon (httpds first), then waits; returns name → exit code (-1: hung). */
    Map<String, Integer> stopAll() throws InterruptedException {
        List<String> order = new ArrayList<>(daemons.keySet());
        order.sort((a, b) -> Boolean.compare(a.startsWith("taler-exchange-secmod"), b.startsWith("taler-exchange-secmod")));
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (String name : order) {
            daemons.get(name).destroy();
        }
        for (String name : order) {
            Process p = daemons.get(name);
            if (p.waitFor(30, TimeUnit.SECONDS)) {
                codes.put(name, p.exitValue());
            } else {
                p.destroyForcibly();
                codes.put(name, -1);
            }
        }
        daemons.clear();
        return codes;
    }

    /** SIGTERM to one daemon; returns its exit code (-1: hung and killed). */
    int stop(String name) throws InterruptedException {
        Process p = daemons.remove(name);
        if (p == null) {
            throw new IllegalArgumentException("no daemon " + name);
        }
        p.destroy();
        if (p.waitFor(30, TimeUnit.SECONDS)) {
            return p.exitValue();
        }
        p.destroyForcibly();
        return -1;
    }

    /** SIGKILL to one daemon (a crash); waits until it is gone. */
    void kill(String name) throws InterruptedException {
        Process p = daemons.remove(name);
        if (p == null) {
            throw new IllegalArgumentException("no daemon " + name);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    void killAll() {
        daemons.values().forEach(Process::destroyForcibly);
    }
}

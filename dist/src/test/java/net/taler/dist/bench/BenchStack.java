package net.taler.dist.bench;

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
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The whole withdrawal stack as child processes of this JVM, from the install tree's launchers:
 * fakebank, dbinit, the three security modules, taler-exchange-httpd, the offline key-up and
 * taler-exchange-wirewatch. One exchange offers one RSA denomination per requested key size
 * (all worth {@value #COIN_VALUE}, no fees), so every benchmark configuration runs against the
 * same processes. Logs and state live in {@link #dir}.
 */
final class BenchStack implements AutoCloseable {
    static final String CURRENCY = "KUDOS";
    static final String COIN_VALUE = "KUDOS:1";
    static final String ZERO = "KUDOS:0";
    static final String PAYTO = "payto://x-taler-bank/localhost/exchange?receiver-name=Exchange";
    private static final String[] SECMODS = {"taler-exchange-secmod-eddsa", "taler-exchange-secmod-rsa",
        "taler-exchange-secmod-cs"};
    /** Bound on every one-shot CLI run (dbinit, offline, taler-config). */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);
    /** Bound on a daemon becoming ready. */
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int LOG_TAIL_LINES = 30;

    final Path dir;
    final Path conf;
    final int exchangePort;
    final int bankPort;
    private final Path bin;
    private final Map<String, Process> daemons = new LinkedHashMap<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final Thread killHook = new Thread(this::killAll, "withdraw-bench-kill-children");

    /**
     * Writes the configuration (nothing is started yet).
     *
     * @param tree the install tree ({@code dist/target/taler})
     * @param dir an empty work directory
     * @param dbUri libpq URI of an empty database
     * @param rsaKeySizes one RSA denomination per size
     */
    BenchStack(Path tree, Path dir, String dbUri, List<Integer> rsaKeySizes) throws IOException {
        this.bin = tree.resolve("bin");
        if (!Files.isExecutable(bin.resolve("taler-exchange-httpd"))) {
            throw new IllegalStateException("no install tree at " + tree
                    + " (build it: cd /work/main && mvn -o -q install -DskipTests)");
        }
        this.dir = dir;
        this.conf = dir.resolve("exchange.conf");
        this.exchangePort = freePort();
        this.bankPort = freePort();
        Files.createDirectories(dir.resolve("rt"));
        Files.writeString(conf, config(dbUri, rsaKeySizes));
        Runtime.getRuntime().addShutdownHook(killHook);
    }

    private String config(String dbUri, List<Integer> rsaKeySizes) {
        StringBuilder sb = new StringBuilder();
        sb.append("[taler]\nCURRENCY = ").append(CURRENCY).append("\nCURRENCY_ROUND_UNIT = KUDOS:0.01\n\n");
        sb.append("[PATHS]\nTALER_HOME = ").append(dir.resolve("home")).append('\n')
                .append("TALER_DATA_HOME = $TALER_HOME/data/\nTALER_CONFIG_HOME = $TALER_HOME/config/\n")
                .append("TALER_CACHE_HOME = $TALER_HOME/cache/\nTALER_RUNTIME_DIR = ").append(dir.resolve("rt"))
                .append("/\n\n");
        sb.append("[exchange]\nMAX_KEYS_CACHING = forever\nDB = postgres\nSERVE = tcp\nPORT = ").append(exchangePort)
                .append("\nBASE_URL = ").append(exchangeUrl()).append("\n\n");
        sb.append("[exchangedb-postgres]\nCONFIG = ").append(dbUri).append("\n\n");
        sb.append("[exchange-offline]\nMASTER_PRIV_FILE = ").append(dir.resolve("offline/master.priv"))
                .append("\nSECM_TOFU_FILE = ").append(dir.resolve("offline/secm_tofus.pub")).append("\n\n");
        sb.append("[exchange-account-1]\nPAYTO_URI = ").append(PAYTO)
                .append("\nENABLE_DEBIT = YES\nENABLE_CREDIT = YES\n\n");
        sb.append("[exchange-accountcredentials-1]\nWIRE_GATEWAY_URL = ").append(wireGatewayUrl())
                .append("\nWIRE_GATEWAY_AUTH_METHOD = none\n\n");
        sb.append("[bank]\nHTTP_PORT = ").append(bankPort).append("\nHOSTNAME = localhost\n")
                .append("SUGGESTED_EXCHANGE = ").append(exchangeUrl()).append("\nRAM_LIMIT = 131072\n\n");
        for (String kind : new String[] {"eddsa", "rsa", "cs"}) {
            // A short look-ahead: one key per denomination is enough (2048-bit generation is slow).
            sb.append("[taler-exchange-secmod-").append(kind).append("]\nLOOKAHEAD_SIGN = 20 s\n")
                    .append("UNIXPATH = ").append(dir.resolve("rt/secmod-" + kind + ".sock")).append('\n')
                    .append("KEY_DIR = ").append(dir.resolve("keys/" + kind)).append("\n\n");
        }
        for (int bits : rsaKeySizes) {
            sb.append("[COIN_KUDOS_RSA").append(bits).append("]\nVALUE = ").append(COIN_VALUE).append('\n')
                    .append("DURATION_WITHDRAW = 7 days\nDURATION_SPEND = 2 years\nDURATION_LEGAL = 3 years\n")
                    .append("FEE_WITHDRAW = ").append(ZERO).append("\nFEE_DEPOSIT = ").append(ZERO)
                    .append("\nFEE_REFRESH = ").append(ZERO).append("\nFEE_REFUND = ").append(ZERO)
                    .append("\nCIPHER = RSA\nRSA_KEYSIZE = ").append(bits).append("\n\n");
        }
        return sb.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    String exchangeUrl() {
        return "http://localhost:" + exchangePort + "/";
    }

    String bankUrl() {
        return "http://localhost:" + bankPort + "/";
    }

    String wireGatewayUrl() {
        return bankUrl() + "taler-wire-gateway/exchange/";
    }

    // ------------------------------------------------------------------ bring-up

    /** Everything up to a keyed-up exchange with wirewatch running; progress on stderr. */
    void start() throws Exception {
        Files.createDirectories(dir.resolve("offline"));
        String masterPub = run("taler-exchange-offline", "-c", conf.toString(), "setup").strip();
        if (masterPub.length() != 52) {
            throw new IllegalStateException("offline setup printed no master key: '" + masterPub + "'");
        }
        run("taler-config", "-c", conf.toString(), "-s", "exchange", "-o", "MASTER_PUBLIC_KEY", "-V", masterPub);
        run("taler-exchange-dbinit", "-c", conf.toString());
        progress("database initialised; starting fakebank, security modules and httpd");
        startDaemon("taler-fakebank-run");
        for (String s : SECMODS) {
            startDaemon(s);
        }
        Process httpd = startDaemon("taler-exchange-httpd");
        awaitHttp(httpd, exchangeUrl() + "management/keys");
        awaitHttp(daemons.get("taler-fakebank-run"), bankUrl() + "taler-bank-integration/config");
        progress("httpd ready; offline key-up");
        offline("download", "sign", "upload");
        offline("enable-account", PAYTO, "upload");
        int year = Year.now(ZoneOffset.UTC).getValue();
        for (int y = year; y <= year + 1; y++) {
            offline("wire-fee", Integer.toString(y), "x-taler-bank", ZERO, ZERO, "upload");
        }
        offline("global-fee", Integer.toString(year), ZERO, ZERO, ZERO, "1 h", "1 year", "5", "upload");
        awaitHttp(httpd, exchangeUrl() + "keys");
        startDaemon("taler-exchange-wirewatch");
        progress("exchange keyed up, wirewatch running (work dir " + dir + ")");
    }

    private void offline(String... args) throws Exception {
        List<String> a = new ArrayList<>(List.of("-c", conf.toString()));
        a.addAll(List.of(args));
        run("taler-exchange-offline", a.toArray(String[]::new));
    }

    /** Removes what would redirect our children to another configuration. */
    private void cleanEnv(ProcessBuilder pb) {
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_") || k.startsWith("XDG_"));
        pb.environment().put("HOME", dir.toString());
    }

    /** Runs a launcher to completion (empty stdin); its stdout, or an exception with both streams. */
    String run(String program, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(bin.resolve(program).toString());
        cmd.addAll(List.of(args));
        int n = runs.incrementAndGet();
        Path out = dir.resolve("run" + n + "-" + program + ".out");
        Path err = dir.resolve("run" + n + "-" + program + ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        cleanEnv(pb);
        Process p = pb.start();
        if (!p.waitFor(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timeout running " + String.join(" ", cmd));
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": exit " + p.exitValue() + "\n--- stdout:\n"
                    + stdout + "\n--- stderr:\n" + Files.readString(err, StandardCharsets.UTF_8));
        }
        return stdout;
    }

    /** Starts a daemon at log level WARNING (per-request INFO logging would distort the numbers). */
    private Process startDaemon(String program) throws IOException {
        List<String> cmd = List.of(bin.resolve(program).toString(), "-c", conf.toString(), "-L", "WARNING");
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(dir.resolve(program + ".log").toFile());
        cleanEnv(pb);
        Process p = pb.start();
        synchronized (daemons) {
            daemons.put(program, p);
        }
        return p;
    }

    /** Polls {@code url} every 200 ms until it answers 2xx, failing early if {@code proc} dies. */
    private void awaitHttp(Process proc, String url) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            if (!proc.isAlive()) {
                throw new IllegalStateException(proc.info().command().orElse("daemon") + " died with exit "
                        + proc.exitValue() + " while waiting for " + url);
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = r.statusCode() + " " + r.body();
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(url + " not ready within " + READY_TIMEOUT.toSeconds() + " s, last: " + last);
    }

    /** Names of daemons that have exited (they should all run until {@link #close}). */
    List<String> deadDaemons() {
        List<String> dead = new ArrayList<>();
        synchronized (daemons) {
            daemons.forEach((name, p) -> {
                if (!p.isAlive()) {
                    dead.add(name + " (exit " + p.exitValue() + ")");
                }
            });
        }
        return dead;
    }

    /** The last lines of every daemon log, for failure reports. */
    String logTails() {
        StringBuilder sb = new StringBuilder();
        List<String> names;
        synchronized (daemons) {
            names = new ArrayList<>(daemons.keySet());
        }
        for (String name : names) {
            Path log = dir.resolve(name + ".log");
            sb.append("=== ").append(log).append(" (tail)\n");
            try {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())
                        .forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append(e).append('\n');
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ shutdown

    /**
     * SIGTERM to wirewatch and httpd, then to the fakebank and the security modules (they serve
     * the httpd until it is gone); waits, then kills what still runs. Returns name → exit code
     * (-1: had to be killed).
     */
    Map<String, Integer> stop() throws InterruptedException {
        List<String> order = new ArrayList<>();
        synchronized (daemons) {
            order.addAll(daemons.keySet());
        }
        order.sort((a, b) -> Integer.compare(rank(a), rank(b)));
        Map<String, Integer> codes = new LinkedHashMap<>();
        for (int r = 0; r <= 1; r++) {
            for (String name : order) {
                if (rank(name) == r) {
                    daemons.get(name).destroy();
                }
            }
            for (String name : order) {
                if (rank(name) != r) {
                    continue;
                }
                Process p = daemons.get(name);
                if (p.waitFor(20, TimeUnit.SECONDS)) {
                    codes.put(name, p.exitValue());
                } else {
                    p.destroyForcibly();
                    p.waitFor(5, TimeUnit.SECONDS);
                    codes.put(name, -1);
                }
            }
        }
        synchronized (daemons) {
            daemons.clear();
        }
        return codes;
    }

    private static int rank(String name) {
        return name.equals("taler-exchange-httpd") || name.equals("taler-exchange-wirewatch") ? 0 : 1;
    }

    /** Last resort (JVM shutdown hook): kill whatever still runs. */
    private void killAll() {
        synchronized (daemons) {
            daemons.values().forEach(Process::destroyForcibly);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            Map<String, Integer> codes = stop();
            progress("stopped: " + codes);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook runs anyway and finds nothing left
            }
        }
    }

    static void progress(String msg) {
        System.err.printf("[withdraw-bench %tT] %s%n", System.currentTimeMillis(), msg);
    }
}

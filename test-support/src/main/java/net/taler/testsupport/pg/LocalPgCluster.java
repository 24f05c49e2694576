package net.taler.testsupport.pg;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster in a fresh directory under /tmp, started once per JVM from the
 * local server binaries. See {@link PgServer} for the behaviour.
 */
final class LocalPgCluster extends PgServer {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration INITDB_TIMEOUT = Duration.ofSeconds(120);
  private static final int PORT_ATTEMPTS = 5;
  private static final int LOG_TAIL_LINES = 40;

  private final Path binDir;
  private final Path base;
  private final Path data;
  private final Path sock;
  private final Path serverLog;
  private final Path setupLog;
  private final List<String> asUser; // command prefix dropping privileges; empty if not root
  private final String runAsName; // null if not root
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile int port;
  private volatile long startMillis;

  private LocalPgCluster(Path binDir, Path base, List<String> asUser, String runAsName) {
    this.binDir = binDir;
    this.base = base;
    this.data = base.resolve("data");
    this.sock = base.resolve("sock");
    this.serverLog = base.resolve("server.log");
    this.setupLog = base.resolve("setup.log");
    this.asUser = asUser;
    this.runAsName = runAsName;
  }

  static LocalPgCluster start() {
    long t0 = System.nanoTime();
    Path binDir = findBinDir();
    String runAs = null;
    List<String> asUser = List.of();
    if (isRoot()) {
      runAs = pickUnprivilegedUser();
      asUser = privilegeDropPrefix(runAs);
    }
    Path base;
    try {
      Path tmp = Path.of("/tmp");
      if (!Files.isDirectory(tmp) || !Files.isWritable(tmp)) {
        tmp = Path.of(System.getProperty("java.io.tmpdir"));
      }
      base = Files.createTempDirectory(tmp, "taler-pg-");
    } catch (IOException e) {
      throw new PgFixtureException("cannot create a directory for the PostgreSQL test cluster", e);
    }
    LocalPgCluster cluster = new LocalPgCluster(binDir, base, asUser, runAs);
    Thread hook = new Thread(cluster::stop, "taler-pg-test-cluster-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      cluster.initAndStart();
    } catch (RuntimeException | Error e) {
      cluster.stop();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // JVM already shutting down
      }
      throw e;
    }
    cluster.startWatchdog();
    cluster.startMillis = (System.nanoTime() - t0) / 1_000_000;
    System.getLogger(LocalPgCluster.class.getName())
        .log(System.Logger.Level.INFO, "started " + cluster.describe());
    return cluster;
  }

  private void initAndStart() {
    try {
      Files.createDirectory(sock);
      Files.setPosixFilePermissions(sock, PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.writeString(setupLog, "");
      if (runAsName != null) {
        UserPrincipal owner =
            base.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAsName);
        Files.setOwner(base, owner);
        Files.setOwner(sock, owner);
      }
    } catch (IOException e) {
      throw new PgFixtureException("cannot prepare PostgreSQL test cluster directory " + base, e);
    }

    List<String> initdb = new ArrayList<>(asUser);
    initdb.addAll(
        List.of(
            binDir.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "--auth=trust",
            "-U",
            SUPERUSER,
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"));
    int rc = run(initdb, INITDB_TIMEOUT);
    if (rc != 0) {
      throw failure("initdb failed (exit code " + rc + ")", setupLog);
    }

    String conf =
        "\n# added by the Taler test fixture (net.taler.testsupport.pg)\n"
            + "listen_addresses = '127.0.0.1'\n"
            + "unix_socket_directories = '"
            + sock.toString().replace("'", "''")
            + "'\n"
            + "unix_socket_permissions = 0777\n"
            + "max_connections = 200\n"
            + "fsync = off\n"
            + "full_page_writes = off\n"
            + "synchronous_commit = off\n"
            + "wal_level = minimal\n"
            + "max_wal_senders = 0\n"
            + "jit = off\n";
    try {
      Files.writeString(
          data.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new PgFixtureException("cannot write " + data.resolve("postgresql.conf"), e);
    }

    for (int attempt = 1; ; attempt++) {
      port = freePort();
      List<String> pgCtl = new ArrayList<>(asUser);
      pgCtl.addAll(
          List.of(
              binDir.resolve("pg_ctl").toString(),
              "-D",
              data.toString(),
              "-l",
              serverLog.toString(),
              "-w",
              "-t",
              Long.toString(START_TIMEOUT.toSeconds()),
              "-o",
              "-p " + port,
              "start"));
      long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
      rc = run(pgCtl, START_TIMEOUT.plusSeconds(15));
      if (rc == 0) {
        waitUntilConnectable(deadline);
        return;
      }
      stopServer(); // it may be running but not ready in time
      String log = readQuietly(serverLog);
      boolean portTaken =
          log.contains("could not bind")
              || log.contains("Address already in use")
              || log.contains("could not create any TCP/IP sockets");
      if (!portTaken || attempt >= PORT_ATTEMPTS) {
        throw failure(
            "PostgreSQL test server did not start (pg_ctl start exit code "
                + rc
                + ", port "
                + port
                + ", timeout "
                + START_TIMEOUT.toSeconds()
                + " s)",
            serverLog);
      }
      try {
        Files.deleteIfExists(serverLog); // a fresh log for the next attempt; owner may differ
      } catch (IOException ignored) {
        // pg_ctl appends then
      }
    }
  }

  /** pg_ctl -w said "ready"; make sure JDBC really gets in, within the same deadline. */
  private void waitUntilConnectable(long deadlineNanos) {
    SQLException last = null;
    while (true) {
      try (Connection c = openAdmin();
          Statement st = c.createStatement()) {
        st.execute("SELECT 1");
        return;
      } catch (SQLException e) {
        last = e;
      }
      if (System.nanoTime() > deadlineNanos) {
        throw failure(
            "PostgreSQL test server on 127.0.0.1:" + port + " accepts no JDBC connections: "
                + last.getMessage(),
            serverLog);
      }
      pause(100, "interrupted while waiting for the PostgreSQL test server");
    }
  }

  /**
   * A crash: SIGKILL to the postmaster and every process it started (backends, checkpointer,
   * ...), as {@code kill -9} of the whole server would do; returns once they are all gone. Only
   * for clusters of one test ({@link PrivatePgCluster}), never the shared one.
   */
  void killServer() {
    long pid = postmasterPid();
    if (pid <= 0) {
      return;
    }
    Optional<ProcessHandle> pm = ProcessHandle.of(pid);
    if (pm.isEmpty()) {
      return;
    }
    List<ProcessHandle> all = new ArrayList<>();
    all.add(pm.get());
    pm.get().descendants().forEach(all::add);
    all.forEach(ProcessHandle::destroyForcibly);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle h : all) {
      while (h.isAlive()) {
        if (System.nanoTime() > deadline) {
          throw new PgFixtureException("PostgreSQL process " + h.pid() + " survived SIGKILL for 20 s");
        }
        pause(10, "interrupted while killing the PostgreSQL test server");
      }
    }
  }

  /**
   * Starts the server again on the same port after {@link #killServer()} (crash recovery
   * included) and waits until JDBC gets in.
   */
  void restartServer() {
    if (stopped.get()) {
      throw new IllegalStateException("cluster already deleted");
    }
    List<String> pgCtl = new ArrayList<>(asUser);
    pgCtl.addAll(
        List.of(
            binDir.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            serverLog.toString(),
            "-w",
            "-t",
            Long.toString(START_TIMEOUT.toSeconds()),
            "-o",
            "-p " + port,
            "start"));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    int rc = run(pgCtl, START_TIMEOUT.plusSeconds(15));
    if (rc != 0) {
      throw failure("PostgreSQL test server did not restart (pg_ctl start exit code " + rc + ")", serverLog);
    }
    waitUntilConnectable(deadline);
  }

  /** The running postmaster's process id, or -1. */
  long postmasterPid() {
    try {
      long pid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
      return ProcessHandle.of(pid).map(h -> h.isAlive() ? pid : -1L).orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** Shutdown hook: stop the server immediately and delete everything. Idempotent. */
  void stop() {
    if (!stopped.compareAndSet(false, true)) {
      return;
    }
    stopServer();
    deleteTree(base);
  }

  private void stopServer() {
    if (!Files.exists(data.resolve("postmaster.pid"))) {
      return;
    }
    List<String> cmd = new ArrayList<>(asUser);
    cmd.addAll(
        List.of(
            binDir.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-m",
            "immediate",
            "-w",
            "-t",
            "10",
            "stop"));
    int rc = run(cmd, Duration.ofSeconds(20));
    if (rc != 0) {
      // Last resort: kill the postmaster (its children exit when it is gone).
      try {
        String first = Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip();
        ProcessHandle.of(Long.parseLong(first)).ifPresent(ProcessHandle::destroyForcibly);
      } catch (IOException | RuntimeException ignored) {
        // nothing more we can do
      }
    }
  }

  /**
   * If the JVM is killed (e.g. a surefire timeout) the shutdown hook does not run; a detached shell
   * loop notices that the JVM is gone and stops the server (SIGQUIT = immediate shutdown) and
   * deletes the directory.
   */
  private void startWatchdog() {
    String script =
        "while [ -d /proc/\"$1\" ]; do sleep 2; done; "
            + "if [ -f \"$2/postmaster.pid\" ]; then "
            + "p=$(head -n 1 \"$2/postmaster.pid\"); kill -QUIT \"$p\" 2>/dev/null; sleep 2; "
            + "if [ -f \"$2/postmaster.pid\" ]; then kill -KILL \"$p\" 2>/dev/null; fi; fi; "
            + "rm -rf \"$3\"";
    if (!Files.isDirectory(Path.of("/proc/self"))) {
      return;
    }
    try {
      ProcessBuilder pb =
          new ProcessBuilder(
              "sh",
              "-c",
              script,
              "taler-pg-watchdog",
              Long.toString(ProcessHandle.current().pid()),
              data.toString(),
              base.toString());
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
      pb.redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.directory(new File("/"));
      pb.start();
    } catch (IOException ignored) {
      // optional safety net only
    }
  }

  // ---------------------------------------------------------------------------------------------
  // PgServer

  @Override
  ConnInfo tcpInfo() {
    return new ConnInfo("127.0.0.1", null, port, SUPERUSER, null, "postgres", null);
  }

  @Override
  ConnInfo socketInfo() {
    return new ConnInfo(null, sock, port, SUPERUSER, null, "postgres", null);
  }

  @Override
  public boolean isExternal() {
    return false;
  }

  @Override
  public Optional<Path> binDir() {
    return Optional.of(binDir);
  }

  @Override
  public String describe() {
    return "throwaway PostgreSQL cluster ("
        + binDir
        + ", data "
        + data
        + ", 127.0.0.1:"
        + port
        + ", socket dir "
        + sock
        + (runAsName != null ? ", running as " + runAsName : "")
        + ", started in "
        + startMillis
        + " ms)";
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers

  private PgFixtureException failure(String what, Path log) {
    return new PgFixtureException(
        what
            + "; binaries "
            + binDir
            + ", data dir "
            + data
            + (runAsName != null ? ", running as " + runAsName : "")
            + "\n--- last lines of "
            + log.getFileName()
            + " ---\n"
            + tail(readQuietly(log), LOG_TAIL_LINES)
            + (log.equals(setupLog) ? "" : "\n--- setup.log ---\n" + tail(readQuietly(setupLog), 10)));
  }

  /** Runs {@code cmd} in the cluster directory, output appended to setup.log; bounded. */
  private int run(List<String> cmd, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.directory(base.toFile());
    cleanEnvironment(pb.environment());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(setupLog.toFile()));
    try {
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        throw failure(
            String.join(" ", cmd) + " did not finish within " + timeout.toSeconds() + " s",
            serverLog);
      }
      return p.exitValue();
    } catch (IOException e) {
      throw new PgFixtureException("cannot run " + String.join(" ", cmd) + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgFixtureException("interrupted while running " + String.join(" ", cmd));
    }
  }

  /** Runs a small helper command and returns its stdout, or null if it fails. */
  private static String capture(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    cleanEnvironment(pb.environment());
    pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return null;
      }
      return p.exitValue() == 0 ? out.strip() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** Child processes: no PG* variables from the caller, English messages. */
  private static void cleanEnvironment(Map<String, String> env) {
    env.keySet().removeIf(k -> k.startsWith("PG"));
    env.put("LC_ALL", "C");
    env.put("LANG", "C");
  }

  private static boolean hasServerBinaries(Path dir) {
    return dir != null
        && Files.isExecutable(dir.resolve("initdb"))
        && Files.isExecutable(dir.resolve("pg_ctl"))
        && Files.isExecutable(dir.resolve("postgres"));
  }

  static Path findBinDir() {
    String env = System.getenv(BINDIR_ENV);
    if (env != null && !env.isBlank()) {
      Path dir = Path.of(env.strip());
      if (!hasServerBinaries(dir)) {
        throw new PgFixtureException(
            BINDIR_ENV + "=" + env + " does not contain initdb, pg_ctl and postgres");
      }
      return dir;
    }
    String pgConfig = capture(List.of("pg_config", "--bindir"));
    if (pgConfig != null && !pgConfig.isEmpty() && hasServerBinaries(Path.of(pgConfig))) {
      return Path.of(pgConfig);
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      List<Path> candidates = new ArrayList<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(debian)) {
        for (Path p : ds) {
          if (p.getFileName().toString().matches("\\d+(\\.\\d+)?")
              && hasServerBinaries(p.resolve("bin"))) {
            candidates.add(p.resolve("bin"));
          }
        }
      } catch (IOException ignored) {
        // fall through
      }
      Optional<Path> best =
          candidates.stream()
              .max(
                  Comparator.comparingDouble(
                      p -> Double.parseDouble(p.getParent().getFileName().toString())));
      if (best.isPresent()) {
        return best.get();
      }
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String d : path.split(File.pathSeparator)) {
        if (!d.isEmpty() && hasServerBinaries(Path.of(d))) {
          return Path.of(d);
        }
      }
    }
    throw new PgFixtureException(
        "no PostgreSQL server binaries found (looked for initdb, pg_ctl and postgres via "
            + BINDIR_ENV
            + ", pg_config --bindir, /usr/lib/postgresql/*/bin and the PATH): install postgresql"
            + " (apt-get install -y postgresql), or set "
            + DSN_ENV
            + " to an existing server, e.g. postgresql://user:pw@127.0.0.1:5432/postgres");
  }

  static boolean isRoot() {
    try {
      Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return uid instanceof Integer && (Integer) uid == 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return "0".equals(capture(List.of("id", "-u")));
    }
  }

  private static String pickUnprivilegedUser() {
    for (String user : List.of("postgres", "nobody")) {
      if (capture(List.of("id", "-u", user)) != null) {
        return user;
      }
    }
    throw new PgFixtureException(
        "running as root, but PostgreSQL refuses to run as root and neither the 'postgres' nor"
            + " the 'nobody' user exists: install postgresql (apt-get install -y postgresql,"
            + " which creates the postgres user), run the tests as an unprivileged user, or set "
            + DSN_ENV);
  }

  private static List<String> privilegeDropPrefix(String user) {
    Optional<Path> runuser = findExecutable("runuser");
    if (runuser.isPresent()) {
      return List.of(runuser.get().toString(), "-u", user, "--");
    }
    Optional<Path> setpriv = findExecutable("setpriv");
    String uid = capture(List.of("id", "-u", user));
    String gid = capture(List.of("id", "-g", user));
    if (setpriv.isPresent() && uid != null && gid != null) {
      return List.of(
          setpriv.get().toString(),
          "--reuid=" + uid,
          "--regid=" + gid,
          "--clear-groups",
          "--");
    }
    throw new PgFixtureException(
        "running as root, but PostgreSQL refuses to run as root and neither runuser nor setpriv"
            + " (util-linux) is available to run it as '"
            + user
            + "': apt-get install -y util-linux, run the tests as an unprivileged user, or set "
            + DSN_ENV);
  }

  private static Optional<Path> findExecutable(String name) {
    List<String> dirs = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      dirs.addAll(List.of(path.split(File.pathSeparator)));
    }
    dirs.addAll(List.of("/usr/sbin", "/sbin", "/usr/bin", "/bin"));
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path p = Path.of(d, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new PgFixtureException("cannot find a free TCP port on 127.0.0.1", e);
    }
  }

  private static String readQuietly(Path p) {
    try {
      return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + p + ": " + e + ")";
    }
  }

  static String tail(String text, int lines) {
    String[] all = text.split("\n", -1);
    int from = Math.max(0, all.length - lines - 1);
    return String.join("\n", List.of(all).subList(from, all.length)).stripTrailing();
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ignored) {
                  // best effort
                }
              });
    } catch (IOException | UncheckedIOException ignored) {
      // best effort
    }
  }

  /** Sleeps {@code millis}; an interrupt becomes a fixture failure saying what was going on. */
  private static void pause(long millis, String interruptedWhile) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PgFixtureException(interruptedWhile);
    }
  }
}

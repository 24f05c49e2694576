package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The httpd's listen modes (operations.md 3.3): {@code SERVE = unix} with {@code UNIXPATH} and
 * {@code UNIXPATH_MODE}, and {@code -r} (SO_REUSEPORT) letting several httpds share one port.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HttpdListenIT {
    @TempDir
    static Path dir;

    ExchangeTestbed bed;

    @BeforeAll
    void start(PgDatabase db) throws Exception {
        bed = new ExchangeTestbed(dir, db.uri());
        bed.setupMasterKey();
        bed.dbinit();
        bed.startSecmods();
    }

    @AfterAll
    void stop() throws Exception {
        if (bed == null) {
            return;
        }
        String logs = bed.logs();
        Map<String, Integer> codes = bed.stopAll();
        bed.keepLogs();
        for (Map.Entry<String, Integer> e : codes.entrySet()) {
            assertEquals(0, e.getValue(), () -> e.getKey() + " exit code after SIGTERM: " + codes + "\n" + logs);
        }
    }

    private void set(String option, String value) throws Exception {
        ExchangeTestbed.Result r = bed.run("taler-config", "-c", bed.conf.toString(), "-s", "exchange", "-o", option,
                "-V", value);
        assertEquals(0, r.code(), r.toString());
    }

    /** GET over the unix socket with curl: "STATUS BODY". */
    private String curl(Path socket, String path) throws Exception {
        ExchangeTestbed.Result r = bed.runWithInput(null, "/usr/bin/env", "curl", "-s", "--max-time", "10",
                "--unix-socket", socket.toString(), "-w", "\n%{http_code}", "http://localhost/" + path);
        String out = r.out();
        int nl = out.lastIndexOf('\n');
        return nl < 0 ? "000 " + r : out.substring(nl + 1) + " " + out.substring(0, nl);
    }

    @Test
    @Order(1)
    void servesOnAUnixSocketWithTheConfiguredMode() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed");
        Path socket = dir.resolve("rt/httpd.sock");
        set("SERVE", "unix");
        set("UNIXPATH", socket.toString());
        set("UNIXPATH_MODE", "660");
        try {
            Process httpd = bed.startHttpd("httpd-unix");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = "";
            while (!last.startsWith("200 ")) {
                assertTrue(httpd.isAlive(), () -> "httpd died\n" + bed.logs());
                assertTrue(System.nanoTime() < deadline, "no 200 over the socket within 60 s: " + last + "\n"
                        + bed.logs());
                Thread.sleep(200);
                last = Files.exists(socket) ? curl(socket, "management/keys") : "no socket";
            }
            assertTrue(last.contains(bed.masterPub), last);
            assertEquals("rw-rw----", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
            String unknown = curl(socket, "no-such-endpoint");
            assertTrue(unknown.startsWith("404 "), unknown);
            httpd.destroy();
            assertTrue(httpd.waitFor(30, TimeUnit.SECONDS), "httpd did not stop");
            assertEquals(0, httpd.exitValue(), () -> Files.exists(socket) + "\n" + bed.logs());
            bed.daemons().remove("httpd-unix");
        } finally {
            set("SERVE", "tcp");
        }
    }

    @Test
    @Order(2)
    void twoHttpdsShareThePortWithReuseAddress() throws Exception {
        Process a = bed.startHttpd("httpd-a", "-r");
        bed.awaitReady(a);
        Process b = bed.startHttpd("httpd-b", "-r");
        bed.awaitReady(b);
        // b answers or a does; both must be up and serving after b's start
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        String bLog = "";
        while (System.nanoTime() < deadline) {
            bLog = Files.readString(dir.resolve("httpd-b.log"), StandardCharsets.UTF_8);
            if (!b.isAlive() || bLog.toLowerCase().contains("listening")) {
                break;
            }
            Thread.sleep(200);
        }
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = bed.get("management/keys");
            assertEquals(200, r.statusCode(), r.body());
        }
        assertTrue(a.isAlive() && b.isAlive(), bed.logs());

        // Without -r a third one cannot bind the shared port: listen failure, exit 1.
        Process c = bed.startHttpd("httpd-c");
        assertTrue(c.waitFor(60, TimeUnit.SECONDS), "httpd without -r started on a shared port\n" + bed.logs());
        assertEquals(1, c.exitValue(), bed.logs());
        bed.daemons().remove("httpd-c");
        assertTrue(a.isAlive() && b.isAlive(), bed.logs());
    }
}

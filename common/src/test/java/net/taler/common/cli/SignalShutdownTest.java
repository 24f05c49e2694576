package net.taler.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** A real child JVM receives SIGTERM/SIGINT and stops in order with exit code 0. */
class SignalShutdownTest {
    /** The child: waits for a signal, cleans up, reports it and returns normally. */
    public static void main(String[] args) throws Exception {
        Shutdown s = Shutdown.install(Duration.ofSeconds(5));
        System.out.println("ready");
        System.out.flush();
        s.awaitRequest();
        System.out.println("cleaned up");
        System.out.flush();
        s.finished();
        System.exit(0);
    }

    private void stopsCleanlyOn(String signal) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                SignalShutdownTest.class.getName()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("ready", r.readLine());
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
            assertEquals(0, kill.waitFor());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "child did not stop");
            assertEquals("cleaned up", r.readLine());
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue());
    }

    @Test
    void sigterm() throws Exception {
        stopsCleanlyOn("TERM");
    }

    @Test
    void sigint() throws Exception {
        stopsCleanlyOn("INT");
    }
}

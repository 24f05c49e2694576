package net.taler.common.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CliConventionsTest {
    @TempDir
    Path dir;

    /** A program whose behaviour is chosen by an option, to exercise the exit-code mapping. */
    @Command(name = "taler-test-program")
    static final class Probe extends TalerProgram {
        @Option(names = {"-x"})
        String what = "ok";
        Clock seenClock;

        @Override
        protected int run() {
            seenClock = clock();
            Logger.getLogger("net.taler.probe").info("probe message");
            Logger.getLogger("net.taler.probe").fine("probe detail");
            Logger.getLogger("org.example.library").fine("library detail");
            return switch (what) {
                case "missing" -> throw ConfigException.missing("exchange", "MASTER_PUBLIC_KEY");
                case "load" -> throw new ConfigException(ConfigException.Kind.LOAD, "f.conf:3: syntax error");
                case "perm" -> throw new ProgramException(ExitCodes.NO_PERMISSION, "cannot create key file");
                case "boom" -> throw new IllegalStateException("boom");
                default -> 0;
            };
        }
    }

    record Run(int code, String out, String err, Probe probe) {
    }

    private Run run(String... args) {
        Probe p = new Probe();
        CommandLine cl = Programs.commandLine(p);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        return new Run(code, o.toString(), e.toString(), p);
    }

    @Test
    void exitCodesFollowLsb() {
        assertEquals(0, run().code());
        Run missing = run("-x", "missing");
        assertEquals(6, missing.code());
        assertEquals("taler-test-program: configuration option [exchange] MASTER_PUBLIC_KEY is missing\n",
                missing.err());
        assertEquals(1, run("-x", "load").code());
        assertEquals(4, run("-x", "perm").code());
        Run boom = run("-x", "boom");
        assertEquals(1, boom.code());
        assertEquals("taler-test-program: boom\n", boom.err(), "one line, no stack trace");
        assertEquals(2, run("--bogus").code());
        assertEquals(2, run("-T", "+5 parsecs").code());
        assertEquals(2, run("-L", "LOUD").code());
    }

    @Test
    void commonOptionsAreAccepted() {
        assertEquals(0, run("-LINFO", "-c", "x.conf").code());
        assertEquals(0, run("--log=debug", "--config=x.conf").code());
        Run help = run("-h");
        assertEquals(0, help.code());
        for (String opt : new String[] {"--config", "--log", "--logfile", "--timetravel", "--help", "--version"}) {
            assertTrue(help.out().contains(opt), opt);
        }
    }

    @Test
    void logFileReceivesMessagesAtTheChosenLevel() throws Exception {
        Path log = dir.resolve("p.log");
        assertEquals(0, run("-L", "MESSAGE", "-l", log.toString()).code());
        String text = Files.readString(log);
        assertTrue(text.contains("MESSAGE probe message"), text);
        assertFalse(text.contains("probe detail"), text);
        assertEquals(0, run("-LINFO", "-l", log.toString()).code());
        assertTrue(Files.readString(log).contains("INFO probe detail"));
        assertFalse(Files.readString(log).contains("library detail"), "libraries stay at MESSAGE unless DEBUG");
        assertEquals(0, run("-LDEBUG", "-l", log.toString()).code());
        assertTrue(Files.readString(log).contains("library detail"));
    }

    @Test
    void timeTravelShiftsTheProcessClock() {
        Run r = run("--timetravel=+86400000000");
        long shift = r.probe().seenClock.millis() - System.currentTimeMillis();
        assertTrue(Math.abs(shift - 86_400_000L) < 60_000, "shift " + shift);
        Run back = run("-T", "-1 h");
        long shift2 = back.probe().seenClock.millis() - System.currentTimeMillis();
        assertTrue(Math.abs(shift2 + 3_600_000L) < 60_000, "shift " + shift2);
        assertEquals(Duration.ofNanos(5_000), TimeTravel.parseOffset("5"));
        assertEquals(Duration.ofMinutes(-5), TimeTravel.parseOffset("-5 m"));
        assertThrows(IllegalArgumentException.class, () -> TimeTravel.parseOffset("forever"));
    }

    @Test
    void logLevelNames() {
        assertEquals(Level.SEVERE, Logging.parseLevel("error"));
        assertEquals(Level.WARNING, Logging.parseLevel("WARNING"));
        assertEquals(Level.INFO, Logging.parseLevel("MESSAGE"));
        assertEquals(Level.FINE, Logging.parseLevel("INFO"));
        assertEquals(Level.FINEST, Logging.parseLevel("DEBUG"));
        assertThrows(IllegalArgumentException.class, () -> Logging.parseLevel("TRACE"));
    }

    @Test
    void shutdownWakesSleepers() throws Exception {
        Shutdown s = Shutdown.manual();
        assertFalse(s.sleep(Duration.ofMillis(10)));
        s.request();
        long t0 = System.nanoTime();
        assertTrue(s.sleep(Duration.ofSeconds(30)));
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L);
    }
}

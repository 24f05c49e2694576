package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PathExpanderTest {
    private TalerConfig cfg(Map<String, String> env, String text) {
        TalerConfig c = new TalerConfig(env);
        new ConfigParser(c).parseString(text, "test");
        return c;
    }

    @Test
    void plainBracedAndDefaultForms() {
        TalerConfig c = cfg(Map.of("HOME", "/home/op"), "[paths]\nTALER_HOME = ${TALER_TEST_HOME:-${HOME:-${USERPROFILE}}}\n"
                + "TALER_DATA_HOME = ${XDG_DATA_HOME:-$TALER_HOME/.local/share}/taler/\n");
        assertEquals("/home/op/.local/share/taler/keys", c.expand("${TALER_DATA_HOME}keys"));
        assertEquals("/home/op/.local/share/taler/", c.expand("${TALER_DATA_HOME}"));
        assertEquals("/home/op/x", c.expand("$TALER_HOME/x"));
    }

    @Test
    void pathsSectionWinsOverEnvironmentAndLookupIsCaseInsensitive() {
        TalerConfig c = cfg(Map.of("FOO", "env"), "[PATHS]\nfoo = paths\n");
        assertEquals("paths/a", c.expand("$FOO/a"));
        assertEquals("env-only", cfg(Map.of("BAR", "env-only"), "[paths]\n").expand("$BAR"));
    }

    @Test
    void defaultIsUsedOnlyWhenUndefinedAndIsExpandedRecursively() {
        TalerConfig c = cfg(Map.of("B", "bee"), "[paths]\nA = set\n");
        assertEquals("set", c.expand("${A:-$B}"));
        assertEquals("bee", c.expand("${NOPE:-$B}"));
        assertEquals("bee/x", c.expand("${NOPE:=${B}/x}"));
        assertEquals("lit", c.expand("${NOPE:-${NOPE2:-lit}}"));
    }

    @Test
    void unknownNamesStayAsWritten() {
        TalerConfig c = cfg(Map.of(), "[paths]\n");
        assertEquals("$UNKNOWN/x", c.expand("$UNKNOWN/x"));
        assertEquals("${UNKNOWN}/x", c.expand("${UNKNOWN}/x"));
        assertEquals("a$", c.expand("a$"));
    }

    @Test
    void dollarNameStopsAtSlashBackslashAndBlank() {
        TalerConfig c = cfg(Map.of("X", "ex"), "[paths]\n");
        assertEquals("ex/y ex\\z ex", c.expand("$X/y $X\\z $X"));
    }

    @Test
    void recursiveDefinitionsTerminateWithAnError() {
        TalerConfig c = cfg(Map.of(), "[paths]\nA = $B\nB = ${A}\n");
        ConfigException e = assertThrows(ConfigException.class, () -> c.expand("$A"));
        assertTrue(e.getMessage().contains("recurses"));
        TalerConfig self = cfg(Map.of(), "[paths]\nLOOP = x$LOOP\n");
        assertThrows(ConfigException.class, () -> self.expand("$LOOP"));
    }

    @Test
    void filenamesGetHomeAndBecomeAbsolute() {
        TalerConfig c = cfg(Map.of("HOME", "/home/op"), "[paths]\n[s]\nrel = some/file\ntilde = ~/key\n");
        assertEquals("/home/op/key", c.requireFilename("s", "tilde").toString());
        assertEquals(Path.of("some/file").toAbsolutePath().toString(), c.requireFilename("s", "rel").toString());
    }
}

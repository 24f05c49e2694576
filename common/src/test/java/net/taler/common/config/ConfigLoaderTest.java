package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    /** The defaults shipped in the install tree's share/taler/config.d. */
    static final Path SHIPPED_DEFAULTS = Path.of("src/main/config.d").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void builtinPathsComeFromThePrefixAndAreNotSerialized() {
        ConfigLoader l = new ConfigLoader(Map.of("TALER_BASE_CONFIG", dir.toString(), "HOME", "/h"), Path.of("/opt/taler"));
        TalerConfig c = l.loadBase();
        assertEquals("/opt/taler/share/taler/", c.requireString("PATHS", "DATADIR"));
        assertEquals("/opt/taler/bin/", c.requireString("paths", "BINDIR"));
        assertEquals("/opt/taler/", c.requireString("paths", "PREFIX"));
        assertFalse(c.serialize(null).contains("DATADIR"));
    }

    @Test
    void baseDirectoryFilesAreParsedInSortedOrderAndOnlyConfFiles() throws IOException {
        Files.writeString(dir.resolve("b.conf"), "[s]\nv = b\n");
        Files.writeString(dir.resolve("a.conf"), "[s]\nv = a\nonly_a = 1\n");
        Files.writeString(dir.resolve("README"), "not a config file at all\n");
        ConfigLoader l = new ConfigLoader(Map.of("TALER_BASE_CONFIG", dir.toString()), Path.of("/opt/taler"));
        TalerConfig c = l.loadBase();
        assertEquals("b", c.requireString("s", "v"));
        assertEquals("1", c.requireString("s", "only_a"));
    }

    @Test
    void withoutTalerBaseConfigThePrefixConfigDirIsUsed() throws IOException {
        Path cd = dir.resolve("share/taler/config.d");
        Files.createDirectories(cd);
        Files.writeString(cd.resolve("x.conf"), "[exchange]\nport = 9999\n");
        TalerConfig c = new ConfigLoader(Map.of(), dir).loadBase();
        assertEquals("9999", c.requireString("exchange", "port"));
    }

    @Test
    void explicitMainFileMustExist() {
        ConfigLoader l = new ConfigLoader(Map.of("TALER_BASE_CONFIG", SHIPPED_DEFAULTS.toString()), dir);
        ConfigException e = assertThrows(ConfigException.class, () -> l.load(Optional.of(dir.resolve("absent.conf"))));
        assertEquals(ConfigException.Kind.LOAD, e.kind());
        assertTrue(e.getMessage().contains("Unreadable configuration file"));
    }

    @Test
    void defaultSearchUsesXdgConfigHomeAndSetsDefaultConfig() throws IOException {
        Path xdg = dir.resolve("xdg");
        Files.createDirectories(xdg);
        Files.writeString(xdg.resolve("taler.conf"), "[exchange]\nport = 1234\n");
        ConfigLoader l = new ConfigLoader(Map.of("TALER_BASE_CONFIG", SHIPPED_DEFAULTS.toString(),
                "XDG_CONFIG_HOME", xdg.toString(), "HOME", dir.toString()), dir);
        ConfigLoader.Loaded loaded = l.load(Optional.empty());
        assertEquals("1234", loaded.config().requireString("exchange", "port"));
        assertEquals(xdg.resolve("taler.conf").toString(), loaded.config().requireString("PATHS", "DEFAULTCONFIG"));
        assertEquals("8081", loaded.base().requireString("exchange", "port"));
    }

    @Test
    void homeConfigIsUsedWithoutXdg() throws IOException {
        Files.createDirectories(dir.resolve(".config"));
        Files.writeString(dir.resolve(".config/taler.conf"), "[taler]\ncurrency = EUR\n");
        ConfigLoader l = new ConfigLoader(Map.of("TALER_BASE_CONFIG", SHIPPED_DEFAULTS.toString(), "HOME", dir.toString()), dir);
        assertEquals("EUR", l.load(Optional.empty()).config().requireString("taler", "currency"));
    }

    @Test
    void shippedDefaultsAreValidAndHaveTheDocumentedValues() {
        ConfigLoader l = new ConfigLoader(Map.of("TALER_BASE_CONFIG", SHIPPED_DEFAULTS.toString(), "HOME", "/home/op"),
                Path.of("/usr"));
        TalerConfig c = l.loadBase();
        assertEquals(8081, c.requireNumber("exchange", "port"));
        assertEquals("http://localhost:8081/", c.requireString("exchange", "base_url"));
        assertEquals("tcp", c.requireChoice("exchange", "serve", "tcp", "unix"));
        assertEquals("KUDOS", c.requireString("taler", "currency"));
        assertEquals("postgres:///taler", c.requireString("exchangedb-postgres", "config"));
        assertTrue(c.requireRelativeTime("exchangedb", "IDLE_RESERVE_EXPIRATION_TIME").micros() == 28L * 86400 * 1_000_000);
        assertEquals(12L * 7 * 86400 * 1_000_000,
                c.requireRelativeTime("taler-exchange-secmod-eddsa", "DURATION").micros());
        assertEquals(300_000_000L, c.requireRelativeTime("taler-exchange-secmod-rsa", "OVERLAP_DURATION").micros());
        assertEquals(Path.of("/home/op/.local/share/taler/exchange-offline/master.priv"),
                c.requireFilename("exchange-offline", "MASTER_PRIV_FILE"));
        assertEquals(Path.of("/usr/share/taler/exchange/tos"), c.requireFilename("exchange", "TERMS_DIR"));
        assertEquals(8083, c.requireNumber("auditor", "port"));
        assertTrue(c.getRelativeTime("exchange", "WIREWATCH_IDLE_SLEEP_INTERVAL").isPresent());
    }
}

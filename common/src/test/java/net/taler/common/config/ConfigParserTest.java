package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigParserTest {
    @TempDir
    Path dir;

    private TalerConfig parse(String text) {
        TalerConfig c = new TalerConfig(Map.of());
        new ConfigParser(c).parseString(text, "test");
        return c;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private TalerConfig parseFile(Path p) {
        TalerConfig c = new TalerConfig(Map.of());
        new ConfigParser(c).parseFile(p);
        return c;
    }

    @Test
    void sectionsAndOptionsAreCaseInsensitiveAndKeepTheirSpelling() {
        TalerConfig c = parse("[COIN_TESTKUDOS_CT1]\nValue = TESTKUDOS:0.01\n");
        assertEquals("TESTKUDOS:0.01", c.requireString("coin_testkudos_ct1", "VALUE"));
        assertEquals(List.of("COIN_TESTKUDOS_CT1"), c.sectionNames());
        assertEquals("Value", c.entries("Coin_TestKudos_Ct1").get(0).name());
    }

    @Test
    void laterAssignmentsWin() {
        TalerConfig c = parse("[a]\nx = 1\n[b]\ny = 2\n[A]\nX = 3\n");
        assertEquals("3", c.requireString("a", "x"));
        assertEquals(2, c.sectionNames().size());
    }

    @Test
    void blanksTabsCommentsAndQuotes() {
        TalerConfig c = parse("# comment\n% also a comment\n\n\t[s] \r\n  k\t=\t \"quoted value\" \r\n"
                + "j = \"only-leading\n e = \n p = a = b\n");
        assertEquals("quoted value", c.requireString("s", "k"));
        assertEquals("\"only-leading", c.requireString("s", "j"));
        assertEquals("", c.requireString("s", "e"));
        assertEquals("a = b", c.requireString("s", "p"));
    }

    @Test
    void optionOutsideSectionIsAnErrorWithLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> parse("\n\nfoo = bar\n"));
        assertEquals(ConfigException.Kind.LOAD, e.kind());
        assertTrue(e.getMessage().startsWith("test:3:"), e.getMessage());
    }

    @Test
    void garbageLineIsAnErrorNamingFileAndLine() throws IOException {
        Path f = write("bad.conf", "[s]\nok = 1\nthis is not valid\n");
        ConfigException e = assertThrows(ConfigException.class, () -> parseFile(f));
        assertTrue(e.getMessage().startsWith(f + ":3:"), e.getMessage());
    }

    @Test
    void malformedSectionHeaderAndUnknownDirective() throws IOException {
        assertThrows(ConfigException.class, () -> parse("[unclosed\n"));
        assertThrows(ConfigException.class, () -> parse("[]\n"));
        Path f = write("d.conf", "@frobnicate@ x\n");
        ConfigException e = assertThrows(ConfigException.class, () -> parseFile(f));
        assertTrue(e.getMessage().contains(":1:") && e.getMessage().contains("unknown directive"));
    }

    @Test
    void directivesAreNotAllowedInStrings() {
        assertThrows(ConfigException.class, () -> parse("@inline@ foo.conf\n"));
    }

    @Test
    void inlineResolvesAgainstTheRealPathOfTheIncludingFile() throws IOException {
        write("real/main.conf", "[s]\na = 1\n@INLINE@ sub/inc.conf\nb = 3\n");
        write("real/sub/inc.conf", "[s]\na = 2\n[t]\nc = 4\n");
        Path link = dir.resolve("elsewhere/link.conf");
        Files.createDirectories(link.getParent());
        Files.createSymbolicLink(link, dir.resolve("real/main.conf"));
        TalerConfig c = parseFile(link);
        assertEquals("2", c.requireString("s", "a"));
        assertEquals("4", c.requireString("t", "c"));
        // after the include, the including file continues in its own current section
        assertEquals("3", c.requireString("s", "b"));
        assertFalse(c.has("t", "b"));
    }

    @Test
    void inlineMatchingParsesInSortedOrder() throws IOException {
        write("conf.d/20-b.conf", "[s]\nv = b\n");
        write("conf.d/10-a.conf", "[s]\nv = a\nfirst = a\n");
        write("conf.d/ignored.txt", "[s]\nv = txt\n");
        Path main = write("main.conf", "@inline-matching@ conf.d/*.conf\n");
        TalerConfig c = parseFile(main);
        assertEquals("b", c.requireString("s", "v"));
        assertEquals("a", c.requireString("s", "first"));
    }

    @Test
    void cyclesAreRejected() throws IOException {
        write("a.conf", "[s]\n@inline@ b.conf\n");
        write("b.conf", "[s]\n@inline@ a.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> parseFile(dir.resolve("a.conf")));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        write("self.conf", "@inline@ self.conf\n");
        assertThrows(ConfigException.class, () -> parseFile(dir.resolve("self.conf")));
    }

    @Test
    void missingInlineFileIsAnError() throws IOException {
        Path f = write("m.conf", "@inline@ nowhere.conf\n");
        ConfigException e = assertThrows(ConfigException.class, () -> parseFile(f));
        assertTrue(e.getMessage().contains("nowhere.conf"), e.getMessage());
    }

    @Test
    void inlineSecretAcceptsOnlyItsSection() throws IOException {
        write("secrets/bank.secret.conf", "[exchange-accountcredentials-1]\npassword = hunter2\nusername = ex\n");
        Path main = write("main.conf", "[exchange-accountcredentials-1]\nwire_gateway_url = http://b/\n"
                + "@inline-secret@ exchange-accountcredentials-1 secrets/bank.secret.conf\n");
        TalerConfig c = parseFile(main);
        assertEquals("hunter2", c.requireString("EXCHANGE-ACCOUNTCREDENTIALS-1", "PASSWORD"));
        assertEquals("http://b/", c.requireString("exchange-accountcredentials-1", "wire_gateway_url"));

        write("secrets/evil.conf", "[exchange]\nmaster_public_key = X\n");
        Path main2 = write("main2.conf", "@inline-secret@ creds secrets/evil.conf\n");
        assertThrows(ConfigException.class, () -> parseFile(main2));

        write("secrets/dir.conf", "[creds]\n@inline@ other.conf\n");
        Path main3 = write("main3.conf", "@inline-secret@ creds secrets/dir.conf\n");
        assertThrows(ConfigException.class, () -> parseFile(main3));
    }

    @Test
    void unreadableSecretMarksTheSectionInaccessible() throws IOException {
        Path main = write("main.conf", "[other]\nx = 1\n@inline-secret@ creds secrets/absent.conf\n");
        TalerConfig c = parseFile(main);
        assertTrue(c.isInaccessible("CREDS"));
        ConfigException e = assertThrows(ConfigException.class, () -> c.getString("creds", "password"));
        assertTrue(e.getMessage().contains("inaccessible"));
        assertEquals("1", c.requireString("other", "x"));
        assertFalse(c.serialize(null).contains("creds"));
    }
}

package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import net.taler.common.cli.Programs;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs taler-config in-process against the shipped defaults and a controlled environment. */
class TalerConfigCommandTest {
    @TempDir
    Path dir;
    Path conf;
    String out;
    String err;

    @BeforeEach
    void emptyConfig() throws IOException {
        conf = dir.resolve("test.conf");
        Files.writeString(conf, "");
    }

    private int run(String... args) {
        TalerConfigCommand cmd = new TalerConfigCommand();
        cmd.useLoader(new ConfigLoader(Map.of("TALER_BASE_CONFIG", ConfigLoaderTest.SHIPPED_DEFAULTS.toString(),
                "HOME", dir.toString(), "XDG_CONFIG_HOME", dir.resolve("xdg").toString()), Path.of("/usr")));
        CommandLine cl = Programs.commandLine(cmd);
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        out = o.toString();
        err = e.toString();
        return code;
    }

    @Test
    void portDefaultsTo8081() {
        assertEquals(0, run("-c", conf.toString(), "-s", "exchange", "-o", "PORT"));
        assertEquals("8081\n", out);
    }

    @Test
    void filenameOptionPrintsAnAbsoluteExpandedPath() {
        assertEquals(0, run("-f", "-c", conf.toString(), "-s", "exchange-offline", "-o", "MASTER_PRIV_FILE"));
        assertEquals(dir + "/.local/share/taler/exchange-offline/master.priv\n", out);
        assertEquals(0, run("-c", conf.toString(), "-s", "exchange-offline", "-o", "MASTER_PRIV_FILE"));
        assertEquals("${TALER_DATA_HOME}/exchange-offline/master.priv\n", out);
    }

    @Test
    void missingOptionExits6() {
        assertEquals(6, run("-c", conf.toString(), "-s", "exchange", "-o", "MASTER_PUBLIC_KEY"));
        assertTrue(err.contains("MASTER_PUBLIC_KEY"), err);
        assertEquals("", out);
    }

    @Test
    void badUsageExits2() {
        assertEquals(2, run("-c", conf.toString()));
        assertTrue(err.contains("--section, --list-sections or --diagnostics argument is required"));
        assertEquals(2, run("--no-such-option"));
        assertEquals(2, run("-c", conf.toString(), "-s"));
        assertEquals(2, run("-c", conf.toString(), "-s", "exchange", "-V", "x"));
        assertEquals(2, run("-c", conf.toString(), "-LNOISY", "-s", "exchange", "-o", "port"));
        assertEquals(2, run("-c", conf.toString(), "extra-argument"));
    }

    @Test
    void gluedAndLongOptionForms() {
        assertEquals(0, run("-LDEBUG", "--config=" + conf, "--section=exchange", "--option=port"));
        assertEquals("8081\n", out);
        assertEquals(0, run("-c" + conf, "-sexchange", "-oPORT"));
        assertEquals("8081\n", out);
    }

    @Test
    void helpAndVersionExit0() {
        assertEquals(0, run("-h"));
        assertTrue(out.contains("--section"), out);
        assertEquals(0, run("--version"));
        assertTrue(out.startsWith("taler-config "), out);
    }

    @Test
    void unreadableOrMalformedFilesExit1WithFileAndLine() throws IOException {
        assertEquals(1, run("-c", dir.resolve("absent.conf").toString(), "-s", "exchange", "-o", "port"));
        assertTrue(err.contains("absent.conf"), err);
        Files.writeString(conf, "[exchange]\nport = 1\nthis line is broken\n");
        assertEquals(1, run("-c", conf.toString(), "-s", "exchange", "-o", "port"));
        assertTrue(err.contains(conf + ":3"), err);
        assertEquals(1, err.strip().lines().count(), err);
    }

    @Test
    void settingAValueRewritesOnlyNonDefaults() throws IOException {
        Files.writeString(conf, "# a comment that is lost\n[exchange]\nPORT = 8081\nBASE_URL = http://ex.example/\n");
        assertEquals(0, run("-c", conf.toString(), "-s", "exchange-account-1", "-o", "PAYTO_URI",
                "-V", "payto://x-taler-bank/localhost/Exchange?receiver-name=Exchange"));
        String text = Files.readString(conf);
        assertTrue(text.contains("[exchange-account-1]\nPAYTO_URI = payto://x-taler-bank/localhost/Exchange?receiver-name=Exchange\n"), text);
        assertTrue(text.contains("BASE_URL = http://ex.example/"), text);
        assertFalse(text.contains("PORT"), "default-equal value must not be written: " + text);
        assertFalse(text.contains("comment"), text);
        assertFalse(text.contains("CURRENCY"), text);
        assertFalse(text.contains("DATADIR"), text);
        assertEquals(0, run("-c", conf.toString(), "-s", "exchange-account-1", "-o", "payto_uri"));
        assertEquals("payto://x-taler-bank/localhost/Exchange?receiver-name=Exchange\n", out);
    }

    @Test
    void setWithFilenameFlagStoresTheRawValue() {
        assertEquals(0, run("-f", "-c", conf.toString(), "-s", "exchange-offline", "-o", "MASTER_PRIV_FILE",
                "-V", "${TALER_DATA_HOME}/custom.priv"));
        assertEquals(0, run("-c", conf.toString(), "-s", "exchange-offline", "-o", "MASTER_PRIV_FILE"));
        assertEquals("${TALER_DATA_HOME}/custom.priv\n", out);
    }

    @Test
    void fullRewriteIncludesDefaults() throws IOException {
        assertEquals(0, run("-c", conf.toString(), "-F"));
        String text = Files.readString(conf);
        assertTrue(text.contains("[exchange]") && text.contains("PORT = 8081"), text);
        assertFalse(text.contains("\nDATADIR ="), "built-in paths are never written: " + text);
        assertEquals(0, run("-c", conf.toString(), "-s", "exchange", "-o", "port"));
        assertEquals("8081\n", out);
    }

    @Test
    void rewriteWithoutChangesKeepsValues() throws IOException {
        Files.writeString(conf, "[taler]\ncurrency = EUR\n");
        assertEquals(0, run("-c", conf.toString(), "-r"));
        assertEquals("[taler]\nCURRENCY = EUR\n\n", Files.readString(conf));
    }

    @Test
    void rewriteWithoutConfigGoesToTheUserFile() throws IOException {
        assertEquals(0, run("-s", "taler", "-o", "currency", "-V", "CHF"));
        // the option keeps the spelling of its first definition (the shipped default)
        assertEquals("[taler]\nCURRENCY = CHF\n\n", Files.readString(dir.resolve("xdg/taler.conf")));
    }

    @Test
    void listSectionsAndSectionDump() throws IOException {
        Files.writeString(conf, "[coin_kudos_1]\nvalue = KUDOS:1\nfee_deposit = KUDOS:0.01\n");
        assertEquals(0, run("-c", conf.toString(), "-S"));
        assertTrue(out.lines().anyMatch("coin_kudos_1"::equals), out);
        assertTrue(out.lines().anyMatch("exchange"::equals), out);
        assertTrue(err.contains("The following sections are available"));
        assertEquals(0, run("-c", conf.toString(), "-s", "COIN_KUDOS_1"));
        assertEquals("value = KUDOS:1\nfee_deposit = KUDOS:0.01\n", out);
        assertEquals(0, run("-c", conf.toString(), "-s", "taler-exchange-secmod-rsa", "-f"));
        assertTrue(out.contains("KEY_DIR = " + dir + "/.local/share/taler/exchange-secmod-rsa/keys"), out);
    }

    @Test
    void diagnosticsShowProvenance() throws IOException {
        Files.writeString(conf, "[exchange]\nport = 4242\n");
        assertEquals(0, run("-c", conf.toString(), "-d"));
        assertTrue(out.contains("# " + conf + ":2\nPORT = 4242"), out);
        assertTrue(out.contains("exchange.conf:"), out);
    }

    @Test
    void supportedBackend() {
        assertEquals(0, run("-b", "exchangedb_postgres"));
        assertEquals(77, run("-b", "exchangedb_oracle"));
    }

    @Test
    void secretSectionsAreSkippedWhenRewriting() throws IOException {
        Files.writeString(conf, "@inline-secret@ creds absent.secret.conf\n[taler]\ncurrency = EUR\n");
        assertEquals(6, run("-c", conf.toString(), "-s", "creds", "-o", "password"));
        assertTrue(err.contains("inaccessible"), err);
        assertEquals(0, run("-c", conf.toString(), "-s", "taler", "-o", "currency", "-V", "CHF"));
        assertEquals("[taler]\nCURRENCY = CHF\n\n", Files.readString(conf));
    }
}

package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.testsupport.keys.KeysVerifier;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.pg.PgExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exchange end to end from the install tree, as wallet-core's harness drives it
 * (operations.md 3.9, 3.10): dbinit, three security modules and the httpd as real processes,
 * key-up with the offline tool's launcher, then {@code /keys} checked signature by signature,
 * and the offline tool's command-line modes (show, stdin, a closed port). What the endpoints
 * answer is tested in-process (exchange-httpd): {@code KeysEndpointTest} (signatures, caching,
 * repeated key-up, revocation), {@code WireEndpointTest}, {@code ManagementApiTest}.
 */
@ExtendWith(PgExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExchangeKeyupIT {
    @TempDir
    static Path dir;

    static final String AUDITOR_URL = "http://auditor.example/";

    ExchangeTestbed bed;
    Process httpd;
    String auditorPub;
    int year;
    /** The download taken before the first key-up (it still lists future keys). */
    String firstDownload;
    KeysVerifier.Keys afterFirstKeyup;

    @BeforeAll
    void start(PgDatabase db) throws Exception {
        bed = new ExchangeTestbed(dir, db.uri());
        bed.setupMasterKey();
        auditorPub = EddsaPrivateKey.generate().publicKey().toBase32();
        year = Year.now(ZoneOffset.UTC).getValue();
        bed.dbinit();
        bed.startSecmods();
        httpd = bed.startHttpd("taler-exchange-httpd");
        bed.awaitReady(httpd);
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

    private void keyup() throws Exception {
        bed.offline("download", "sign", "upload");
        bed.offline("enable-account", ExchangeTestbed.PAYTO, "upload");
        for (int y = year; y < year + 5; y++) {
            bed.offline("wire-fee", Integer.toString(y), "x-taler-bank", "TESTKUDOS:0.01", "TESTKUDOS:0.01", "upload");
        }
        bed.offline("global-fee", Integer.toString(year), "TESTKUDOS:0", "TESTKUDOS:0", "TESTKUDOS:0", "1 h",
                "1 year", "5", "upload");
        bed.offline("enable-auditor", auditorPub, AUDITOR_URL, "Auditor", "upload");
    }

    private KeysVerifier.Keys keys() throws Exception {
        HttpResponse<String> r = bed.get("keys");
        assertEquals(200, r.statusCode(), () -> "GET /keys: " + r.body() + "\n" + bed.logs());
        return KeysVerifier.verifyKeys(r.body(), bed.masterPub, ExchangeTestbed.CURRENCY);
    }

    private static JsonNode json(HttpResponse<String> r) {
        return KeysVerifier.parse(r.body());
    }

    @Test
    @Order(1)
    void downloadThenShowDetectsTampering() throws Exception {
        firstDownload = bed.offline("download").out();
        JsonNode in = KeysVerifier.parse(firstDownload);
        assertEquals("exchange-input-keys-0", in.path("operation").asText(), firstDownload);
        JsonNode futureDenoms = in.path("arguments").path("future_denoms");
        assertTrue(futureDenoms.size() >= ExchangeTestbed.COINS.length, firstDownload);
        assertTrue(in.path("arguments").path("future_signkeys").size() >= 1, firstDownload);

        ExchangeTestbed.Result ok = bed.offlineWithInput(firstDownload, "show");
        assertTrue(ok.out().contains("DENOMINATION-KEY"), ok.toString());

        String sig = futureDenoms.get(0).path("denom_secmod_sig").asText();
        assertEquals(103, sig.length(), firstDownload);
        char c = sig.charAt(10);
        String flipped = sig.substring(0, 10) + (c == '0' ? '1' : '0') + sig.substring(11);
        String tampered = firstDownload.replace(sig, flipped);
        ExchangeTestbed.Result bad = bed.runWithInput(tampered, "taler-exchange-offline", "-c", bed.conf.toString(),
                "show");
        assertNotEquals(0, bad.code(), bad.toString());
    }

    @Test
    @Order(2)
    void keyupThenKeysVerify() throws Exception {
        keyup();
        KeysVerifier.Keys k = keys();
        afterFirstKeyup = k;
        assertTrue(k.auditors().stream().anyMatch(a -> a.toBase32().equals(auditorPub)), "auditor listed");
        assertEquals(1, k.globalFees(), "global fees");
        for (String[] coin : ExchangeTestbed.COINS) {
            Amount value = Amount.parse(coin[1]);
            assertTrue(k.denoms().values().stream().anyMatch(d -> d.cipher().equals(coin[2]) && d.value().equals(value)),
                    "no " + coin[2] + " denomination of " + coin[1]);
        }
        assertTrue(k.recoup().isEmpty());
        HttpResponse<String> mk = bed.get("management/keys");
        assertEquals(200, mk.statusCode(), mk.body());
        assertEquals(0, json(mk).path("future_denoms").size(), "all keys signed: " + mk.body());
    }

    @Test
    @Order(3)
    void uploadReadsOperationsFromStdin() throws Exception {
        ExchangeTestbed.Result signed = bed.offline("wire-fee", Integer.toString(year + 1), "x-taler-bank",
                "TESTKUDOS:0.01", "TESTKUDOS:0.01");
        JsonNode ops = KeysVerifier.parse(signed.out());
        assertTrue(ops.isArray() && ops.size() == 1, signed.toString());
        assertEquals("exchange-set-wire-fee-0", ops.get(0).path("operation").asText());
        ExchangeTestbed.Result up = bed.offlineWithInput(signed.out(), "upload");
        assertEquals("", up.out().strip(), up.toString());
    }

    @Test
    @Order(4)
    void downloadFromAClosedPortFailsWithOneErrorLine() throws Exception {
        Path conf2 = dir.resolve("closed.conf");
        Files.copy(bed.conf, conf2);
        ExchangeTestbed.Result set = bed.run("taler-config", "-c", conf2.toString(), "-s", "exchange", "-o",
                "BASE_URL", "-V", "http://localhost:" + ExchangeTestbed.freePort() + "/");
        assertEquals(0, set.code(), set.toString());
        ExchangeTestbed.Result r = bed.run("taler-exchange-offline", "-c", conf2.toString(), "download");
        assertEquals(1, r.code(), r.toString());
        assertEquals(1, r.err().strip().lines().count(), r.toString());
        assertEquals("", r.out(), r.toString());
    }

    @Test
    @Order(5)
    void keysStillVerifyAtTheEnd() throws Exception {
        KeysVerifier.Keys k = keys();
        assertTrue(httpd.isAlive(), bed.logs());
        Set<HashCode> listed = k.denoms().keySet();
        assertTrue(listed.containsAll(afterFirstKeyup.denoms().keySet()), "keys of the first key-up still listed");
    }
}

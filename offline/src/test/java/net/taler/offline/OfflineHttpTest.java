package net.taler.offline;

import static net.taler.offline.OfflineTestSupport.MAPPER;
import static net.taler.offline.OfflineTestSupport.masterKey;
import static net.taler.offline.OfflineTestSupport.run;
import static net.taler.offline.OfflineTestSupport.writeConfig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.sig.master.DenominationKeyRevoked;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code download}/{@code upload} against a loopback JDK HTTP server that records requests. */
class OfflineHttpTest {
    @TempDir
    Path dir;

    private HttpServer server;
    private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, JsonNode> bodies = Collections.synchronizedMap(new TreeMap<>());
    private volatile String keysReply = "{}";
    private volatile int postStatus = 204;

    private void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        if (ex.getRequestMethod().equals("GET") && path.equals("/management/keys")) {
            byte[] b = keysReply.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
            return;
        }
        bodies.put(path, MAPPER.readTree(ex.getRequestBody()));
        ex.sendResponseHeaders(postStatus, -1);
        ex.close();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private EddsaPrivateKey setupWithServer() throws Exception {
        startServer();
        writeConfig(dir, "[exchange]\nBASE_URL = http://127.0.0.1:" + server.getAddress().getPort() + "/\n");
        assertEquals(0, run(dir, null, "setup").code());
        return masterKey(dir);
    }

    @Test
    void uploadFromStdinPostsEachOperationAndMapsFields() throws Exception {
        EddsaPrivateKey master = setupWithServer();
        HashCode h = HashCode.fromBase32(new HashCode(new byte[64]).toBase32());
        OfflineTestSupport.Result signed = run(dir, null, "revoke-denomination", h.toBase32(),
                "disable-account", "payto://x-taler-bank/localhost/exchange",
                "wire-fee", "2024", "x-taler-bank", "KUDOS:0.01", "KUDOS:0.01",
                "global-fee", "2024", "KUDOS:0.01", "KUDOS:0.01", "KUDOS:0.00", "1h", "1year", "5",
                "drain", "KUDOS:1", "exchange-account-1", "payto://x-taler-bank/localhost/op");
        assertEquals(0, signed.code(), signed.err());
        OfflineTestSupport.Result up = run(dir, signed.out(), "upload");
        assertEquals(0, up.code(), up.err());
        assertEquals("", up.out());
        assertEquals(5, requests.size(), requests.toString());
        JsonNode rev = bodies.get("/management/denominations/" + h.toBase32() + "/revoke");
        assertTrue(new DenominationKeyRevoked(h).verify(master.publicKey(),
                EddsaSignature.fromBase32(rev.get("master_sig").asText())));
        JsonNode del = bodies.get("/management/wire/disable");
        assertTrue(del.has("master_sig_del") && del.has("validity_end") && del.has("payto_uri"), del.toString());
        JsonNode wf = bodies.get("/management/wire-fee");
        assertTrue(wf.has("fee_start") && wf.has("fee_end") && !wf.has("start_time"), wf.toString());
        JsonNode gf = bodies.get("/management/global-fee");
        assertEquals(9, gf.size(), gf.toString());
        JsonNode dr = bodies.get("/management/drain");
        assertEquals("exchange-account-1", dr.get("debit_account_section").asText());
        assertEquals("payto://x-taler-bank/localhost/op", dr.get("credit_payto_uri").asText());
    }

    @Test
    void childJvmUploadsArrayFromRealStdin() throws Exception {
        setupWithServer();
        OfflineTestSupport.Result signed = run(dir, null, "enable-account", "payto://x-taler-bank/localhost/e");
        assertEquals(0, signed.code(), signed.err());
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), OfflineMain.class.getName(),
                "-c", dir.resolve("test.conf").toString(), "upload")
                .redirectError(dir.resolve("err.log").toFile())
                .redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().put("TALER_BASE_CONFIG", dir.resolve("base").toString());
        Process p = pb.start();
        try (OutputStream o = p.getOutputStream()) {
            o.write(signed.out().getBytes(StandardCharsets.UTF_8));
        }
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), java.nio.file.Files.readString(dir.resolve("err.log")));
        assertEquals(List.of("POST /management/wire"), requests);
        JsonNode b = bodies.get("/management/wire");
        assertEquals(4, b.size(), b.toString());
    }

    @Test
    void uploadWithNon204Fails() throws Exception {
        setupWithServer();
        postStatus = 409;
        OfflineTestSupport.Result r = run(dir, null, "enable-account", "payto://x-taler-bank/localhost/e",
                "upload");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("409"), r.err());
        assertEquals(List.of("POST /management/wire"), requests);
        assertEquals("", r.out());
    }

    @Test
    void uploadRejectsNonArrayAndUnknownOperation() throws Exception {
        setupWithServer();
        assertEquals(1, run(dir, "{}", "upload").code());
        assertEquals(1, run(dir, "[{\"operation\":\"nope\",\"arguments\":{}}]", "upload").code());
    }

    @Test
    void downloadSignUploadChain() throws Exception {
        EddsaPrivateKey master = setupWithServer();
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        keysReply = ex.keysReply(master.publicKey()).toString();
        OfflineTestSupport.Result r = run(dir, null, "download", "sign", "upload");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("GET /management/keys", "POST /management/keys"), requests);
        JsonNode b = bodies.get("/management/keys");
        assertEquals(2, b.get("denom_sigs").size());
        assertEquals(1, b.get("signkey_sigs").size());
    }

    @Test
    void downloadAloneprintsInputObject() throws Exception {
        EddsaPrivateKey master = setupWithServer();
        OfflineTestSupport.FakeExchange ex = new OfflineTestSupport.FakeExchange();
        keysReply = ex.keysReply(master.publicKey()).toString();
        OfflineTestSupport.Result r = run(dir, null, "download");
        assertEquals(0, r.code(), r.err());
        JsonNode in = r.json();
        assertEquals("exchange-input-keys-0", in.get("operation").asText());
        // and the printed object is accepted by sign from stdin
        OfflineTestSupport.Result s = run(dir, r.out(), "sign");
        assertEquals(0, s.code(), s.err());
    }

    @Test
    void unconsumedDownloadBlocksOtherCommands() throws Exception {
        EddsaPrivateKey master = setupWithServer();
        keysReply = new OfflineTestSupport.FakeExchange().keysReply(master.publicKey()).toString();
        EddsaPublicKey k = EddsaPrivateKey.generate().publicKey();
        for (String[] args : new String[][] {
            {"download", "revoke-signkey", k.toBase32()},
            {"download", "enable-account", "payto://x-taler-bank/localhost/e"},
            {"download", "upload"},
        }) {
            OfflineTestSupport.Result r = run(dir, null, args);
            assertEquals(1, r.code(), String.join(" ", args));
            assertTrue(r.err().contains("Downloaded data was not consumed"), r.err());
        }
        assertFalse(requests.stream().anyMatch(s -> s.startsWith("POST")), requests.toString());
    }

    @Test
    void downloadWithNothingListeningFailsWithOneLine() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        writeConfig(dir, "[exchange]\nBASE_URL = http://127.0.0.1:" + port + "/\n");
        assertEquals(0, run(dir, null, "setup").code());
        OfflineTestSupport.Result r = run(dir, null, "download");
        assertEquals(1, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }
}

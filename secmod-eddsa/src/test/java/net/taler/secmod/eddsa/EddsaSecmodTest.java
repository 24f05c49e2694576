package net.taler.secmod.eddsa;

import net.taler.common.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.EddsaProtocol;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.MessageBuilder;
import net.taler.common.secmod.SigningKeyInfo;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;
import net.taler.common.secmod.client.SecmodResult;
import net.taler.common.secmod.client.SecmodUnavailableException;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.sig.Purposes;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EdDSA helper in this JVM on a real socket, driven through {@link EddsaSecmodClient}. */
class EddsaSecmodTest {
    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_700_000_000L));
    private final List<AutoCloseable> open = new ArrayList<>();
    private SecmodCore<EddsaPrivateKey> core;

    private TalerConfig config(String lookahead, String duration) {
        TalerConfig cfg = new TalerConfig(Map.of());
        String s = EddsaSecmod.SECTION;
        cfg.set(s, "KEY_DIR", dir.resolve("keys").toString());
        cfg.set(s, "UNIXPATH", socket().toString());
        cfg.set(s, "SM_PRIV_KEY", dir.resolve("sm/secmod-private-key").toString());
        cfg.set(s, "LOOKAHEAD_SIGN", lookahead);
        cfg.set(s, "OVERLAP_DURATION", "5 m");
        cfg.set(s, "DURATION", duration);
        return cfg;
    }

    private Path socket() {
        return dir.resolve("run/server.sock");
    }

    private SecmodCore<EddsaPrivateKey> start(TalerConfig cfg) {
        core = EddsaSecmod.create(cfg, SecmodConfig.load(cfg, EddsaSecmod.SECTION), clock);
        core.start(Timestamp.now(clock));
        open.add(core);
        return core;
    }

    private EddsaSecmodClient client() {
        EddsaSecmodClient c = new EddsaSecmodClient(socket(),
                new SecmodClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(10), 2), null);
        open.add(c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static PurposeBlock block(long n) {
        return PurposeBlock.builder(Purposes.EXCHANGE_TEST_EDDSA).u64(n).build();
    }

    /** Waits until the client's key map satisfies the condition. */
    private static Map<EddsaPublicKey, SigningKeyInfo> awaitKeys(EddsaSecmodClient c,
            java.util.function.Predicate<Map<EddsaPublicKey, SigningKeyInfo>> cond) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            long v = c.keysVersion();
            Map<EddsaPublicKey, SigningKeyInfo> keys = c.keys();
            if (cond.test(keys)) {
                return keys;
            }
            assertTrue(System.nanoTime() < deadline, "condition not reached; keys: " + keys.keySet());
            c.awaitKeysVersion(v, Duration.ofMillis(500));
        }
    }

    @Test
    void announcedKeysAreSmSignedAndSignaturesVerify() throws Exception {
        start(config("20 s", "1 h"));
        EddsaSecmodClient c = client();
        Map<EddsaPublicKey, SigningKeyInfo> keys = c.keys();
        assertEquals(1, keys.size(), "20 s lookahead + 5 m overlap fit into one 1 h key");
        SigningKeyInfo k = keys.values().iterator().next();
        assertTrue(k.verifySmSignature());
        assertEquals(core.smPublicKey(), k.smPublicKey());
        assertEquals(core.smPublicKey(), c.smPublicKey());
        assertEquals(Timestamp.now(clock).roundedToSeconds(), k.anchor());
        assertTrue(Files.exists(dir.resolve("keys").resolve(Long.toString(k.anchor().seconds()))));

        PurposeBlock b = block(42);
        SecmodResult<EddsaProtocol.Signed> r = c.sign(b);
        assertTrue(r.isOk(), r.toString());
        assertEquals(k.exchangePublicKey(), r.value().exchangePublicKey());
        assertTrue(Eddsa.verify(r.value().exchangePublicKey(), b, r.value().signature()));
        assertFalse(Eddsa.verify(r.value().exchangePublicKey(), block(43), r.value().signature()));
    }

    @Test
    void malformedPurposeIsRefusedAndTheConnectionStays() throws Exception {
        start(config("20 s", "1 h"));
        try (FramedChannel ch = FramedChannel.connect(socket(), 2000)) {
            while (ch.receive(5000).type() != EddsaProtocol.SYNCED) {
                // skip AVAIL
            }
            // purpose size says 20 but only 12 bytes follow
            ch.send(MessageBuilder.of(EddsaProtocol.REQ_SIGN).u32(0).u32(20).u32(Purposes.EXCHANGE_TEST_EDDSA).u32(7)
                    .build());
            Frame f = ch.receive(5000);
            assertEquals(EddsaProtocol.RES_SIGN_FAILURE, f.type());
            assertEquals(TalerErrorCode.GENERIC_PARAMETER_MALFORMED.code(), f.body().u32());
            ch.send(EddsaProtocol.signRequest(block(1)));
            assertEquals(EddsaProtocol.RES_SIGNATURE, ch.receive(5000).type());
            // a request shorter than reserved + purpose header closes the connection
            ch.send(MessageBuilder.of(EddsaProtocol.REQ_SIGN).u32(0).u32(8).build());
            assertThrows(java.io.EOFException.class, () -> ch.receive(5000));
        }
        assertTrue(client().sign(block(2)).isOk(), "other clients are still served");
    }

    @Test
    void revocationReachesEveryClientAndDeletesTheKeyFile() throws Exception {
        start(config("20 s", "1 h"));
        EddsaSecmodClient a = client();
        EddsaSecmodClient b = client();
        SigningKeyInfo old = a.keys().values().iterator().next();
        b.keys();
        Path file = dir.resolve("keys").resolve(Long.toString(old.anchor().seconds()));
        byte[] oldBytes = Files.readAllBytes(file);
        a.revoke(old.exchangePublicKey());
        for (EddsaSecmodClient c : List.of(a, b)) {
            Map<EddsaPublicKey, SigningKeyInfo> keys = awaitKeys(c,
                    m -> !m.containsKey(old.exchangePublicKey()) && m.size() == 1);
            SigningKeyInfo repl = keys.values().iterator().next();
            assertEquals(old.anchor(), repl.anchor(), "replacement has the same anchor");
            assertTrue(repl.verifySmSignature());
        }
        assertFalse(java.util.Arrays.equals(oldBytes, Files.readAllBytes(file)), "revoked key's file is gone");
        assertEquals(1, Files.list(dir.resolve("keys")).count());
        SecmodResult<EddsaProtocol.Signed> r = b.sign(block(5));
        assertNotEquals(old.exchangePublicKey(), r.value().exchangePublicKey());
        // revoking an unknown key is ignored
        a.revoke(old.exchangePublicKey());
        assertEquals(1, a.keys().size());
    }

    @Test
    void timeTravelExpiresKeysWithPurgeAndCreatesNewOnes() throws Exception {
        start(config("20 s", "1 h"));
        EddsaSecmodClient c = client();
        SigningKeyInfo first = c.keys().values().iterator().next();
        // at 54 m 40 s the generation rule (anchor + D - L - O) asks for the successor
        clock.advance(Duration.ofSeconds(54 * 60 + 40));
        core.maintainNow();
        Map<EddsaPublicKey, SigningKeyInfo> two = awaitKeys(c, m -> m.size() == 2);
        SigningKeyInfo second = two.values().stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
        assertEquals(first.anchor().plus(first.duration()).minus(net.taler.common.time.RelativeTime.ofSeconds(300)),
                second.anchor(), "consecutive keys overlap by OVERLAP_DURATION");
        assertEquals(first.exchangePublicKey(), c.sign(block(1)).value().exchangePublicKey(), "oldest valid key signs");
        // past the first key's end it is purged and its file deleted
        clock.advance(Duration.ofMinutes(6));
        core.maintainNow();
        Map<EddsaPublicKey, SigningKeyInfo> after = awaitKeys(c, m -> !m.containsKey(first.exchangePublicKey()));
        assertTrue(after.containsKey(second.exchangePublicKey()));
        assertFalse(Files.exists(dir.resolve("keys").resolve(Long.toString(first.anchor().seconds()))));
        assertEquals(second.exchangePublicKey(), c.sign(block(2)).value().exchangePublicKey());
    }

    @Test
    void signingWithoutValidKeyReportsKeysMissing() throws Exception {
        start(config("20 s", "1 h"));
        EddsaSecmodClient c = client();
        c.keys();
        clock.advance(Duration.ofHours(3));
        SecmodResult<EddsaProtocol.Signed> r = c.sign(block(1));
        assertFalse(r.isOk());
        assertEquals(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING, r.error());
        core.maintainNow();
        assertTrue(c.sign(block(1)).isOk());
    }

    @Test
    void restartReloadsTheSameKeysAndSmKey() throws Exception {
        start(config("2 h", "1 h"));
        EddsaSecmodClient c = client();
        Map<EddsaPublicKey, SigningKeyInfo> before = c.keys();
        assertEquals(3, before.size()); // 0, 55, 110 min cover 2 h 5 min
        EddsaPublicKey sm = c.smPublicKey();
        core.close();
        c.close();
        start(config("2 h", "1 h"));
        EddsaSecmodClient c2 = client();
        assertEquals(before, c2.keys(), "same keys, same anchors, same SM signatures");
        assertEquals(sm, c2.smPublicKey());
    }

    @Test
    void parallelClientsGetCorrectAnswers() throws Exception {
        start(config("20 s", "1 h"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int base = t * 1000;
                results.add(pool.submit(() -> {
                    EddsaSecmodClient c = client();
                    int ok = 0;
                    for (int i = 0; i < 50; i++) {
                        PurposeBlock b = block(base + i);
                        EddsaProtocol.Signed s = c.sign(b).value();
                        if (Eddsa.verify(s.exchangePublicKey(), b, s.signature())) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : results) {
                assertEquals(50, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void keyGenerationFailureAtStartupIsExitCode1() throws Exception {
        // a directory where the first key file must go makes storing the key fail
        long now = Timestamp.now(clock).seconds();
        Files.createDirectories(dir.resolve("keys").resolve(Long.toString(now)).resolve("blocker"));
        TalerConfig cfg = config("20 s", "1 h");
        SecmodCore<EddsaPrivateKey> c = EddsaSecmod.create(cfg, SecmodConfig.load(cfg, EddsaSecmod.SECTION), clock);
        ProgramException e = assertThrows(ProgramException.class, () -> c.start(Timestamp.now(clock)));
        assertEquals(1, e.exitCode());
        assertFalse(Files.exists(socket()), "nothing listens after a failed start");
    }

    @Test
    void helperUnavailableIsReportedDistinctly() throws Exception {
        EddsaSecmodClient c = new EddsaSecmodClient(dir.resolve("nobody.sock"),
                new SecmodClientOptions(Duration.ofMillis(300), Duration.ofSeconds(2), 1), null);
        open.add(c);
        SecmodUnavailableException e = assertThrows(SecmodUnavailableException.class, c::keys);
        assertEquals(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, e.errorCode());
        assertFalse(e.isHelperBug());
        assertThrows(SecmodUnavailableException.class, () -> c.sign(block(1)));
    }

    @Test
    void clientReconnectsAfterHelperRestart() throws Exception {
        start(config("20 s", "1 h"));
        EddsaSecmodClient c = client();
        assertTrue(c.sign(block(1)).isOk());
        Map<EddsaPublicKey, SigningKeyInfo> keys = c.keys();
        core.close();
        assertThrows(SecmodUnavailableException.class, () -> c.sign(block(2)));
        start(config("20 s", "1 h"));
        assertTrue(c.sign(block(3)).isOk());
        assertEquals(keys, awaitKeys(c, m -> !m.isEmpty()));
    }

    @Test
    void pinnedSmKeyMismatchIsAHelperBug() throws Exception {
        start(config("20 s", "1 h"));
        EddsaSecmodClient c = new EddsaSecmodClient(socket(),
                new SecmodClientOptions(Duration.ofMillis(500), Duration.ofSeconds(2), 1),
                EddsaPrivateKey.generate().publicKey());
        open.add(c);
        assertThrows(SecmodUnavailableException.class, c::keys);
        EddsaSecmodClient good = new EddsaSecmodClient(socket(), SecmodClientOptions.DEFAULT, core.smPublicKey());
        open.add(good);
        assertArrayEquals(core.smPublicKey().bytes(), good.smPublicKey().bytes());
    }
}

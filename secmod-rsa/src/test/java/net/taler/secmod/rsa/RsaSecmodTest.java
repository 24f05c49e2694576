package net.taler.secmod.rsa;

import net.taler.common.testing.ManualClock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import net.taler.common.cli.Programs;
import net.taler.common.config.ConfigException;
import net.taler.common.config.ConfigLoader;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.MessageBuilder;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.RsaKeyInfo;
import net.taler.common.secmod.RsaProtocol;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;
import net.taler.common.secmod.client.SecmodResult;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RSA helper in this JVM on a real socket (1024-bit keys), through {@link RsaSecmodClient} and raw messages. */
class RsaSecmodTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_700_000_000L));
    private final List<AutoCloseable> open = new ArrayList<>();
    private SecmodCore<RsaPrivateKey> core;

    static TalerConfig config(Path dir, String lookahead) {
        TalerConfig cfg = new TalerConfig(Map.of());
        String s = RsaSecmod.SECTION;
        cfg.set(s, "KEY_DIR", dir.resolve("keys").toString());
        cfg.set(s, "UNIXPATH", dir.resolve("run/rsa.sock").toString());
        cfg.set(s, "SM_PRIV_KEY", dir.resolve("sm/secmod-private-key").toString());
        cfg.set(s, "LOOKAHEAD_SIGN", lookahead);
        cfg.set(s, "OVERLAP_DURATION", "5 m");
        coin(cfg, "COIN_a", "RSA", "7 days", "1024");
        coin(cfg, "coin-b", "RSA", "1 h", "1024");
        coin(cfg, "coin_cs", "CS", "7 days", null);
        cfg.set("coin_nocipher", "DURATION_WITHDRAW", "7 days");
        cfg.set("exchange", "PORT", "8081");
        return cfg;
    }

    static void coin(TalerConfig cfg, String section, String cipher, String duration, String bits) {
        cfg.set(section, "VALUE", "TESTKUDOS:1");
        cfg.set(section, "CIPHER", cipher);
        cfg.set(section, "DURATION_WITHDRAW", duration);
        if (bits != null) {
            cfg.set(section, "RSA_KEYSIZE", bits);
        }
    }

    private Path socket() {
        return dir.resolve("run/rsa.sock");
    }

    private SecmodCore<RsaPrivateKey> start(TalerConfig cfg, int workers) {
        core = RsaSecmod.create(cfg, SecmodConfig.load(cfg, RsaSecmod.SECTION), workers, clock);
        core.start(Timestamp.now(clock));
        open.add(core);
        return core;
    }

    private RsaSecmodClient client() {
        RsaSecmodClient c = new RsaSecmodClient(socket(),
                new SecmodClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(20), 2), null);
        open.add(c);
        return c;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A wallet-side planchet for a key: the message, its blinding secret and the blinded bytes. */
    record Planchet(RsaPublicKey pub, HashCode message, BlindingKeySecret bks, byte[] blinded) {
        static Planchet of(RsaPublicKey pub) {
            byte[] b = new byte[32];
            RANDOM.nextBytes(b);
            HashCode m = RsaBlinding.coinPubHash(EddsaPrivateKey.generate().publicKey(), null);
            BlindingKeySecret bks = new BlindingKeySecret(b);
            return new Planchet(pub, m, bks, RsaBlinding.blind(pub, m, bks));
        }

        boolean verifies(RsaSignature blindSig) {
            return RsaBlinding.verify(pub, message, RsaBlinding.unblind(pub, blindSig, bks));
        }

        RsaProtocol.SignRequest request() {
            return new RsaProtocol.SignRequest(pub.hash(), blinded);
        }
    }

    private static RsaKeyInfo keyOf(Map<HashCode, RsaKeyInfo> keys, String section) {
        return keys.values().stream().filter(k -> k.section().equals(section)).findFirst().orElseThrow();
    }

    @Test
    void oneKeySeriesPerRsaCoinSectionWithValidSmSignatures() throws Exception {
        start(config(dir, "20 s"), 2);
        RsaSecmodClient c = client();
        Map<HashCode, RsaKeyInfo> keys = c.keys();
        assertEquals(List.of("COIN_a", "coin-b"),
                keys.values().stream().map(RsaKeyInfo::section).sorted().collect(Collectors.toList()));
        for (RsaKeyInfo k : keys.values()) {
            assertTrue(k.verifySmSignature());
            assertEquals(core.smPublicKey(), k.smPublicKey());
            assertEquals(1024, k.publicKey().bitLength());
            Path f = dir.resolve("keys").resolve(k.section()).resolve(Long.toString(k.anchor().seconds()));
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals(k.publicKey(), RsaPrivateKey.decode(Files.readAllBytes(f)).publicKey());
        }
        assertEquals(Duration.ofDays(7), keyOf(keys, "COIN_a").durationWithdraw().toDuration());
        assertFalse(Files.exists(dir.resolve("keys/coin_cs")), "CS sections belong to the CS helper");
        assertFalse(Files.exists(dir.resolve("keys/coin_nocipher")));
    }

    @Test
    void blindSignaturesUnblindToValidSignatures() throws Exception {
        start(config(dir, "20 s"), 2);
        RsaSecmodClient c = client();
        for (RsaKeyInfo k : c.keys().values()) {
            Planchet p = Planchet.of(k.publicKey());
            SecmodResult<RsaSignature> r = c.sign(k.hRsa(), p.blinded());
            assertTrue(r.isOk(), r.toString());
            assertTrue(p.verifies(r.value()));
            assertFalse(Planchet.of(k.publicKey()).verifies(r.value()), "signature is for this message only");
        }
        SecmodResult<RsaSignature> unknown = c.sign(Hashes.sha512(new byte[] {1}), new byte[] {1, 2, 3});
        assertEquals(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, unknown.error());
        RsaKeyInfo a = keyOf(c.keys(), "COIN_a");
        byte[] tooBig = new byte[129];
        Arrays.fill(tooBig, (byte) 0xff);
        assertEquals(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, c.sign(a.hRsa(), tooBig).error());
    }

    @Test
    void batchesAreAnsweredInRequestOrder() throws Exception {
        start(config(dir, "20 s"), 2);
        RsaSecmodClient c = client();
        List<RsaKeyInfo> keys = new ArrayList<>(c.keys().values());
        List<Planchet> planchets = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            planchets.add(Planchet.of(keys.get(i % keys.size()).publicKey()));
        }
        List<RsaProtocol.SignRequest> reqs = planchets.stream().map(Planchet::request).collect(Collectors.toList());
        reqs.set(17, new RsaProtocol.SignRequest(Hashes.sha512(new byte[] {9}), new byte[] {1}));
        List<SecmodResult<RsaSignature>> results = c.batchSign(reqs); // 256 + 44 in two messages
        assertEquals(300, results.size());
        for (int i = 0; i < 300; i++) {
            if (i == 17) {
                assertEquals(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, results.get(i).error());
            } else {
                assertTrue(planchets.get(i).verifies(results.get(i).value()), "entry " + i);
            }
        }
    }

    @Test
    void futureKeysAreTooEarly() throws Exception {
        start(config(dir, "2 h"), 1);
        RsaSecmodClient c = client();
        Timestamp now = Timestamp.now(clock);
        RsaKeyInfo future = c.keys().values().stream().filter(k -> k.anchor().isAfter(now)).findFirst().orElseThrow();
        Planchet p = Planchet.of(future.publicKey());
        assertEquals(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_TOO_EARLY, c.sign(future.hRsa(), p.blinded()).error());
        clock.set(future.anchor().toInstant());
        assertTrue(p.verifies(c.sign(future.hRsa(), p.blinded()).value()));
    }

    private static FramedChannel synced(Path socket) throws Exception {
        FramedChannel ch = FramedChannel.connect(socket, 2000);
        while (ch.receive(5000).type() != RsaProtocol.SYNCED) {
            // skip AVAIL
        }
        return ch;
    }

    @Test
    void batchOver256OrMalformedMessagesDropOnlyThatConnection() throws Exception {
        start(config(dir, "20 s"), 2);
        RsaKeyInfo k = keyOf(client().keys(), "COIN_a");
        byte[] sub = RsaProtocol.signRequest(new RsaProtocol.SignRequest(k.hRsa(), new byte[] {2}));
        List<byte[]> bad = List.of(
                Messages.batch(RsaProtocol.REQ_BATCH_SIGN, java.util.Collections.nCopies(257, sub)), // > 256
                MessageBuilder.of(RsaProtocol.REQ_SIGN).u32(0).bytes(k.hRsa()).build(), // no blinded message
                MessageBuilder.of(RsaProtocol.REQ_INIT).u32(0).build(), // defined but unused type
                MessageBuilder.of(RsaProtocol.REQ_REVOKE).u32(0).bytes(new byte[65]).build(), // oversized
                MessageBuilder.of(77).build()); // unknown type
        for (byte[] m : bad) {
            try (FramedChannel ch = synced(socket())) {
                ch.send(m);
                assertThrows(EOFException.class, () -> ch.receive(5000), "connection dropped");
            }
        }
        RsaSecmodClient c = client();
        Planchet p = Planchet.of(k.publicKey());
        assertTrue(p.verifies(c.sign(k.hRsa(), p.blinded()).value()), "helper still serves");
    }

    @Test
    void truncatedBatchAnswersThePrefixThenFails() throws Exception {
        start(config(dir, "20 s"), 2);
        RsaKeyInfo k = keyOf(client().keys(), "COIN_a");
        Planchet p1 = Planchet.of(k.publicKey());
        Planchet p2 = Planchet.of(k.publicKey());
        byte[] s1 = RsaProtocol.signRequest(p1.request());
        byte[] s2 = RsaProtocol.signRequest(p2.request());
        byte[] s3 = Arrays.copyOf(RsaProtocol.signRequest(p1.request()), 40);
        MessageBuilder b = MessageBuilder.of(RsaProtocol.REQ_BATCH_SIGN).u32(3).bytes(s1).bytes(s2).bytes(s3);
        try (FramedChannel ch = synced(socket())) {
            ch.send(b.build());
            Frame r1 = ch.receive(5000);
            Frame r2 = ch.receive(5000);
            assertTrue(p1.verifies(RsaProtocol.parseSignature(r1)));
            assertTrue(p2.verifies(RsaProtocol.parseSignature(r2)));
            Frame fail = ch.receive(5000);
            assertEquals(RsaProtocol.RES_BATCH_FAILURE, fail.type());
            assertEquals(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE.code(), Messages.parseFailure(fail));
            ch.send(s1);
            assertTrue(p1.verifies(RsaProtocol.parseSignature(ch.receive(5000))), "connection still usable");
        }
    }

    @Test
    void parallelClientsGetCorrectInOrderAnswers() throws Exception {
        start(config(dir, "20 s"), 2);
        List<RsaKeyInfo> keys = new ArrayList<>(client().keys().values());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    RsaSecmodClient c = client();
                    int ok = 0;
                    for (int i = 0; i < 10; i++) {
                        Planchet p = Planchet.of(keys.get(i % keys.size()).publicKey());
                        ok += p.verifies(c.sign(p.pub().hash(), p.blinded()).value()) ? 1 : 0;
                    }
                    List<Planchet> batch = new ArrayList<>();
                    for (int i = 0; i < 16; i++) {
                        batch.add(Planchet.of(keys.get(i % keys.size()).publicKey()));
                    }
                    List<SecmodResult<RsaSignature>> r = c.batchSign(
                            batch.stream().map(Planchet::request).collect(Collectors.toList()));
                    for (int i = 0; i < 16; i++) {
                        ok += batch.get(i).verifies(r.get(i).value()) ? 1 : 0;
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : futures) {
                assertEquals(26, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Map<HashCode, RsaKeyInfo> awaitKeys(RsaSecmodClient c, Predicate<Map<HashCode, RsaKeyInfo>> cond)
            throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            long v = c.keysVersion();
            Map<HashCode, RsaKeyInfo> keys = c.keys();
            if (cond.test(keys)) {
                return keys;
            }
            assertTrue(System.nanoTime() < deadline, "condition not reached");
            c.awaitKeysVersion(v, Duration.ofMillis(500));
        }
    }

    @Test
    void revocationReachesEveryClientWithAReplacementOfTheSameAnchor() throws Exception {
        start(config(dir, "20 s"), 2);
        RsaSecmodClient a = client();
        RsaSecmodClient b = client();
        RsaKeyInfo old = keyOf(a.keys(), "COIN_a");
        b.keys();
        Path file = dir.resolve("keys/COIN_a").resolve(Long.toString(old.anchor().seconds()));
        a.revoke(old.hRsa());
        for (RsaSecmodClient c : List.of(a, b)) {
            Map<HashCode, RsaKeyInfo> keys = awaitKeys(c, m -> !m.containsKey(old.hRsa()) && m.size() == 2);
            RsaKeyInfo repl = keyOf(keys, "COIN_a");
            assertEquals(old.anchor(), repl.anchor());
            assertNotEquals(old.publicKey(), repl.publicKey());
            assertTrue(repl.verifySmSignature());
        }
        assertEquals(keyOf(a.keys(), "COIN_a").publicKey(), RsaPrivateKey.decode(Files.readAllBytes(file)).publicKey(),
                "the revoked key's file was replaced");
        Planchet p = Planchet.of(old.publicKey());
        assertEquals(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, a.sign(old.hRsa(), p.blinded()).error());
    }

    @Test
    void restartReloadsTheSameKeysAndSmKey() throws Exception {
        TalerConfig cfg = config(dir, "2 h");
        start(cfg, 2);
        RsaSecmodClient c = client();
        Map<HashCode, RsaKeyInfo> before = c.keys();
        assertEquals(1 + 3, before.size()); // COIN_a: one 7-day key; coin-b: 0, 55, 110 min
        core.close();
        start(cfg, 1);
        RsaSecmodClient c2 = client();
        assertEquals(before, c2.keys());
        assertEquals(c.smPublicKey(), c2.smPublicKey());
    }

    @Test
    void configurationErrorsAreReported() throws Exception {
        TalerConfig small = config(dir, "20 s");
        small.set("COIN_a", "RSA_KEYSIZE", "512");
        ConfigException e = assertThrows(ConfigException.class,
                () -> RsaSecmod.create(small, SecmodConfig.load(small, RsaSecmod.SECTION), 1, clock));
        assertTrue(e.getMessage().contains("RSA_KEYSIZE"));
        TalerConfig overlap = config(dir, "20 s");
        overlap.set("coin-b", "DURATION_WITHDRAW", "5 m");
        assertThrows(ConfigException.class,
                () -> RsaSecmod.create(overlap, SecmodConfig.load(overlap, RsaSecmod.SECTION), 1, clock));
        TalerConfig missing = config(dir, "20 s");
        missing.remove("COIN_a", "RSA_KEYSIZE");
        assertEquals(ConfigException.Kind.MISSING, assertThrows(ConfigException.class,
                () -> RsaSecmod.create(missing, SecmodConfig.load(missing, RsaSecmod.SECTION), 1, clock)).kind());
    }

    @Test
    void programExitCodes() throws Exception {
        Files.createDirectories(dir.resolve("base"));
        Path conf = dir.resolve("t.conf");
        Files.writeString(conf, "[taler-exchange-secmod-rsa]\nKEY_DIR = " + dir.resolve("k") + "\nUNIXPATH = "
                + dir.resolve("s.sock") + "\nSM_PRIV_KEY = " + dir.resolve("sm") + "\nLOOKAHEAD_SIGN = 20 s\n"
                + "OVERLAP_DURATION = 5 m\n[coin_x]\nCIPHER = RSA\nDURATION_WITHDRAW = 7 days\nRSA_KEYSIZE = 100000\n");
        assertEquals(6, run("-c", conf.toString()));
        assertEquals(2, run("-c", conf.toString(), "-w", "-1"));
        assertEquals(2, run("-c", conf.toString(), "--workers=many"));
    }

    private int run(String... args) {
        SecmodRsaMain m = new SecmodRsaMain();
        m.useLoader(new ConfigLoader(Map.of("TALER_BASE_CONFIG", dir.resolve("base").toString()), dir));
        return Programs.execute(m, args);
    }
}

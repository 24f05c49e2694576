package net.taler.secmod.cs;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindingResult;
import net.taler.common.crypto.cs.CsBlindingSecrets;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.cs.CsSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.CsKeyInfo;
import net.taler.common.secmod.CsProtocol;
import net.taler.common.secmod.FramedChannel;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;
import net.taler.common.secmod.client.SecmodResult;
import net.taler.secmod.server.SecmodConfig;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CS helper in this JVM on a real socket, through {@link CsSecmodClient}. */
class CsSecmodTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(Instant.ofEpochSecond(1_700_000_000L));
    private final List<AutoCloseable> open = new ArrayList<>();
    private SecmodCore<CsPrivateKey> core;

    private TalerConfig config(String lookahead) {
        TalerConfig cfg = new TalerConfig(Map.of());
        String s = CsSecmod.SECTION;
        cfg.set(s, "KEY_DIR", dir.resolve("keys").toString());
        cfg.set(s, "UNIXPATH", dir.resolve("run/cs.sock").toString());
        cfg.set(s, "SM_PRIV_KEY", dir.resolve("sm/secmod-private-key").toString());
        cfg.set(s, "LOOKAHEAD_SIGN", lookahead);
        cfg.set(s, "OVERLAP_DURATION", "5 m");
        cfg.set("coin_cs1", "CIPHER", "CS");
        cfg.set("coin_cs1", "DURATION_WITHDRAW", "7 days");
        cfg.set("COIN-cs2", "CIPHER", "CS");
        cfg.set("COIN-cs2", "DURATION_WITHDRAW", "1 h");
        cfg.set("coin_rsa", "CIPHER", "RSA");
        cfg.set("coin_rsa", "DURATION_WITHDRAW", "7 days");
        cfg.set("coin_rsa", "RSA_KEYSIZE", "1024");
        return cfg;
    }

    private SecmodCore<CsPrivateKey> start(TalerConfig cfg) {
        core = CsSecmod.create(cfg, SecmodConfig.load(cfg, CsSecmod.SECTION), 2, clock);
        core.start(Timestamp.now(clock));
        open.add(core);
        return core;
    }

    private CsSecmodClient client() {
        CsSecmodClient c = new CsSecmodClient(dir.resolve("run/cs.sock"),
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

    /** A wallet-side CS withdrawal (or melt) of one coin for a key. */
    static final class Coin {
        final CsPublicKey pub;
        final HashCode hCs;
        final CsNonce nonce = CsNonce.random();
        final HashCode message = Hashes.sha512(EddsaPrivateKey.generate().publicKey().bytes());
        final CsBlindingSecrets secrets;
        final boolean melt;
        CsBlindingResult blinded;

        Coin(CsKeyInfo k, boolean melt) {
            this.pub = k.publicKey();
            this.hCs = k.hCs();
            this.melt = melt;
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            this.secrets = CsBlindingSecrets.derive(seed);
        }

        CsProtocol.RDeriveRequest rRequest() {
            return new CsProtocol.RDeriveRequest(hCs, nonce, melt);
        }

        CsProtocol.SignRequest blind(CsRPublicPair r) {
            blinded = Cs.blind(pub, r, secrets, message, nonce);
            return new CsProtocol.SignRequest(hCs, blinded.message(), melt);
        }

        boolean verifies(CsBlindSignature s) {
            CsSignature sig = Cs.unblind(s, secrets, blinded.blindedR());
            return Cs.verify(sig, pub, message);
        }
    }

    @Test
    void keysPerCsSectionAndFullWithdrawAndMeltRoundTrips() throws Exception {
        start(config("20 s"));
        CsSecmodClient c = client();
        Map<HashCode, CsKeyInfo> keys = c.keys();
        assertEquals(List.of("COIN-cs2", "coin_cs1"),
                keys.values().stream().map(CsKeyInfo::section).sorted().collect(Collectors.toList()));
        for (CsKeyInfo k : keys.values()) {
            assertTrue(k.verifySmSignature());
            assertEquals(core.smPublicKey(), k.smPublicKey());
            Path f = dir.resolve("keys").resolve(k.section()).resolve(Long.toString(k.anchor().seconds()));
            assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            assertEquals(32, Files.size(f));
            assertEquals(k.publicKey(), new CsPrivateKey(Files.readAllBytes(f)).publicKey());
            for (boolean melt : new boolean[] {false, true}) {
                Coin coin = new Coin(k, melt);
                CsRPublicPair r = c.deriveR(coin.rRequest()).value();
                assertEquals(r, c.deriveR(coin.rRequest()).value(), "R derivation is deterministic");
                CsBlindSignature s = c.sign(coin.blind(r)).value();
                assertTrue(coin.verifies(s), "melt=" + melt);
            }
            // withdraw and melt derive different R values for one nonce
            Coin coin = new Coin(k, false);
            assertNotEquals(c.deriveR(coin.rRequest()).value(),
                    c.deriveR(new CsProtocol.RDeriveRequest(k.hCs(), coin.nonce, true)).value());
        }
        assertFalse(Files.exists(dir.resolve("keys/coin_rsa")));
    }

    @Test
    void batchesAndFailures() throws Exception {
        start(config("20 s"));
        CsSecmodClient c = client();
        List<CsKeyInfo> keys = new ArrayList<>(c.keys().values());
        List<Coin> coins = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            coins.add(new Coin(keys.get(i % keys.size()), i % 3 == 0));
        }
        List<SecmodResult<CsRPublicPair>> rs = c.batchDeriveR(coins.stream().map(Coin::rRequest)
                .collect(Collectors.toList()));
        List<CsProtocol.SignRequest> signs = new ArrayList<>();
        for (int i = 0; i < coins.size(); i++) {
            signs.add(coins.get(i).blind(rs.get(i).value()));
        }
        signs.set(5, new CsProtocol.SignRequest(Hashes.sha512(new byte[] {5}), signs.get(5).planchet(), false));
        List<SecmodResult<CsBlindSignature>> sigs = c.batchSign(signs);
        for (int i = 0; i < coins.size(); i++) {
            if (i == 5) {
                assertEquals(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, sigs.get(i).error());
            } else {
                assertTrue(coins.get(i).verifies(sigs.get(i).value()), "entry " + i);
            }
        }
        assertEquals(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN,
                c.deriveR(new CsProtocol.RDeriveRequest(Hashes.sha512(new byte[0]), CsNonce.random(), false)).error());
        // a batch of more than 256 drops the connection
        try (FramedChannel ch = FramedChannel.connect(dir.resolve("run/cs.sock"), 2000)) {
            while (ch.receive(5000).type() != CsProtocol.SYNCED) {
                // skip AVAIL
            }
            byte[] sub = CsProtocol.rDeriveRequest(coins.get(0).rRequest());
            ch.send(Messages.batch(CsProtocol.REQ_BATCH_RDERIVE, java.util.Collections.nCopies(257, sub)));
            assertThrows(EOFException.class, () -> ch.receive(5000));
        }
        assertTrue(c.deriveR(coins.get(1).rRequest()).isOk());
    }

    @Test
    void futureKeysAreTooEarlyAndRevocationReplacesKeys() throws Exception {
        start(config("2 h"));
        CsSecmodClient c = client();
        Timestamp now = Timestamp.now(clock);
        CsKeyInfo future = c.keys().values().stream().filter(k -> k.anchor().isAfter(now)).findFirst().orElseThrow();
        Coin coin = new Coin(future, false);
        assertEquals(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_TOO_EARLY, c.deriveR(coin.rRequest()).error());

        CsKeyInfo victim = c.keys().values().stream().filter(k -> k.section().equals("coin_cs1")).findFirst()
                .orElseThrow();
        long v = c.keysVersion();
        c.revoke(victim.hCs());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (c.keys().containsKey(victim.hCs()) || c.keys().values().stream()
                .noneMatch(k -> k.section().equals("coin_cs1"))) {
            assertTrue(System.nanoTime() < deadline);
            c.awaitKeysVersion(v, Duration.ofMillis(200));
            v = c.keysVersion();
        }
        CsKeyInfo repl = c.keys().values().stream().filter(k -> k.section().equals("coin_cs1")).findFirst()
                .orElseThrow();
        assertEquals(victim.anchor(), repl.anchor());
        assertTrue(repl.verifySmSignature());
        assertEquals(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN,
                c.deriveR(new Coin(victim, false).rRequest()).error());
    }

    @Test
    void restartReloadsTheSameKeys() throws Exception {
        start(config("1 day"));
        CsSecmodClient c = client();
        Map<HashCode, CsKeyInfo> before = c.keys();
        core.close();
        start(config("1 day"));
        assertEquals(before, client().keys());
    }
}

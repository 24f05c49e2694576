package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import net.taler.common.config.ConfigLoader;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.secmod.CsKeyInfo;
import net.taler.common.secmod.EddsaProtocol;
import net.taler.common.secmod.RsaKeyInfo;
import net.taler.common.secmod.SigningKeyInfo;
import net.taler.common.secmod.client.CsSecmodClient;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.RsaSecmodClient;
import net.taler.common.secmod.client.SecmodClientOptions;
import net.taler.common.secmod.client.SecmodResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three security modules started from the install tree's launchers with a configuration
 * shaped like the one wallet-core's harness writes (operations.md 1.8): their keys reach the
 * client library with valid SM signatures, and SIGTERM stops them with exit code 0.
 */
class SecmodLaunchersIT {
    @TempDir
    Path dir;
    private final List<Process> running = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        running.forEach(Process::destroyForcibly);
    }

    private Path harnessConfig() throws Exception {
        Path conf = dir.resolve("exchange.conf");
        StringBuilder sb = new StringBuilder();
        sb.append("[taler]\nCURRENCY = TESTKUDOS\nCURRENCY_ROUND_UNIT = TESTKUDOS:0.01\n\n");
        sb.append("[PATHS]\nTALER_HOME = ").append(dir.resolve("talerhome")).append('\n')
                .append("TALER_DATA_HOME = $TALER_HOME/.local/share/taler/\n")
                .append("TALER_CONFIG_HOME = $TALER_HOME/.config/taler/\n")
                .append("TALER_CACHE_HOME = $TALER_HOME/.config/taler/\n")
                .append("TALER_RUNTIME_DIR = ").append(dir.resolve("rt")).append("/\n\n");
        sb.append("[exchange]\nMAX_KEYS_CACHING = forever\nDB = postgres\nSERVE = tcp\nPORT = 8081\n\n");
        sb.append("[taler-exchange-secmod-eddsa]\nLOOKAHEAD_SIGN = 20 s\n\n");
        sb.append("[taler-exchange-secmod-rsa]\nLOOKAHEAD_SIGN = 20 s\n\n");
        for (String[] coin : new String[][] {{"COIN_TESTKUDOS_CT1", "TESTKUDOS:0.01", "RSA"},
            {"COIN_TESTKUDOS_U1", "TESTKUDOS:1", "RSA"}, {"COIN_TESTKUDOS_CS1", "TESTKUDOS:1", "CS"}}) {
            sb.append('[').append(coin[0]).append("]\nVALUE = ").append(coin[1]).append('\n')
                    .append("DURATION_WITHDRAW = 7 days\nDURATION_SPEND = 2 years\nDURATION_LEGAL = 3 years\n")
                    .append("FEE_DEPOSIT = TESTKUDOS:0\nFEE_WITHDRAW = TESTKUDOS:0.01\n")
                    .append("FEE_REFRESH = TESTKUDOS:0.01\nFEE_REFUND = TESTKUDOS:0\n")
                    .append("CIPHER = ").append(coin[2]).append('\n');
            if (coin[2].equals("RSA")) {
                sb.append("RSA_KEYSIZE = 1024\n");
            }
            sb.append('\n');
        }
        Files.writeString(conf, sb.toString());
        return conf;
    }

    private Process start(String program, Path conf) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(InstallTreeIT.bin(program), "-c", conf.toString(), "-L", "INFO")
                .redirectErrorStream(true).redirectOutput(dir.resolve(program + ".log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TALER_") || k.startsWith("XDG_"));
        pb.environment().put("HOME", dir.toString());
        Process p = pb.start();
        running.add(p);
        return p;
    }

    private TalerConfig load(Path conf) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", dir.toString());
        env.put("TALER_BASE_CONFIG", InstallTreeIT.TREE.resolve("share/taler/config.d").toString());
        return new ConfigLoader(env, InstallTreeIT.TREE).load(Optional.of(conf)).config();
    }

    @Test
    void harnessConfiguredHelpersAnnounceVerifiedKeysAndStopOnSigterm() throws Exception {
        Path conf = harnessConfig();
        Process eddsa = start("taler-exchange-secmod-eddsa", conf);
        Process rsa = start("taler-exchange-secmod-rsa", conf);
        Process cs = start("taler-exchange-secmod-cs", conf);
        TalerConfig cfg = load(conf);
        SecmodClientOptions opts = new SecmodClientOptions(Duration.ofSeconds(60), Duration.ofSeconds(30), 1);

        try (RsaSecmodClient rc = RsaSecmodClient.fromConfig(cfg, opts);
             CsSecmodClient cc = CsSecmodClient.fromConfig(cfg, opts);
             EddsaSecmodClient ec = EddsaSecmodClient.fromConfig(cfg, opts)) {
            Map<?, RsaKeyInfo> rsaKeys = awaitKeys(rc::keys);
            Set<String> sections = rsaKeys.values().stream().map(RsaKeyInfo::section).collect(Collectors.toSet());
            assertEquals(Set.of("COIN_TESTKUDOS_CT1", "COIN_TESTKUDOS_U1"), sections);
            rsaKeys.values().forEach(k -> {
                assertTrue(k.verifySmSignature(), k.section());
                assertEquals(1024, k.publicKey().bitLength());
            });
            Map<?, CsKeyInfo> csKeys = awaitKeys(cc::keys);
            assertTrue(csKeys.values().stream().allMatch(k -> k.section().equals("COIN_TESTKUDOS_CS1")));
            Map<?, SigningKeyInfo> signKeys = awaitKeys(ec::keys);
            assertEquals(1, signKeys.size());

            PurposeBlock block = PurposeBlock.builder(1033).bytes(new byte[64]).build();
            SecmodResult<EddsaProtocol.Signed> signed = ec.sign(block);
            assertTrue(signed.isOk(), signed.toString());
            assertTrue(signKeys.containsKey(signed.value().exchangePublicKey()));
            assertTrue(Eddsa.verify(signed.value().exchangePublicKey(), block, signed.value().signature()));
        }

        Path rsaDir = dir.resolve("talerhome/.local/share/taler/exchange-secmod-rsa/keys/COIN_TESTKUDOS_CT1");
        try (Stream<Path> files = Files.list(rsaDir)) {
            List<Path> keyFiles = files.toList();
            assertFalse(keyFiles.isEmpty());
            for (Path f : keyFiles) {
                assertTrue(f.getFileName().toString().matches("[0-9]+"), f.toString());
                assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
        }
        for (Process p : List.of(eddsa, rsa, cs)) {
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "helper did not stop");
            assertEquals(0, p.exitValue());
        }
    }

    interface KeySource<M> {
        M get() throws Exception;
    }

    /** The helpers may still be starting (JVM start, key generation): retry for a while. */
    private static <M extends Map<?, ?>> M awaitKeys(KeySource<M> source) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                M keys = source.get();
                if (!keys.isEmpty()) {
                    return keys;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no keys announced within 90 s", last);
    }
}

package net.taler.common.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Cipher;

import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.crypto.rsa.RsaSignature;

/**
 * Single-core throughput of the RSA signer (the exchange's withdraw hot path) and verifier,
 * compared with {@code openssl speed} on the same machine. Not a unit test: run it by hand
 * (see the project notes); it takes well under a minute.
 *
 * <p>Usage: {@code RsaBench [seconds-per-measurement]} (default 3; warm-up is 1.5 s each).
 */
public final class RsaBench {
    private static final int POOL = 64;
    private static double seconds = 3.0;
    private static volatile Object sink;

    private RsaBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0) {
            seconds = Double.parseDouble(args[0]);
        }
        System.out.printf("JVM %s %s, %d CPUs, load average %.2f%n", System.getProperty("java.vm.name"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Map<Integer, Double> javaSign = new HashMap<>();

        for (int bits : new int[] {1024, 2048}) {
            RsaPrivateKey key = RsaPrivateKey.generate(bits);
            RsaPublicKey pub = key.publicKey();
            byte[][] blinded = new byte[POOL][];
            HashCode[] msgs = new HashCode[POOL];
            RsaSignature[] sigs = new RsaSignature[POOL];
            for (int i = 0; i < POOL; i++) {
                msgs[i] = Hashes.sha512(("bench " + i).getBytes(StandardCharsets.US_ASCII));
                BlindingKeySecret bks = new BlindingKeySecret(msgs[i].truncate().bytes());
                blinded[i] = RsaBlinding.blind(pub, msgs[i], bks);
                sigs[i] = RsaBlinding.signFdh(key, msgs[i]);
            }
            int[] idx = {0};
            double sign = measure("RSA-" + bits + " blind sign (RsaBlinding.sign)", () -> {
                int i = idx[0]++ & (POOL - 1);
                sink = RsaBlinding.sign(key, blinded[i]);
            });
            javaSign.put(bits, sign);
            measure("RSA-" + bits + " verify (RsaBlinding.verify, incl. FDH)", () -> {
                int i = idx[0]++ & (POOL - 1);
                if (!RsaBlinding.verify(pub, msgs[i], sigs[i])) {
                    throw new AssertionError("verify failed");
                }
            });
            if (bits == 2048) {
                references(bits, blinded);
            }
        }

        File openssl = findOnPath("openssl");
        if (openssl == null) {
            System.out.println("openssl not on PATH: no comparison");
            return;
        }
        Map<Integer, double[]> ossl = opensslSpeed(openssl, null, "rsa1024", "rsa2048");
        // This host's OpenSSL uses AVX-512 IFMA for RSA if the CPU has it; the same run with
        // IFMA masked shows what the scalar (mulx/adx) code path gives, for context.
        Map<Integer, double[]> scalar = opensslSpeed(openssl, ":~0x200000", "rsa2048");
        System.out.println();
        System.out.printf("%-10s %14s %14s %10s%n", "", "Java sign/s", "OpenSSL sign/s", "Java/OSSL");
        for (int bits : new int[] {1024, 2048}) {
            double[] o = ossl.get(bits);
            if (o == null) {
                System.out.printf("RSA-%-6d %14.0f %14s %10s%n", bits, javaSign.get(bits), "?", "?");
            } else {
                System.out.printf("RSA-%-6d %14.0f %14.0f %9.1f%%%n", bits, javaSign.get(bits), o[0],
                        100.0 * javaSign.get(bits) / o[0]);
            }
        }
        double[] o = ossl.get(2048);
        if (o != null) {
            System.out.printf("(OpenSSL RSA-2048 verify/s: %.0f)%n", o[1]);
        }
        double[] sc = scalar.get(2048);
        if (sc != null) {
            System.out.printf("RSA-2048 vs OpenSSL with AVX-512 IFMA masked (OPENSSL_ia32cap=:~0x200000): "
                    + "%.0f sign/s, Java/OSSL %.1f%%%n", sc[0], 100.0 * javaSign.get(2048) / sc[0]);
        }
    }

    /** Where the signer's time goes, with the same numbers computed without our protections. */
    private static void references(int bits, byte[][] blinded) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(bits);
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) gen.generateKeyPair().getPrivate();
        BigInteger n = k.getModulus();
        BigInteger p = k.getPrimeP();
        BigInteger q = k.getPrimeQ();
        BigInteger dp = k.getPrimeExponentP();
        BigInteger dq = k.getPrimeExponentQ();
        BigInteger qi = k.getCrtCoefficient();
        BigInteger e = k.getPublicExponent();
        BigInteger[] in = new BigInteger[POOL];
        Random rnd = new Random(1);
        for (int i = 0; i < POOL; i++) {
            in[i] = new BigInteger(bits + 64, rnd).mod(n);
        }
        int[] idx = {0};
        measure("  ref: bare CRT modPow + Garner, no blinding/check", () -> {
            BigInteger m = in[idx[0]++ & (POOL - 1)];
            BigInteger s1 = m.mod(p).modPow(dp, p);
            BigInteger s2 = m.mod(q).modPow(dq, q);
            sink = s1.subtract(s2).multiply(qi).mod(p).multiply(q).add(s2);
        });
        measure("  ref: verify-only cost s^65537 mod n", () -> sink = in[idx[0]++ & (POOL - 1)].modPow(e, n));
        Cipher raw = Cipher.getInstance("RSA/ECB/NoPadding");
        raw.init(Cipher.DECRYPT_MODE, k);
        byte[][] inBytes = new byte[POOL][];
        for (int i = 0; i < POOL; i++) {
            byte[] b = in[i].toByteArray();
            inBytes[i] = new byte[(bits + 7) / 8];
            int len = Math.min(b.length, inBytes[i].length);
            System.arraycopy(b, b.length - len, inBytes[i], inBytes[i].length - len, len);
        }
        measure("  ref: JDK Cipher RSA/ECB/NoPadding private op", () -> {
            try {
                sink = raw.doFinal(inBytes[idx[0]++ & (POOL - 1)]);
            } catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        });
    }

    private static double measure(String name, Runnable op) {
        long warmEnd = System.nanoTime() + (long) (Math.min(1.5, seconds) * 1e9);
        while (System.nanoTime() < warmEnd) {
            op.run();
        }
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long count = 0;
        long now;
        do {
            for (int i = 0; i < 8; i++) {
                op.run();
            }
            count += 8;
            now = System.nanoTime();
        } while (now < end);
        double perSec = count / ((now - start) / 1e9);
        System.out.printf("%-58s %10.0f ops/s  (%.1f µs/op)%n", name, perSec, 1e6 / perSec);
        return perSec;
    }

    private static File findOnPath(String exe) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            File f = new File(dir, exe);
            if (f.isFile() && f.canExecute()) {
                return f;
            }
        }
        return null;
    }

    /** Runs {@code openssl speed -seconds N <algs>}; returns bits → {sign/s, verify/s}. */
    private static Map<Integer, double[]> opensslSpeed(File openssl, String ia32cap, String... algs) throws Exception {
        int secs = Math.max(1, (int) Math.round(seconds));
        List<String> cmd = new ArrayList<>(List.of(openssl.getPath(), "speed", "-seconds", String.valueOf(secs)));
        cmd.addAll(Arrays.asList(algs));
        System.out.println();
        System.out.println("running: " + (ia32cap == null ? "" : "OPENSSL_ia32cap=" + ia32cap + " ")
                + "openssl " + String.join(" ", cmd.subList(1, cmd.size())));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (ia32cap != null) {
            pb.environment().put("OPENSSL_ia32cap", ia32cap);
        }
        pb.redirectErrorStream(true);
        Process proc = pb.start();
        Map<Integer, double[]> out = new HashMap<>();
        Pattern line = Pattern.compile("^rsa\\s+(\\d+)\\s+bits\\s+\\S+\\s+\\S+\\s+([0-9.]+)\\s+([0-9.]+)");
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                Matcher m = line.matcher(s.trim());
                if (m.find()) {
                    System.out.println("  " + s.trim());
                    out.put(Integer.parseInt(m.group(1)),
                            new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
                }
            }
        }
        if (!proc.waitFor(10L * secs + 60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
        }
        return out;
    }
}

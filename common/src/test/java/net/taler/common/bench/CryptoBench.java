package net.taler.common.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.PurposeBlock;

/**
 * The crypto benchmark of the project, in one run: Ed25519 here (next to {@code openssl speed
 * ed25519}), then {@link RsaBench} (RSA-1024/2048 blind signing and verification next to
 * {@code openssl speed rsa*}) and {@link CsBench} (Clause-Schnorr). Not a test; run with
 * {@code mvn -B -q -pl common -Pbench -DskipTests verify} or directly with {@code java -cp}.
 */
public final class CryptoBench {
    private static volatile Object sink;

    private CryptoBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3.0;
        System.out.println("== Ed25519 (BouncyCastle), single thread ==");
        EddsaPrivateKey priv = EddsaPrivateKey.generate();
        EddsaPublicKey pub = priv.publicKey();
        PurposeBlock block = PurposeBlock.builder(1033).bytes(new byte[64]).u64(42).build();
        EddsaSignature sig = Eddsa.sign(priv, block);
        double sign = measure("Ed25519 sign (purpose block)", seconds, () -> sink = Eddsa.sign(priv, block));
        double verify = measure("Ed25519 verify (purpose block)", seconds, () -> {
            if (!Eddsa.verify(pub, block, sig)) {
                throw new AssertionError("verify failed");
            }
        });
        double[] ossl = opensslEd25519(seconds);
        if (ossl != null) {
            System.out.printf("openssl speed ed25519: sign %.0f/s, verify %.0f/s%n", ossl[0], ossl[1]);
            System.out.printf("ratio Java/OpenSSL: sign %.2f, verify %.2f%n", sign / ossl[0], verify / ossl[1]);
        }
        System.out.println();
        System.out.println("== RSA ==");
        RsaBench.main(new String[] {Double.toString(seconds)});
        System.out.println();
        System.out.println("== Clause-Schnorr ==");
        CsBench.main(new String[0]);
    }

    private static double measure(String name, double seconds, Runnable op) {
        long warm = System.nanoTime() + (long) (seconds * 0.5e9);
        while (System.nanoTime() < warm) {
            op.run();
        }
        long n = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now;
        do {
            for (int i = 0; i < 64; i++) {
                op.run();
            }
            n += 64;
            now = System.nanoTime();
        } while (now < end);
        double perSec = n / ((now - start) / 1e9);
        System.out.printf("%-40s %10.0f ops/s  (%.1f us/op)%n", name, perSec, 1e6 / perSec);
        return perSec;
    }

    /** {sign/s, verify/s} from {@code openssl speed ed25519}, or null when openssl is absent. */
    private static double[] opensslEd25519(double seconds) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("openssl", "speed", "-seconds", Integer.toString((int) Math.max(1, seconds)),
                    "ed25519").redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            System.out.println("openssl not found: no comparison");
            return null;
        }
        Pattern row = Pattern.compile("^\\s*253 bits EdDSA \\(Ed25519\\)\\s+\\S+s\\s+\\S+s\\s+([0-9.]+)\\s+([0-9.]+)");
        double[] out = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                Matcher m = row.matcher(line);
                if (m.find()) {
                    out = new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return out;
    }
}

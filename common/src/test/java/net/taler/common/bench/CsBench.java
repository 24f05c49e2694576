package net.taler.common.bench;

import java.util.Locale;
import java.util.function.IntConsumer;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindingResult;
import net.taler.common.crypto.cs.CsBlindingSecrets;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.crypto.cs.CsSignature;

/**
 * Single-thread throughput of the Clause-Schnorr operations the exchange and
 * its secmod perform (not a unit test). Each operation is warmed up, then run
 * for a bounded time on pre-built inputs, so the numbers compare with the C
 * secmod (about 8 us per blind signature). Run after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:<deps> net.taler.common.bench.CsBench [seconds]}.
 */
public final class CsBench {
    private static final int INPUTS = 256;
    private static volatile Object sink;

    private CsBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        CsPrivateKey key = CsPrivateKey.generate();
        CsPublicKey pub = key.publicKey();
        CsNonce[] nonces = new CsNonce[INPUTS];
        CsRPublicPair[] rs = new CsRPublicPair[INPUTS];
        CsBlindingSecrets[] secrets = new CsBlindingSecrets[INPUTS];
        HashCode[] messages = new HashCode[INPUTS];
        CsBlindingResult[] blinded = new CsBlindingResult[INPUTS];
        CsBlindSignature[] blindSigs = new CsBlindSignature[INPUTS];
        CsSignature[] sigs = new CsSignature[INPUTS];
        CsPrivateKey[] keys = new CsPrivateKey[INPUTS];
        for (int i = 0; i < INPUTS; i++) {
            PlanchetMasterSecret ps = new PlanchetMasterSecret(Hashes.sha512(new byte[] {(byte) i}).truncate()
                    .bytes());
            nonces[i] = CsNonce.forWithdraw(ps);
            rs[i] = Cs.deriveRPublic(key, nonces[i], false);
            secrets[i] = CsBlindingSecrets.forPlanchet(ps, rs[i]);
            messages[i] = Hashes.sha512(ps.bytes());
            blinded[i] = Cs.blind(pub, rs[i], secrets[i], messages[i], nonces[i]);
            blindSigs[i] = Cs.sign(key, blinded[i].message(), false);
            sigs[i] = Cs.unblind(blindSigs[i], secrets[i], blinded[i].blindedR());
            if (!Cs.verify(sigs[i], pub, messages[i])) {
                throw new IllegalStateException("self-check failed");
            }
            keys[i] = CsPrivateKey.generate();
        }
        System.out.printf(Locale.ROOT, "CS benchmark, single thread, %.1f s per operation after warm-up%n", seconds);
        measure("R derivation (r0,r1 -> R0,R1)", seconds,
                i -> sink = Cs.deriveRPublic(key, nonces[i], false));
        measure("blind signing (signer side)", seconds,
                i -> sink = Cs.sign(key, blinded[i].message(), false));
        measure("verification", seconds,
                i -> sink = Cs.verify(sigs[i], pub, messages[i]));
        measure("client blinding (R', c0, c1)", seconds,
                i -> sink = Cs.blind(pub, rs[i], secrets[i], messages[i], nonces[i]));
        measure("public key from private key", seconds,
                i -> sink = new CsPrivateKey(keys[i].bytes()).publicKey());
        measure("public key check + table (cold key)", seconds,
                i -> sink = new CsPublicKey(mutate(pub, i)).isValid());
    }

    /** Distinct (mostly invalid) 32-byte keys so that every call misses the table cache. */
    private static byte[] mutate(CsPublicKey pub, int i) {
        byte[] b = pub.bytes();
        b[0] ^= (byte) i;
        b[1] ^= (byte) (System.nanoTime());
        return b;
    }

    private static void measure(String name, double seconds, IntConsumer op) {
        run(op, Math.max(0.5, seconds / 2)); // warm-up
        long[] result = run(op, seconds);
        double perOp = (double) result[1] / result[0];
        System.out.printf(Locale.ROOT, "%-40s %10.0f ops/s %9.1f us/op  (%d ops)%n",
                name, 1e9 / perOp, perOp / 1e3, result[0]);
    }

    private static long[] run(IntConsumer op, double seconds) {
        long budget = (long) (seconds * 1e9);
        long start = System.nanoTime();
        long count = 0;
        long elapsed;
        do {
            for (int i = 0; i < 64; i++) {
                op.accept((int) (count++ % INPUTS));
            }
            elapsed = System.nanoTime() - start;
        } while (elapsed < budget && count < 50_000_000L);
        return new long[] {count, elapsed};
    }
}

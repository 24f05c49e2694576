package net.taler.common.crypto;

import java.math.BigInteger;
import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The GNUnet KDF ({@code GNUNET_CRYPTO_kdf}): RFC 5869 HKDF, but extract uses
 * HMAC-SHA512 and expand uses HMAC-SHA256. Argument names follow GNUnet:
 * {@code xts} = salt, {@code skm} = input keying material, {@code ctx} = info
 * chunks, concatenated without separators. Note that the wallet's
 * {@code kdf(len, ikm, salt, info)} has a different argument order.
 */
public final class Kdf {
    /** HKDF-expand with a one-byte counter cannot produce more. */
    public static final int MAX_LENGTH = 255 * 32;

    private Kdf() {
    }

    /** {@code KDF(len; xts; skm; ctx...)}. A null or empty xts is the same as 64 zero bytes. */
    public static byte[] kdf(int len, byte[] xts, byte[] skm, byte[]... ctx) {
        return expand(extract(xts, skm), len, ctx);
    }

    /** HKDF-extract: {@code PRK = HMAC-SHA512(key = xts, msg = skm)}. */
    public static byte[] extract(byte[] xts, byte[] skm) {
        return Hashes.hmacSha512(xts == null ? new byte[0] : xts, skm);
    }

    /** HKDF-expand with HMAC-SHA256 keyed by the 64-byte PRK. */
    public static byte[] expand(byte[] prk, int len, byte[]... ctx) {
        if (len < 0 || len > MAX_LENGTH) {
            throw new IllegalArgumentException("KDF output length out of range: " + len);
        }
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(prk));
        byte[] out = new byte[len];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < len; i++) {
            mac.update(t, 0, t.length);
            for (byte[] c : ctx) {
                if (c != null) {
                    mac.update(c, 0, c.length);
                }
            }
            mac.update((byte) i);
            t = new byte[mac.getMacSize()];
            mac.doFinal(t, 0);
            int n = Math.min(t.length, len - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /**
     * KDF reduced modulo {@code n} ({@code GNUNET_CRYPTO_kdf_mod_mpi}, crypto.md
     * 2.3): for counter 0, 1, ... take {@code KDF(ceil(bits(n)/8); xts; skm; ctx,
     * u16be(counter))}, clear the bits at positions >= bits(n) and return the
     * first value below n. Used for RSA-FDH, the RSA blinding factor and the CS
     * challenge.
     */
    public static BigInteger kdfMod(BigInteger n, byte[] xts, byte[] skm, byte[] ctx) {
        return kdfModWithCounter(n, xts, skm, ctx).value();
    }

    /** {@link #kdfMod} that also reports which counter produced the value (for tests). */
    public static ModResult kdfModWithCounter(BigInteger n, byte[] xts, byte[] skm, byte[] ctx) {
        if (n.signum() <= 0) {
            throw new IllegalArgumentException("modulus must be positive");
        }
        int nbits = n.bitLength();
        int bsize = (nbits + 7) / 8;
        byte[] prk = extract(xts, skm);
        byte[] context = ctx == null ? new byte[0] : ctx;
        byte[] counter = new byte[2];
        for (int ctr = 0; ctr <= 0xffff; ctr++) {
            counter[0] = (byte) (ctr >>> 8);
            counter[1] = (byte) ctr;
            byte[] buf = expand(prk, bsize, context, counter);
            BigInteger r = new BigInteger(1, buf);
            if (r.bitLength() > nbits) {
                r = r.and(BigInteger.ONE.shiftLeft(nbits).subtract(BigInteger.ONE));
            }
            Arrays.fill(buf, (byte) 0);
            if (r.compareTo(n) < 0) {
                return new ModResult(r, ctr);
            }
        }
        throw new IllegalStateException("kdfMod found no value below the modulus");
    }

    /** Result of {@link #kdfModWithCounter}. */
    public record ModResult(BigInteger value, int counter) {
    }
}

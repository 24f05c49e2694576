package net.taler.common.crypto.cs;

import java.math.BigInteger;
import java.security.SecureRandom;

import net.taler.common.crypto.Edwards25519;
import net.taler.common.crypto.SecretBytes;

/**
 * Clause-Schnorr denomination private key: a scalar x in [1, L) as 32
 * little-endian bytes, exactly the content of the secmod key file. Other
 * values are rejected because GNUnet only ever creates reduced scalars and an
 * unreduced one would sign under a different key than its public key.
 * {@link #toString()} never shows the value.
 */
public final class CsPrivateKey extends SecretBytes {
    public static final int SIZE = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private volatile CsPublicKey publicKey;

    public CsPrivateKey(byte[] value) {
        super(value, SIZE);
        BigInteger x = Edwards25519.scalarFromLe(value);
        if (x.signum() == 0 || x.compareTo(Edwards25519.L) >= 0) {
            throw new IllegalArgumentException("CS private key must be a scalar in [1, L)");
        }
    }

    public static CsPrivateKey fromBase32(String text) {
        return new CsPrivateKey(decodeBase32(text, SIZE));
    }

    /** A fresh key, drawn like libsodium's {@code crypto_core_ed25519_scalar_random}. */
    public static CsPrivateKey generate() {
        byte[] b = new byte[SIZE];
        while (true) {
            RANDOM.nextBytes(b);
            b[31] &= 0x1f;
            BigInteger x = Edwards25519.scalarFromLe(b);
            if (x.signum() != 0 && x.compareTo(Edwards25519.L) < 0) {
                CsPrivateKey key = new CsPrivateKey(b);
                java.util.Arrays.fill(b, (byte) 0);
                return key;
            }
        }
    }

    /** {@code X = x·B} (computed once, constant-time table lookups). */
    public CsPublicKey publicKey() {
        CsPublicKey pub = publicKey;
        if (pub == null) {
            byte[] x = bytes();
            pub = new CsPublicKey(CsCurve.encode(CsCurve.mulCt(CsCurve.BASE_TABLE, x), true));
            java.util.Arrays.fill(x, (byte) 0);
            publicKey = pub;
        }
        return pub;
    }
}

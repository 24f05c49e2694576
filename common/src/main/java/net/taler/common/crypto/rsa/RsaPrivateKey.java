package net.taler.common.crypto.rsa;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Objects;

import net.taler.common.crypto.rsa.GcrySexp.Node;
import org.bouncycastle.util.BigIntegers;

/**
 * RSA denomination private key in CRT form, owned by the RSA security module.
 *
 * <p>Signing ({@link RsaBlinding#sign}) is the exchange's per-coin hot path, so the key keeps
 * the CRT exponents and a blinding pair ready: each signature costs two half-size modular
 * exponentiations plus a few multiplications. Because the JDK's {@code modPow} is not
 * constant time and the blinded message is chosen by the client, the exponentiation input
 * is blinded with a random {@code r^e} (RSA base blinding, as the JDK and OpenSSL do); every
 * result is checked with the public exponent before it is released, so a computation fault
 * cannot leak a factor of n (Bellcore/Lenstra attack).
 *
 * <p>{@link #encode()} writes the key file format of the C secmod (secmod.md 3): the libgcrypt
 * S-expression that {@code gcry_pk_genkey} returns, printed by GNUnet's
 * {@code rsa_private_key_encode} ({@code gcry_sexp_sprint} default format, then "\n\0"),
 * so key directories can be exchanged with the C helper. {@link #toString()} never shows
 * secret values. Thread safe.
 */
public final class RsaPrivateKey {
    /** Key sizes the secmod accepts for {@code RSA_KEYSIZE} (secmod.md 2). */
    public static final int MIN_GENERATE_BITS = 1024;
    public static final int MAX_GENERATE_BITS = 8192;
    /** The C secmod refuses key files larger than this; so does {@link #decode}. */
    public static final int MAX_ENCODED_BYTES = 16 * 1024;

    private static final BigInteger F4 = BigInteger.valueOf(65537);
    /** Fresh blinding value after this many signatures; in between the pair is squared. */
    private static final int BLINDING_REFRESH = 32;

    private final RsaPublicKey pub;
    private final BigInteger d;
    private final BigInteger p;
    private final BigInteger q;
    private final BigInteger dP;
    private final BigInteger dQ;
    private final BigInteger qInv;

    private final Object blindingLock = new Object();
    private Blinding blinding;
    private int blindingUses;

    private RsaPrivateKey(RsaPublicKey pub, BigInteger d, BigInteger p, BigInteger q,
                          BigInteger dP, BigInteger dQ, BigInteger qInv) {
        this.pub = pub;
        this.d = d;
        this.p = p;
        this.q = q;
        this.dP = dP;
        this.dQ = dQ;
        this.qInv = qInv;
    }

    /** A fresh key of {@code bits} bits with e = 65537 (what libgcrypt generates for the C secmod). */
    public static RsaPrivateKey generate(int bits) {
        return generate(bits, new SecureRandom());
    }

    /** {@link #generate(int)} with a caller-supplied randomness source. */
    public static RsaPrivateKey generate(int bits, SecureRandom random) {
        if (bits < MIN_GENERATE_BITS || bits > MAX_GENERATE_BITS) {
            throw new IllegalArgumentException("RSA key size " + bits + " outside ["
                    + MIN_GENERATE_BITS + ", " + MAX_GENERATE_BITS + "]");
        }
        Objects.requireNonNull(random, "random");
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(new RSAKeyGenParameterSpec(bits, F4), random);
            for (int attempt = 0; attempt < 16; attempt++) {
                KeyPair kp = gen.generateKeyPair();
                RSAPrivateCrtKey k = (RSAPrivateCrtKey) kp.getPrivate();
                if (k.getModulus().bitLength() != bits) {
                    continue;
                }
                return fromComponents(k.getModulus(), k.getPublicExponent(), k.getPrivateExponent(),
                        k.getPrimeP(), k.getPrimeQ(), k.getPrimeExponentP(), k.getPrimeExponentQ(),
                        k.getCrtCoefficient());
            }
            throw new IllegalStateException("RSA key generation did not produce a " + bits + "-bit modulus");
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("RSA key generation unavailable", ex);
        }
    }

    /**
     * A key from n, e, d and the primes; the CRT values are derived.
     *
     * @throws IllegalArgumentException if the values do not form a consistent RSA key
     */
    public static RsaPrivateKey fromComponents(BigInteger n, BigInteger e, BigInteger d,
                                               BigInteger p, BigInteger q) {
        checkPrimes(n, p, q);
        BigInteger qi;
        try {
            qi = q.modInverse(p);
        } catch (ArithmeticException ex) {
            throw new IllegalArgumentException("RSA primes are not coprime", ex);
        }
        return fromComponents(n, e, d, p, q, d.mod(p.subtract(BigInteger.ONE)),
                d.mod(q.subtract(BigInteger.ONE)), qi);
    }

    /**
     * A key from all PKCS#1 components ({@code qInv = q^-1 mod p}); every relation between them
     * is checked, so a corrupted key cannot produce wrong signatures silently.
     *
     * @throws IllegalArgumentException if the values do not form a consistent RSA key
     */
    public static RsaPrivateKey fromComponents(BigInteger n, BigInteger e, BigInteger d,
                                               BigInteger p, BigInteger q, BigInteger dP,
                                               BigInteger dQ, BigInteger qInv) {
        Objects.requireNonNull(d, "d");
        Objects.requireNonNull(dP, "dP");
        Objects.requireNonNull(dQ, "dQ");
        Objects.requireNonNull(qInv, "qInv");
        RsaPublicKey pub = RsaPublicKey.of(n, e);
        checkPrimes(n, p, q);
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        if (d.signum() <= 0 || d.compareTo(n) >= 0) {
            throw new IllegalArgumentException("RSA private exponent out of range");
        }
        if (!e.multiply(d).mod(p1).equals(BigInteger.ONE) || !e.multiply(d).mod(q1).equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("RSA private exponent does not match e");
        }
        if (!dP.equals(d.mod(p1)) || !dQ.equals(d.mod(q1))) {
            throw new IllegalArgumentException("RSA CRT exponents do not match d");
        }
        if (qInv.signum() <= 0 || qInv.compareTo(p) >= 0 || !qInv.multiply(q).mod(p).equals(BigInteger.ONE)) {
            throw new IllegalArgumentException("RSA CRT coefficient is not q^-1 mod p");
        }
        return new RsaPrivateKey(pub, d, p, q, dP, dQ, qInv);
    }

    private static void checkPrimes(BigInteger n, BigInteger p, BigInteger q) {
        Objects.requireNonNull(n, "n");
        Objects.requireNonNull(p, "p");
        Objects.requireNonNull(q, "q");
        if (p.compareTo(BigInteger.TWO) <= 0 || q.compareTo(BigInteger.TWO) <= 0 || p.equals(q)
                || !p.testBit(0) || !q.testBit(0) || !p.multiply(q).equals(n)) {
            throw new IllegalArgumentException("RSA primes do not match the modulus");
        }
    }

    public RsaPublicKey publicKey() {
        return pub;
    }

    public int bitLength() {
        return pub.bitLength();
    }

    // ------------------------------------------------------------ key file format

    /**
     * The key file contents the C secmod writes and reads: {@code (key-data (public-key (rsa
     * (n)(e))) (private-key (rsa (n)(e)(d)(p)(q)(u))))} in libgcrypt's default print format,
     * integers in {@code GCRYMPI_FMT_STD} (a 0x00 byte before a set top bit), p &lt; q and
     * {@code u = p^-1 mod q} as libgcrypt orders them, followed by "\n\0".
     */
    public byte[] encode() {
        BigInteger lo = p.compareTo(q) < 0 ? p : q;
        BigInteger hi = lo == p ? q : p;
        BigInteger u = lo.modInverse(hi);
        BigInteger n = pub.modulus();
        BigInteger e = pub.exponent();
        Node root = Node.list(Node.token("key-data"),
                Node.list(Node.token("public-key"),
                        Node.list(Node.token("rsa"), param("n", n), param("e", e))),
                Node.list(Node.token("private-key"),
                        Node.list(Node.token("rsa"), param("n", n), param("e", e), param("d", d),
                                param("p", lo), param("q", hi), param("u", u))));
        return GcrySexp.printDefault(root);
    }

    private static Node param(String name, BigInteger v) {
        return Node.list(Node.token(name), Node.atom(Mpi.toStd(v)));
    }

    /**
     * Reads a key file as GNUnet's {@code rsa_private_key_decode} does: any S-expression that
     * contains a {@code (private-key (rsa ...))} list with n, e, d, p, q and u (whether or not
     * wrapped in {@code key-data}, in default, canonical or advanced text). Integers are
     * unsigned; p and q may come in either order. Unlike libgcrypt, which only checks
     * {@code p·q = n}, all relations between the values are verified.
     *
     * @throws IllegalArgumentException if the input is not such a key
     */
    public static RsaPrivateKey decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length > MAX_ENCODED_BYTES) {
            throw new IllegalArgumentException("RSA private key file larger than " + MAX_ENCODED_BYTES + " bytes");
        }
        Node root = GcrySexp.parse(data);
        Node priv = GcrySexp.findToken(root, "private-key");
        if (priv == null || priv.items.size() < 2 || !priv.items.get(1).isList()) {
            throw new IllegalArgumentException("no (private-key (rsa ...)) in S-expression");
        }
        Node alg = priv.items.get(1);
        if (!alg.isNamed("rsa")) {
            throw new IllegalArgumentException("private key is not an RSA key");
        }
        BigInteger n = number(alg, "n");
        BigInteger e = number(alg, "e");
        BigInteger d = number(alg, "d");
        BigInteger pg = number(alg, "p");
        BigInteger qg = number(alg, "q");
        BigInteger u = number(alg, "u");
        // GNUnet derives the public key from a (public-key ...) list when there is one, so
        // such a list must describe the same key.
        Node pubList = GcrySexp.findToken(root, "public-key");
        if (pubList != null) {
            if (pubList.items.size() < 2 || !pubList.items.get(1).isNamed("rsa")
                    || !number(pubList.items.get(1), "n").equals(n)
                    || !number(pubList.items.get(1), "e").equals(e)) {
                throw new IllegalArgumentException("public-key part does not match the private key");
            }
        }
        // libgcrypt's u is p^-1 mod q: with the primes swapped it is the PKCS#1 qInv.
        BigInteger pm1 = pg.subtract(BigInteger.ONE);
        BigInteger qm1 = qg.subtract(BigInteger.ONE);
        if (pm1.signum() <= 0 || qm1.signum() <= 0) {
            throw new IllegalArgumentException("RSA primes do not match the modulus");
        }
        return fromComponents(n, e, d, qg, pg, d.mod(qm1), d.mod(pm1), u);
    }

    private static BigInteger number(Node alg, String name) {
        Node l = GcrySexp.findToken(alg, name);
        if (l == null || l.items.size() < 2 || l.items.get(1).isList()) {
            throw new IllegalArgumentException("RSA private key lacks parameter " + name);
        }
        return Mpi.fromUnsigned(l.items.get(1).atom);
    }

    // ------------------------------------------------------------------ signing

    /**
     * {@code m^d mod n} for {@code 0 < m < n} (checked by the caller): CRT with Garner
     * recombination, the input of each half blinded with {@code r^e} (and the half results
     * unblinded with {@code r^-1}) in the CRT domain, where the blinding multiplications are
     * half size; the result is verified with e mod n before it is returned.
     */
    BigInteger rawSign(BigInteger m) {
        Blinding b = nextBlinding();
        BigInteger mp = m.mod(p).multiply(b.blindP).mod(p);
        BigInteger mq = m.mod(q).multiply(b.blindQ).mod(q);
        BigInteger s1 = mp.modPow(dP, p).multiply(b.unblindP).mod(p);
        BigInteger s2 = mq.modPow(dQ, q).multiply(b.unblindQ).mod(q);
        BigInteger h = s1.subtract(s2).multiply(qInv).mod(p);
        BigInteger s = h.multiply(q).add(s2);
        if (!s.modPow(pub.exponent(), pub.modulus()).equals(m)) {
            throw new IllegalStateException("RSA signature failed its self-check (computation fault)");
        }
        return s;
    }

    /**
     * Blinding residues for one signature: {@code r^e} and {@code r^-1} modulo p and q for a
     * secret random r (choosing r mod p and r mod q independently is choosing r mod n).
     */
    private record Blinding(BigInteger blindP, BigInteger blindQ, BigInteger unblindP, BigInteger unblindQ) {
        Blinding squared(BigInteger p, BigInteger q) {
            return new Blinding(blindP.multiply(blindP).mod(p), blindQ.multiply(blindQ).mod(q),
                    unblindP.multiply(unblindP).mod(p), unblindQ.multiply(unblindQ).mod(q));
        }
    }

    /** Returns the current pair and advances it: squaring (as the JDK and OpenSSL do), with a fresh r now and then. */
    private Blinding nextBlinding() {
        synchronized (blindingLock) {
            Blinding current = blinding;
            if (current == null || blindingUses >= BLINDING_REFRESH) {
                current = freshBlinding();
                blindingUses = 0;
            }
            blinding = current.squared(p, q);
            blindingUses++;
            return current;
        }
    }

    private Blinding freshBlinding() {
        BigInteger[] rp = blindingResidue(p);
        BigInteger[] rq = blindingResidue(q);
        return new Blinding(rp[0], rq[0], rp[1], rq[1]);
    }

    /** {r^e mod prime, r^-1 mod prime} for a random r in [2, prime). */
    private BigInteger[] blindingResidue(BigInteger prime) {
        while (true) {
            BigInteger r = new BigInteger(prime.bitLength() + 64, RANDOM).mod(prime);
            if (r.compareTo(BigInteger.TWO) < 0) {
                continue;
            }
            // constant-time inverse (r is secret); prime is odd, so r is invertible
            BigInteger inv = BigIntegers.modOddInverse(prime, r);
            return new BigInteger[] {r.modPow(pub.exponent(), prime), inv};
        }
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    // package-private views for tests in this package
    BigInteger d() {
        return d;
    }

    BigInteger p() {
        return p;
    }

    BigInteger q() {
        return q;
    }

    @Override
    public String toString() {
        return "RsaPrivateKey(" + bitLength() + " bits, public " + pub + ", <secret>)";
    }
}

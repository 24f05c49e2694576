package net.taler.common.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import org.junit.jupiter.api.Test;

/**
 * The secmod key file format (libgcrypt S-expression as printed by GNUnet's
 * {@code rsa_private_key_encode}). No reference file exists in the vectors, so the expected
 * bytes are spelled out here from the libgcrypt printing rules: verbatim {@code len:bytes}
 * atoms, a newline plus indentation before every nested '(' and after a ')' that is followed
 * by another ')', integers in signed (STD) form, p &lt; q, u = p^-1 mod q, then "\n\0".
 */
class RsaKeyFileTest {
    private static final RsaPrivateKey KEY = RsaNegativeTest.key("rsa-key-1024");

    private static void text(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    private static void param(ByteArrayOutputStream out, String name, BigInteger v) {
        byte[] b = v.toByteArray(); // two's complement = GCRYMPI_FMT_STD for positive values
        text(out, "\n   (1:" + name + b.length + ":");
        out.writeBytes(b);
        text(out, ")");
    }

    static byte[] expectedFile(RsaPrivateKey k) {
        BigInteger n = k.publicKey().modulus();
        BigInteger e = k.publicKey().exponent();
        BigInteger p = k.p().min(k.q());
        BigInteger q = k.p().max(k.q());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        text(out, "(8:key-data\n (10:public-key\n  (3:rsa");
        param(out, "n", n);
        param(out, "e", e);
        text(out, "\n   )\n  )\n (11:private-key\n  (3:rsa");
        param(out, "n", n);
        param(out, "e", e);
        param(out, "d", k.d());
        param(out, "p", p);
        param(out, "q", q);
        param(out, "u", p.modInverse(q));
        text(out, "\n   )\n  )\n )\n");
        out.write(0);
        return out.toByteArray();
    }

    @Test
    void encodingMatchesLibgcryptDefaultFormat() {
        byte[] file = KEY.encode();
        assertArrayEquals(expectedFile(KEY), file);
        String head = new String(file, 0, 60, StandardCharsets.ISO_8859_1);
        assertTrue(head.startsWith("(8:key-data\n (10:public-key\n  (3:rsa\n   (1:n129:\0"), head);
        assertEquals(0, file[file.length - 1]);
        assertEquals('\n', file[file.length - 2]);
    }

    @Test
    void vectorKeyHasPrimesInPkcsOrderButFileInLibgcryptOrder() {
        // the vector's p > q; the file must list the smaller prime first
        assertTrue(KEY.p().compareTo(KEY.q()) > 0);
        RsaPrivateKey reread = RsaPrivateKey.decode(KEY.encode());
        assertEquals(KEY.publicKey(), reread.publicKey());
        assertArrayEquals(KEY.encode(), reread.encode());
    }

    @Test
    void generatedKeysRoundTrip() {
        RsaPrivateKey k = RsaPrivateKey.generate(1024);
        byte[] file = k.encode();
        assertArrayEquals(expectedFile(k), file);
        RsaPrivateKey back = RsaPrivateKey.decode(file);
        assertEquals(k.publicKey(), back.publicKey());
        HashCode m = Hashes.sha512(new byte[] {42});
        assertEquals(RsaBlinding.signFdh(k, m), RsaBlinding.signFdh(back, m));
    }

    @Test
    void otherTextFormsAreAccepted() {
        BigInteger n = KEY.publicKey().modulus();
        BigInteger e = KEY.publicKey().exponent();
        BigInteger p = KEY.p().min(KEY.q());
        BigInteger q = KEY.p().max(KEY.q());
        BigInteger u = p.modInverse(q);
        HexFormat hex = HexFormat.of().withUpperCase();
        // libgcrypt "advanced" style: tokens and #hex#, no key-data wrapper, file without NUL
        String advanced = "(private-key\n (rsa\n  (n #" + hex.formatHex(n.toByteArray()) + "#)\n  (e #010001#)\n"
                + "  (d #" + hex.formatHex(KEY.d().toByteArray()) + "#)\n"
                + "  (p #" + hex.formatHex(p.toByteArray()) + "#)\n"
                + "  (q #" + hex.formatHex(q.toByteArray()).toLowerCase(Locale.ROOT) + "#)\n"
                + "  (u #" + hex.formatHex(u.toByteArray()) + "#)))\n";
        assertEquals(KEY.publicKey(), RsaPrivateKey.decode(advanced.getBytes(StandardCharsets.US_ASCII)).publicKey());
        // canonical (no white space), parameters in another order, p and q swapped (u matching)
        ByteArrayOutputStream c = new ByteArrayOutputStream();
        text(c, "(11:private-key(3:rsa");
        canon(c, "q", p);
        canon(c, "p", q);
        canon(c, "e", e);
        canon(c, "n", n);
        canon(c, "u", q.modInverse(p));
        canon(c, "d", KEY.d());
        text(c, "))");
        RsaPrivateKey k = RsaPrivateKey.decode(c.toByteArray());
        assertEquals(KEY.publicKey(), k.publicKey());
        assertArrayEquals(KEY.encode(), k.encode());
        // quoted string atom for e
        String quoted = advanced.replace("(e #010001#)", "(e \"\\x01\\000\\x01\")");
        assertEquals(KEY.publicKey(), RsaPrivateKey.decode(quoted.getBytes(StandardCharsets.US_ASCII)).publicKey());
    }

    private static void canon(ByteArrayOutputStream out, String name, BigInteger v) {
        byte[] b = Mpi.toUnsigned(v);
        text(out, "(1:" + name + b.length + ":");
        out.writeBytes(b);
        text(out, ")");
    }

    @Test
    void malformedFilesAreRejected() {
        byte[] good = KEY.encode();
        String s = new String(good, StandardCharsets.ISO_8859_1);
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(Arrays.copyOf(good, good.length - 5)));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(Arrays.copyOf(good, 100)));
        byte[] trailing = Arrays.copyOf(good, good.length + 1);
        trailing[good.length] = 'x';
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(trailing));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes(s.replace("1:u", "1:v"))));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes(s.replace("3:rsa", "3:dsa"))));
        assertThrows(IllegalArgumentException.class,
                () -> RsaPrivateKey.decode(bytes(s.replace("11:private-key", "11:public-keyX"))));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a (b")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a))")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a 05:hello)")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a 99:hello)")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a #123#)")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a |aGVsbG8=|)")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(a \"unterminated)")));
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes("(".repeat(100))));
        assertThrows(IllegalArgumentException.class,
                () -> RsaPrivateKey.decode(new byte[RsaPrivateKey.MAX_ENCODED_BYTES + 1]));
    }

    @Test
    void publicPartMustMatchPrivatePart() {
        String s = new String(KEY.encode(), StandardCharsets.ISO_8859_1);
        int firstE = s.indexOf("(1:e3:");
        String tampered = s.substring(0, firstE) + "(1:e3:\u0001\u0000\u0003" + s.substring(firstE + 9);
        assertThrows(IllegalArgumentException.class, () -> RsaPrivateKey.decode(bytes(tampered)));
    }

    /** Every single-bit corruption of a key file is either harmless (white space) or rejected. */
    @Test
    void everyBitFlipIsRejectedOrHarmless() {
        byte[] good = KEY.encode();
        int harmless = 0;
        for (int i = 0; i < good.length * 8; i++) {
            byte[] t = good.clone();
            t[i / 8] ^= (byte) (1 << (i % 8));
            RsaPrivateKey k;
            try {
                k = RsaPrivateKey.decode(t);
            } catch (IllegalArgumentException expected) {
                continue;
            }
            assertArrayEquals(good, k.encode(), "bit " + i + " changed the key");
            harmless++;
        }
        assertTrue(harmless < 200, "harmless flips: " + harmless);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

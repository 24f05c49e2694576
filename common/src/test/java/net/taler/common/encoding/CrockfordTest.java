package net.taler.common.encoding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

class CrockfordTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @Test
    void padBitsIgnoredByStrictDecoders() {
        // crypto.md 1.2: 03ZH1 decodes like 03ZH0 to 00 ff 10.
        assertArrayEquals(hex("00ff10"), Crockford.decodeFixed("03ZH1", 3));
        assertArrayEquals(hex("00ff10"), Crockford.decodeFixed("03ZH0", 3));
        assertArrayEquals(hex("00ff10"), Crockford.decodeVariable("03ZH1"));
        // 4 characters are the canonical length of 2 bytes, not of 3: for a 3-byte field only
        // the wallet's decoder accepts them; the pad bits of 'H' are dropped.
        assertArrayEquals(hex("00ff"), Crockford.decode("03ZH"));
        assertArrayEquals(hex("00ff"), Crockford.decodeVariable("03ZH"));
        assertArrayEquals(hex("00ff"), Crockford.decodeFixed("03ZH", 2));
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed("03ZH", 3));
        // 6 characters are no byte count's canonical length: lenient 3 bytes, strict error.
        assertArrayEquals(hex("00ff10"), Crockford.decode("03ZH10"));
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeVariable("03ZH10"));
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed("03ZH10", 3));
    }

    @Test
    void sizes() {
        assertEquals(52, Crockford.encodedLength(32));
        assertEquals(103, Crockford.encodedLength(64));
        assertEquals(26, Crockford.encodedLength(16));
        assertEquals(39, Crockford.encodedLength(24));
        assertEquals(0, Crockford.encodedLength(0));
        assertThrows(IllegalArgumentException.class, () -> Crockford.encodedLength(-1));
        assertArrayEquals(new byte[0], Crockford.decodeFixed("", 0));
        assertArrayEquals(new byte[0], Crockford.decodeVariable(""));
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed("", 1));
        assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed("00", 0));
    }

    @Test
    void variableLengthRules() {
        for (int len = 0; len < 200; len++) {
            String s = "0".repeat(len);
            int size = len * 5 / 8;
            boolean canonical = Crockford.encodedLength(size) == len;
            if (canonical) {
                assertEquals(size, Crockford.decodeVariable(s).length);
            } else {
                assertThrows(IllegalArgumentException.class, () -> Crockford.decodeVariable(s), "len " + len);
            }
            assertEquals(size, Crockford.decode(s).length);
        }
        for (int bad : new int[] {1, 3, 6, 9, 11, 14}) {
            String s = "0".repeat(bad);
            assertThrows(IllegalArgumentException.class, () -> Crockford.decodeVariable(s));
        }
    }

    @Test
    void invalidCharacters() {
        for (String s : new String[] {"0000000\u00e9", "0000000!", "0000000\u0000", "000000\u00d8", "0000000\u2070"}) {
            assertThrows(IllegalArgumentException.class, () -> Crockford.decode(s), s);
            assertThrows(IllegalArgumentException.class, () -> Crockford.decodeFixed(s, s.length() * 5 / 8), s);
        }
        assertThrows(NullPointerException.class, () -> Crockford.decode(null));
    }

    @Test
    void randomRoundTrips() {
        Random r = new Random(42);
        for (int n = 0; n < 300; n++) {
            byte[] data = new byte[n % 130];
            r.nextBytes(data);
            String s = Crockford.encode(data);
            assertEquals(Crockford.encodedLength(data.length), s.length());
            assertArrayEquals(data, Crockford.decodeFixed(s, data.length));
            assertArrayEquals(data, Crockford.decodeVariable(s));
            assertArrayEquals(data, Crockford.decode(s.toLowerCase()));
            assertEquals(s, Crockford.encode(Crockford.decode(s)));
        }
    }
}

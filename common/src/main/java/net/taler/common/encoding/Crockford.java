package net.taler.common.encoding;

import java.util.Arrays;
import java.util.Objects;

/**
 * GNUnet's Crockford base32, the text form of every key, hash and signature in Taler's JSON,
 * URLs and configuration. Encoding is canonical (upper case, zero pad bits, no padding
 * characters). Decoding comes in three strengths because the two reference implementations
 * differ: {@link #decode} is as lenient as the wallet (any length, dangling bits dropped),
 * while {@link #decodeFixed} and {@link #decodeVariable} reproduce the length checks of the C
 * exchange, which is what a server must apply to client input. All decoders accept lower case
 * and the aliases {@code O}&rarr;0, {@code I}/{@code L}&rarr;1, {@code U}&rarr;V, and ignore the
 * pad bits of the last character.
 */
public final class Crockford {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
            VALUES[Character.toLowerCase(ALPHABET[i])] = (byte) i;
        }
        for (char c : new char[] {'O', 'o'}) {
            VALUES[c] = 0;
        }
        for (char c : new char[] {'I', 'i', 'L', 'l'}) {
            VALUES[c] = 1;
        }
        VALUES['U'] = VALUES['V'];
        VALUES['u'] = VALUES['V'];
    }

    private Crockford() {
    }

    /** Number of characters {@link #encode} produces for {@code size} bytes: ceil(8·size/5). */
    public static int encodedLength(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        long len = ((long) size * 8 + 4) / 5;
        if (len > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("size " + size + " too large to encode");
        }
        return (int) len;
    }

    /** Canonical encoding: 5 bits per character, most significant first, last character zero-padded. */
    public static String encode(byte[] data) {
        Objects.requireNonNull(data, "data");
        char[] out = new char[encodedLength(data.length)];
        int pos = 0;
        int buf = 0;
        int bits = 0;
        for (byte b : data) {
            buf = (buf << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[pos++] = ALPHABET[(buf >>> bits) & 31];
            }
            buf &= (1 << bits) - 1;
        }
        if (bits > 0) {
            out[pos++] = ALPHABET[(buf << (5 - bits)) & 31];
        }
        return new String(out, 0, pos);
    }

    /**
     * Wallet-compatible decoding: any length is accepted, the result has floor(5·len/8) bytes
     * and bits that do not fill a whole byte are dropped, zero or not. Use this only where the
     * wallet's leniency is wanted; server input should go through {@link #decodeFixed} or
     * {@link #decodeVariable}.
     *
     * @throws IllegalArgumentException on a character outside the alphabet and its aliases
     */
    public static byte[] decode(String text) {
        Objects.requireNonNull(text, "text");
        byte[] out = new byte[(int) ((long) text.length() * 5 / 8)];
        int pos = 0;
        int buf = 0;
        int bits = 0;
        for (int i = 0; i < text.length(); i++) {
            buf = (buf << 5) | value(text, i);
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out[pos++] = (byte) (buf >>> bits);
            }
            buf &= (1 << bits) - 1;
        }
        return out;
    }

    /**
     * Decoding of a fixed-size field (key, hash, signature, nonce, salt) as the C exchange does
     * it ({@code GNUNET_STRINGS_string_to_data}): the text must be exactly ceil(8·size/5)
     * characters long. Pad bits of the last character are ignored.
     *
     * @throws IllegalArgumentException on a wrong length or an invalid character
     */
    public static byte[] decodeFixed(String text, int size) {
        Objects.requireNonNull(text, "text");
        int expected = encodedLength(size);
        if (text.length() != expected) {
            throw new IllegalArgumentException("base32 value of " + size + " bytes must have "
                    + expected + " characters, got " + text.length());
        }
        return decode(text);
    }

    /**
     * Decoding of a variable-size field (RSA public keys, RSA signatures, RSA blinded
     * planchets, encrypted contracts) as GNUnet does it: the size is floor(5·len/8) and the
     * length must then be the canonical ceil(8·size/5). Lengths that no byte count produces
     * (1, 3, 6, 9, 11, 14, ... characters) are rejected. GNUnet's generic decoder retries
     * with one byte less on failure, but that retry can never succeed for a length rejected
     * here, so one method serves all variable-size fields.
     *
     * @throws IllegalArgumentException on a non-canonical length or an invalid character
     */
    public static byte[] decodeVariable(String text) {
        Objects.requireNonNull(text, "text");
        int size = (int) ((long) text.length() * 5 / 8);
        if (encodedLength(size) != text.length()) {
            throw new IllegalArgumentException("base32 text of " + text.length()
                    + " characters is not the encoding of a whole number of bytes");
        }
        return decode(text);
    }

    private static int value(String text, int i) {
        char c = text.charAt(i);
        int v = c < 128 ? VALUES[c] : -1;
        if (v < 0) {
            throw new IllegalArgumentException("invalid base32 character '" + c + "' at position " + i);
        }
        return v;
    }
}

package net.taler.httpd.keys;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import net.taler.common.crypto.Hashes;

/**
 * A prebuilt JSON reply served from memory: the bytes, their zlib form (for clients that accept
 * {@code deflate}, exchange-api.md 1.5), the ETag and the expiry.
 *
 * @param expiresMillis epoch millis for the {@code Expires} header (0 = none)
 * @param builtMillis epoch millis for {@code Last-Modified}
 */
public record CachedReply(byte[] json, byte[] deflated, String etag, long expiresMillis, long builtMillis) {
    /** Computes the zlib form and the ETag (base32 SHA-512 of the uncompressed text). */
    public static CachedReply of(byte[] json, long expiresMillis, long builtMillis) {
        return new CachedReply(json, deflate(json), Hashes.sha512(json).toBase32(), expiresMillis, builtMillis);
    }

    /** Same, with a caller-defined ETag. */
    public static CachedReply withEtag(byte[] json, String etag, long expiresMillis, long builtMillis) {
        return new CachedReply(json, deflate(json), etag, expiresMillis, builtMillis);
    }

    static byte[] deflate(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION); // zlib wrapper, as C's compress()
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(data);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } finally {
            d.end();
        }
        return out.toByteArray();
    }
}

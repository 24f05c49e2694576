package net.taler.common.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The hash primitives and the small domain hashes of the protocol. Strings that
 * GNUnet hashes as C strings include their terminating NUL (crypto.md 1.6);
 * methods taking a {@code String} say whether they add it.
 */
public final class Hashes {
    private static final byte[] WIRE_CTX = "merchant-wire-signature".getBytes(StandardCharsets.US_ASCII);

    private Hashes() {
    }

    /** SHA-512 of the concatenation of the parts ({@code GNUNET_CRYPTO_hash}). */
    public static HashCode sha512(byte[]... parts) {
        return new HashCode(digest(new SHA512Digest(), parts));
    }

    /** First 32 bytes of SHA-512 of the concatenated parts (ShortHashCode). */
    public static ShortHash sha512Truncated(byte[]... parts) {
        return sha512(parts).truncate();
    }

    /** Plain SHA-256 (only used inside HKDF-expand by the protocol). */
    public static byte[] sha256(byte[]... parts) {
        return digest(new SHA256Digest(), parts);
    }

    public static byte[] hmacSha512(byte[] key, byte[] message) {
        return hmac(new SHA512Digest(), key, message);
    }

    public static byte[] hmacSha256(byte[] key, byte[] message) {
        return hmac(new SHA256Digest(), key, message);
    }

    /** UTF-8 bytes of the string followed by one NUL byte, as C hashes strings. */
    public static byte[] cString(String text) {
        Objects.requireNonNull(text, "text");
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, out, 0, utf8.length);
        return out;
    }

    /**
     * SHA-512 of the string with its NUL (wire method, auditor/exchange URL,
     * section names; crypto.md 2.5.3).
     */
    public static HashCode hashString(String text) {
        return sha512(cString(text));
    }

    /** {@code h_payto}: first 32 bytes of SHA-512 of the payto URI with NUL, not normalised. */
    public static ShortHash hPayto(String paytoUri) {
        return sha512Truncated(cString(paytoUri));
    }

    /** Salted merchant wire hash: {@code KDF(64; salt; payto "\0"; "merchant-wire-signature")}. */
    public static HashCode hWire(String paytoUri, WireSalt salt) {
        return new HashCode(Kdf.kdf(HashCode.SIZE, salt.raw(), cString(paytoUri), WIRE_CTX));
    }

    /** An incremental SHA-512; equal to {@link #sha512} over everything fed. */
    public static HashContext sha512Context() {
        return new HashContext();
    }

    private static byte[] digest(Digest d, byte[]... parts) {
        for (byte[] p : parts) {
            d.update(p, 0, p.length);
        }
        byte[] out = new byte[d.getDigestSize()];
        d.doFinal(out, 0);
        return out;
    }

    private static byte[] hmac(Digest d, byte[] key, byte[] message) {
        HMac mac = new HMac(d);
        mac.init(new KeyParameter(key));
        mac.update(message, 0, message.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    /** Incremental SHA-512 (GNUnet hash context). Not thread safe; single use. */
    public static final class HashContext {
        private final SHA512Digest digest = new SHA512Digest();
        private boolean finished;

        private HashContext() {
        }

        public HashContext update(byte[] data) {
            return update(data, 0, data.length);
        }

        public HashContext update(byte[] data, int off, int len) {
            if (finished) {
                throw new IllegalStateException("hash context already finished");
            }
            digest.update(data, off, len);
            return this;
        }

        public HashContext update(FixedBytes value) {
            return update(value.raw());
        }

        public HashCode finish() {
            if (finished) {
                throw new IllegalStateException("hash context already finished");
            }
            finished = true;
            byte[] out = new byte[HashCode.SIZE];
            digest.doFinal(out, 0);
            return new HashCode(out);
        }
    }
}

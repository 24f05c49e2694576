package net.taler.common.coin;

import java.util.Arrays;
import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.encoding.Crockford;

/**
 * A blinded coin ({@code coin_ev}): the RSA blinded message or the CS blinded challenges
 * with their nonce. Knows the two hashes built from it: the envelope hash
 * {@code h_coin_envelope} (crypto.md 2.5.6) and its contribution to the refresh commitment
 * (2.5.8).
 */
public sealed interface BlindedPlanchet permits BlindedPlanchet.Rsa, BlindedPlanchet.Cs {
    /** {@link DenominationKey#CIPHER_RSA} or {@link DenominationKey#CIPHER_CS}. */
    int cipher();

    /** The envelope bytes exactly as hashed: the RSA message as received, or CS {@code c0 || c1 || nonce}. */
    byte[] envelope();

    /** {@code h_coin_envelope = SHA512(h_denom_pub || u32be(cipher) || envelope)}. */
    default HashCode envelopeHash(HashCode denomPubHash) {
        Objects.requireNonNull(denomPubHash, "denomPubHash");
        Hashes.HashContext ctx = Hashes.sha512Context().update(denomPubHash);
        hashInto(ctx);
        return ctx.finish();
    }

    /** Feeds {@code u32be(cipher) || envelope} into a hash (C {@code TALER_blinded_planchet_hash_}). */
    default void hashInto(Hashes.HashContext ctx) {
        int c = cipher();
        ctx.update(new byte[] {(byte) (c >>> 24), (byte) (c >>> 16), (byte) (c >>> 8), (byte) c});
        ctx.update(envelope());
    }

    /**
     * RSA blinded message ({@code rsa_blinded_planchet}): the bytes as produced or received
     * (normally minimal big-endian; the hash covers them exactly, leading zeros included).
     */
    record Rsa(byte[] blindedMessage) implements BlindedPlanchet {
        /**
         * @throws IllegalArgumentException if empty or absurdly long
         */
        public Rsa {
            Objects.requireNonNull(blindedMessage, "blindedMessage");
            if (blindedMessage.length == 0 || blindedMessage.length > RsaSignature.MAX_ENCODED_BYTES) {
                throw new IllegalArgumentException("RSA blinded message of " + blindedMessage.length + " bytes");
            }
            blindedMessage = blindedMessage.clone();
        }

        /** From the JSON Crockford text. */
        public static Rsa fromBase32(String text) {
            return new Rsa(Crockford.decodeVariable(text));
        }

        @Override
        public byte[] blindedMessage() {
            return blindedMessage.clone();
        }

        @Override
        public int cipher() {
            return DenominationKey.CIPHER_RSA;
        }

        @Override
        public byte[] envelope() {
            return blindedMessage.clone();
        }

        public String toBase32() {
            return Crockford.encode(blindedMessage);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Rsa other && Arrays.equals(blindedMessage, other.blindedMessage);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(blindedMessage);
        }

        @Override
        public String toString() {
            String b = toBase32();
            return "BlindedPlanchet.Rsa(" + (b.length() > 16 ? b.substring(0, 16) + "…" : b) + ")";
        }
    }

    /** CS blinded planchet {@code (c0, c1, nonce)}. */
    record Cs(CsBlindedMessage message) implements BlindedPlanchet {
        public Cs {
            Objects.requireNonNull(message, "message");
        }

        @Override
        public int cipher() {
            return DenominationKey.CIPHER_CS;
        }

        @Override
        public byte[] envelope() {
            return message.bytes();
        }
    }
}

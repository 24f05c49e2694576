package net.taler.common.coin;

import java.util.Objects;

import net.taler.common.age.AgeMask;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.rsa.RsaPublicKey;

/**
 * A denomination public key as coins see it: the cipher's key plus the age mask (JSON
 * {@code denom_pub}: {@code {"cipher":"RSA"|"CS", "age_mask":N, ...}}). The age mask is part
 * of the key and of {@link #hash()}.
 */
public sealed interface DenominationKey permits DenominationKey.Rsa, DenominationKey.Cs {
    /** Cipher number of RSA in hashes. */
    int CIPHER_RSA = 1;
    /** Cipher number of Clause-Schnorr in hashes. */
    int CIPHER_CS = 2;

    /** {@link #CIPHER_RSA} or {@link #CIPHER_CS}. */
    int cipher();

    /** The age mask; {@link AgeMask#NONE} when not age restricted. */
    AgeMask ageMask();

    /** {@code h_denom_pub = SHA512(u32be(age_mask) || u32be(cipher) || key)} (crypto.md 2.5.4). */
    HashCode hash();

    /** The cipher's key encoding ({@code key} in {@link #hash()}; GNUnet RSA encoding or the 32-byte CS point). */
    byte[] keyBytes();

    /**
     * The inverse of ({@link #cipher()}, {@link #ageMask()}, {@link #keyBytes()}), e.g. for a
     * stored row.
     *
     * @throws IllegalArgumentException on an unknown cipher or a malformed key
     */
    static DenominationKey of(int cipher, AgeMask ageMask, byte[] keyBytes) {
        return switch (cipher) {
            case CIPHER_RSA -> new Rsa(RsaPublicKey.decode(keyBytes), ageMask);
            case CIPHER_CS -> new Cs(new CsPublicKey(keyBytes), ageMask);
            default -> throw new IllegalArgumentException("unknown denomination cipher " + cipher);
        };
    }

    /** An RSA denomination. */
    record Rsa(RsaPublicKey key, AgeMask ageMask) implements DenominationKey {
        public Rsa {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(ageMask, "ageMask");
        }

        @Override
        public int cipher() {
            return CIPHER_RSA;
        }

        @Override
        public HashCode hash() {
            return key.denominationHash(ageMask.bits());
        }

        @Override
        public byte[] keyBytes() {
            return key.encode();
        }
    }

    /** A Clause-Schnorr denomination. */
    record Cs(CsPublicKey key, AgeMask ageMask) implements DenominationKey {
        public Cs {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(ageMask, "ageMask");
        }

        @Override
        public int cipher() {
            return CIPHER_CS;
        }

        @Override
        public HashCode hash() {
            return key.denomPubHash(ageMask.bits());
        }

        @Override
        public byte[] keyBytes() {
            return key.bytes();
        }
    }
}

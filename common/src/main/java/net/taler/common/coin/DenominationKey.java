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
    }
}

package net.taler.common.coin;

import java.util.Objects;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsSignature;
import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaSignature;

/** An unblinded denomination signature on a coin ({@code denom_sig} / {@code ub_sig}). */
public sealed interface DenominationSignature permits DenominationSignature.Rsa, DenominationSignature.Cs {
    /** {@link DenominationKey#CIPHER_RSA} or {@link DenominationKey#CIPHER_CS}. */
    int cipher();

    /**
     * Checks the signature over the coin public key hash (crypto.md 2.5.5). False for a
     * cipher mismatch or any malformed value; never throws.
     */
    boolean verify(DenominationKey key, HashCode coinPubHash);

    /** RSA {@code rsa_signature}. */
    record Rsa(RsaSignature signature) implements DenominationSignature {
        public Rsa {
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public int cipher() {
            return DenominationKey.CIPHER_RSA;
        }

        @Override
        public boolean verify(DenominationKey key, HashCode coinPubHash) {
            if (!(key instanceof DenominationKey.Rsa rsa) || coinPubHash == null) {
                return false;
            }
            try {
                return RsaBlinding.verify(rsa.key(), coinPubHash, signature);
            } catch (RuntimeException e) {
                return false;
            }
        }
    }

    /** CS {@code (cs_signature_r, cs_signature_s)}. */
    record Cs(CsSignature signature) implements DenominationSignature {
        public Cs {
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public int cipher() {
            return DenominationKey.CIPHER_CS;
        }

        @Override
        public boolean verify(DenominationKey key, HashCode coinPubHash) {
            return key instanceof DenominationKey.Cs cs && coinPubHash != null
                    && net.taler.common.crypto.cs.Cs.verify(signature, cs.key(), coinPubHash);
        }
    }
}

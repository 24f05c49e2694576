package net.taler.common.coin;

import java.util.Objects;

import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.rsa.RsaSignature;

/** The exchange's blind signature on a planchet ({@code ev_sig}). */
public sealed interface BlindSignature permits BlindSignature.Rsa, BlindSignature.Cs {
    /** {@link DenominationKey#CIPHER_RSA} or {@link DenominationKey#CIPHER_CS}. */
    int cipher();

    /** RSA {@code blinded_rsa_signature}. */
    record Rsa(RsaSignature signature) implements BlindSignature {
        public Rsa {
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public int cipher() {
            return DenominationKey.CIPHER_RSA;
        }
    }

    /** CS {@code (b, s)}. */
    record Cs(CsBlindSignature signature) implements BlindSignature {
        public Cs {
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public int cipher() {
            return DenominationKey.CIPHER_CS;
        }
    }
}

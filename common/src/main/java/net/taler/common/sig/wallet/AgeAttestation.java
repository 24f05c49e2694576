package net.taler.common.sig.wallet;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.Edx25519;
import net.taler.common.crypto.Edx25519PrivateKey;
import net.taler.common.crypto.Edx25519PublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.sig.Purposes;

/**
 * Wallet's attestation that a coin's owner is at least {@code age} years old
 * ({@code minimum_age_sig} / {@code attest}), crypto.md 8.5.
 *
 * <p>Unlike every other structure this is signed with an <b>Edx25519</b>
 * age-commitment private key (the key of the age group of {@code age}, i.e.
 * {@code privateKeys[group - 1]}) and verified with the matching commitment public
 * key; the signature verifies as plain Ed25519. For group 0 no signature is needed
 * (the wallet sends 64 zero bytes); picking the key is the caller's business.
 * Therefore this record does not implement {@link net.taler.common.sig.Signable}.
 *
 * <p>Purpose {@value #PURPOSE} ({@code TALER_SIGNATURE_WALLET_AGE_ATTESTATION}), {@value #SIZE} bytes.
 * Signed by: Edx25519 age-commitment key (wallet).
 * Verified by: merchant; httpd for purse deposits with {@code min_age}.
 *
 * @param ageMask the denomination's age mask, all bits including bit 0 (e.g. {@code 0x00255501})
 * @param age the attested minimum age
 */
public record AgeAttestation(int ageMask, int age) {
    /** Purpose number ({@code TALER_SIGNATURE_WALLET_AGE_ATTESTATION}). */
    public static final int PURPOSE = Purposes.WALLET_AGE_ATTESTATION;
    /** Size of the signed block in bytes, header included. */
    public static final int SIZE = 16;

    /** The signed bytes: {@code u32be age_mask || u32be age}. */
    public PurposeBlock toPurposeBlock() {
        return PurposeBlock.builder(PURPOSE)
                .u32(ageMask)
                .u32(age)
                .build();
    }

    /** Signs with the age-group's Edx25519 private key. */
    public EddsaSignature sign(Edx25519PrivateKey priv) {
        return Edx25519.sign(priv, toPurposeBlock());
    }

    /** Checks an attestation against the age-group's commitment public key; never throws. */
    public boolean verify(Edx25519PublicKey pub, EddsaSignature sig) {
        return Edx25519.verify(pub, toPurposeBlock(), sig);
    }
}

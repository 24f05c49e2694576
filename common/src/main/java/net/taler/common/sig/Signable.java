package net.taler.common.sig;

import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.PurposeBlock;

/**
 * A signed structure: a record that knows its purpose number and field order
 * and can therefore produce the exact bytes an EdDSA signature covers.
 *
 * <p>Signing and verification always go through {@link #toPurposeBlock()}: a
 * verifier builds the record from the values <em>it</em> expects and checks
 * the signature over the rebuilt block; a received block is never trusted.
 * Because the purpose number is part of the rebuilt block, a signature made
 * for another purpose (or another field order) can never verify.
 *
 * <p>Where the signing key is not in this process (exchange online signatures
 * are made by secmod-eddsa), send {@link #toPurposeBlock()} to the signer and
 * keep the returned signature.
 */
public interface Signable {
    /** The exact signed bytes: {@code u32be size || u32be purpose || fields}. */
    PurposeBlock toPurposeBlock();

    /** The purpose number of this structure. */
    default int purpose() {
        return toPurposeBlock().purpose();
    }

    /** Signs the structure (Ed25519 is deterministic: same key and fields, same signature). */
    default EddsaSignature sign(EddsaPrivateKey priv) {
        return Eddsa.sign(priv, toPurposeBlock());
    }

    /**
     * Checks a signature over this structure. Never throws: a {@code null} key or
     * signature, a malformed point or a tampered field all give {@code false}.
     */
    default boolean verify(EddsaPublicKey pub, EddsaSignature sig) {
        return Eddsa.verify(pub, toPurposeBlock(), sig);
    }
}

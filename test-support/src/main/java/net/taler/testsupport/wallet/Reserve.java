package net.taler.testsupport.wallet;

import java.util.Objects;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;

/**
 * A reserve as its owner holds it: the EdDSA key pair whose public half is the wire subject
 * and whose private half signs withdrawals.
 *
 * @param priv the reserve private key
 */
public record Reserve(EddsaPrivateKey priv) {
    public Reserve {
        Objects.requireNonNull(priv, "priv");
    }

    /** A fresh random reserve. */
    public static Reserve random() {
        return new Reserve(EddsaPrivateKey.generate());
    }

    /** The reserve of {@link Seeds#reserveKey}. */
    public static Reserve fromSeed(byte[] seed) {
        return new Reserve(Seeds.reserveKey(seed));
    }

    /** {@code reserve_pub}. */
    public EddsaPublicKey pub() {
        return priv.publicKey();
    }

    @Override
    public String toString() {
        return "Reserve(" + pub() + ")";
    }
}

package net.taler.common.secmod;

import java.util.Objects;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.sig.secmod.SigningKeyAnnouncement;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * An online signing key as the EdDSA helper announces it (AVAIL, secmod.md 5.2), with the SM
 * signature over it (purpose 1251).
 *
 * @param exchangePublicKey the online signing key
 * @param anchor start of its signing period
 * @param duration length of its signing period
 * @param smPublicKey the helper's SM key
 * @param smSignature SM signature over {@link #announcement()}
 */
public record SigningKeyInfo(EddsaPublicKey exchangePublicKey, Timestamp anchor, RelativeTime duration,
        EddsaPublicKey smPublicKey, EddsaSignature smSignature) {
    public SigningKeyInfo {
        Objects.requireNonNull(exchangePublicKey, "exchangePublicKey");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(smPublicKey, "smPublicKey");
        Objects.requireNonNull(smSignature, "smSignature");
    }

    /** Builds the announcement and signs it with the SM key. */
    public static SigningKeyInfo signed(EddsaPublicKey exchangePublicKey, Timestamp anchor, RelativeTime duration,
            EddsaPrivateKey smKey) {
        SigningKeyAnnouncement a = new SigningKeyAnnouncement(exchangePublicKey, anchor, duration);
        return new SigningKeyInfo(exchangePublicKey, anchor, duration, smKey.publicKey(), a.sign(smKey));
    }

    /** The structure the SM signature covers (purpose 1251). */
    public SigningKeyAnnouncement announcement() {
        return new SigningKeyAnnouncement(exchangePublicKey, anchor, duration);
    }

    public boolean verifySmSignature() {
        return announcement().verify(smPublicKey, smSignature);
    }

    /** End of the signing period. */
    public Timestamp end() {
        return anchor.plus(duration);
    }
}

package net.taler.common.secmod;

import java.util.Objects;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.sig.secmod.RsaKeyAnnouncement;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * An RSA denomination key as the RSA helper announces it (AVAIL, secmod.md 5.2), with the SM
 * signature over it (purpose 1250).
 *
 * @param section the coin section name as spelled in the configuration
 * @param anchor start of the withdraw period
 * @param durationWithdraw length of the withdraw period
 * @param publicKey the denomination public key
 * @param smPublicKey the helper's SM key
 * @param smSignature SM signature over {@link #announcement()}
 */
public record RsaKeyInfo(String section, Timestamp anchor, RelativeTime durationWithdraw, RsaPublicKey publicKey,
        EddsaPublicKey smPublicKey, EddsaSignature smSignature) {
    public RsaKeyInfo {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(durationWithdraw, "durationWithdraw");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(smPublicKey, "smPublicKey");
        Objects.requireNonNull(smSignature, "smSignature");
    }

    /** Builds the announcement and signs it with the SM key. */
    public static RsaKeyInfo signed(String section, Timestamp anchor, RelativeTime durationWithdraw,
            RsaPublicKey publicKey, EddsaPrivateKey smKey) {
        RsaKeyAnnouncement a = RsaKeyAnnouncement.of(publicKey.encode(), section, anchor, durationWithdraw);
        return new RsaKeyInfo(section, anchor, durationWithdraw, publicKey, smKey.publicKey(), a.sign(smKey));
    }

    /** {@code h_rsa = SHA512(encoding)}: the helper's key id. */
    public HashCode hRsa() {
        return publicKey.hash();
    }

    /** The structure the SM signature covers (purpose 1250). */
    public RsaKeyAnnouncement announcement() {
        return RsaKeyAnnouncement.of(publicKey.encode(), section, anchor, durationWithdraw);
    }

    /** True if {@link #smSignature} is valid for {@link #smPublicKey}. */
    public boolean verifySmSignature() {
        return announcement().verify(smPublicKey, smSignature);
    }

    /** End of the withdraw period. */
    public Timestamp withdrawEnd() {
        return anchor.plus(durationWithdraw);
    }
}

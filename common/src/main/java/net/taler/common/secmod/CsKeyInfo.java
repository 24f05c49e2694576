package net.taler.common.secmod;

import java.util.Objects;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.sig.secmod.CsKeyAnnouncement;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * A Clause-Schnorr denomination key as the CS helper announces it (AVAIL, secmod.md 5.2), with
 * the SM signature over it (purpose 1252).
 *
 * @param section the coin section name as spelled in the configuration
 * @param anchor start of the withdraw period
 * @param durationWithdraw length of the withdraw period
 * @param publicKey the denomination public key
 * @param smPublicKey the helper's SM key
 * @param smSignature SM signature over {@link #announcement()}
 */
public record CsKeyInfo(String section, Timestamp anchor, RelativeTime durationWithdraw, CsPublicKey publicKey,
        EddsaPublicKey smPublicKey, EddsaSignature smSignature) {
    public CsKeyInfo {
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(durationWithdraw, "durationWithdraw");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(smPublicKey, "smPublicKey");
        Objects.requireNonNull(smSignature, "smSignature");
    }

    /** Builds the announcement and signs it with the SM key. */
    public static CsKeyInfo signed(String section, Timestamp anchor, RelativeTime durationWithdraw,
            CsPublicKey publicKey, EddsaPrivateKey smKey) {
        CsKeyAnnouncement a = CsKeyAnnouncement.of(publicKey.bytes(), section, anchor, durationWithdraw);
        return new CsKeyInfo(section, anchor, durationWithdraw, publicKey, smKey.publicKey(), a.sign(smKey));
    }

    /** {@code h_cs = SHA512(cs_pub)}: the helper's key id. */
    public HashCode hCs() {
        return publicKey.secmodHash();
    }

    /** The structure the SM signature covers (purpose 1252). */
    public CsKeyAnnouncement announcement() {
        return CsKeyAnnouncement.of(publicKey.bytes(), section, anchor, durationWithdraw);
    }

    /** True if {@link #smSignature} is valid for {@link #smPublicKey}. */
    public boolean verifySmSignature() {
        return announcement().verify(smPublicKey, smSignature);
    }

    public Timestamp withdrawEnd() {
        return anchor.plus(durationWithdraw);
    }
}

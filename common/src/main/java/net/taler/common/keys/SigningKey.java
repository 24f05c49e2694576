package net.taler.common.keys;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.time.Timestamp;

/**
 * A master-signed online signing key of the exchange (table {@code exchange_sign_keys} joined
 * with {@code signkey_revocations}; {@code signkeys} of {@code /keys}).
 *
 * @param exchangePub the online EdDSA key the exchange signs replies with
 * @param masterSig   master signature over the key's validity
 * @param validFrom   {@code stamp_start}
 * @param expireSign  {@code stamp_expire}: end of the signing period
 * @param expireLegal {@code stamp_end}: end of the period in which its signatures are honoured
 * @param revoked     whether the master key revoked it
 */
public record SigningKey(EddsaPublicKey exchangePub, EddsaSignature masterSig, Timestamp validFrom,
                         Timestamp expireSign, Timestamp expireLegal, boolean revoked) {
    public SigningKey {
        Objects.requireNonNull(exchangePub, "exchangePub");
        Objects.requireNonNull(masterSig, "masterSig");
        Objects.requireNonNull(validFrom, "validFrom");
        Objects.requireNonNull(expireSign, "expireSign");
        Objects.requireNonNull(expireLegal, "expireLegal");
    }
}

package net.taler.testsupport.wallet;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.common.time.Timestamp;

/**
 * An online signing key listed in {@code /keys} {@code signkeys[]}.
 *
 * @param key the exchange's online EdDSA key
 * @param stampStart {@code stamp_start}
 * @param stampExpire {@code stamp_expire} (end of signing use)
 * @param stampEnd {@code stamp_end} (legal expiration)
 * @param masterSig the master signature over the validity
 */
public record SignKey(EddsaPublicKey key, Timestamp stampStart, Timestamp stampExpire, Timestamp stampEnd,
        EddsaSignature masterSig) {
    public SignKey {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(stampStart, "stampStart");
        Objects.requireNonNull(stampExpire, "stampExpire");
        Objects.requireNonNull(stampEnd, "stampEnd");
        Objects.requireNonNull(masterSig, "masterSig");
    }

    /** The signed validity block (purpose {@code MASTER_SIGNING_KEY_VALIDITY}). */
    public SigningKeyValidity validity() {
        return new SigningKeyValidity(stampStart, stampExpire, stampEnd, key);
    }

    /** True if {@link #masterSig} is the master key's signature over {@link #validity()}. */
    public boolean verify(EddsaPublicKey masterPub) {
        return validity().verify(masterPub, masterSig);
    }
}

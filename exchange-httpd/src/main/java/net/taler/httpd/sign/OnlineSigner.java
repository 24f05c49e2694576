package net.taler.httpd.sign;

import java.util.function.Supplier;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.secmod.EddsaProtocol;
import net.taler.common.secmod.client.EddsaSecmodClient;
import net.taler.common.secmod.client.SecmodResult;
import net.taler.common.secmod.client.SecmodUnavailableException;
import net.taler.common.sig.Signable;

/**
 * Signs replies with the exchange's current online signing key, held by
 * {@code taler-exchange-secmod-eddsa}. Failures become the Taler errors of the signing-key
 * helper (1750 unavailable, 1751 bug, 1752 too early).
 */
public final class OnlineSigner {
    /** An online signature and the key that made it. */
    public record Signed(EddsaPublicKey exchangePub, EddsaSignature signature) {
    }

    private final Supplier<EddsaSecmodClient> client;

    public OnlineSigner(Supplier<EddsaSecmodClient> client) {
        this.client = client;
    }

    public Signed sign(Signable structure) {
        EddsaSecmodClient c = client.get();
        if (c == null) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, "no EdDSA helper");
        }
        SecmodResult<EddsaProtocol.Signed> r;
        try {
            r = c.sign(structure);
        } catch (SecmodUnavailableException e) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, e.getMessage());
        }
        if (!r.isOk()) {
            TalerErrorCode code = r.error() == TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_TOO_EARLY
                    ? r.error() : TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_BUG;
            throw new TalerErrorException(code, "secmod-eddsa refused: " + r.error());
        }
        return new Signed(r.value().exchangePublicKey(), r.value().signature());
    }
}

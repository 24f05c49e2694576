package net.taler.httpd.sign;

import java.util.logging.Logger;

import net.taler.common.crypto.Eddsa;
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
 * helper (1750 unavailable, 1751 bug, 1752 too early). With {@code -I} every signature is
 * verified before it is used, so a faulty helper is caught here instead of by a wallet.
 */
public final class OnlineSigner {
    private static final Logger LOG = Logger.getLogger(OnlineSigner.class.getName());

    /** An online signature and the key that made it. */
    public record Signed(EddsaPublicKey exchangePub, EddsaSignature signature) {
    }

    private final EddsaSecmodClient client;
    private final boolean checkInvariants;

    /**
     * @param client the secmod-eddsa client, or null when none is configured
     * @param checkInvariants verify each signature before returning it ({@code -I})
     */
    public OnlineSigner(EddsaSecmodClient client, boolean checkInvariants) {
        this.client = client;
        this.checkInvariants = checkInvariants;
    }

    public Signed sign(Signable structure) {
        EddsaSecmodClient c = client;
        if (c == null) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, "no EdDSA helper");
        }
        SecmodResult<EddsaProtocol.Signed> r;
        try {
            r = c.sign(structure);
        } catch (SecmodUnavailableException e) {
            throw HelperUnavailable.reply(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, "secmod-eddsa", e);
        }
        if (!r.isOk()) {
            TalerErrorCode code = r.error() == TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_TOO_EARLY
                    ? r.error() : TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_BUG;
            throw new TalerErrorException(code, "secmod-eddsa refused: " + r.error());
        }
        Signed signed = new Signed(r.value().exchangePublicKey(), r.value().signature());
        if (checkInvariants && !Eddsa.verify(signed.exchangePub(), structure.toPurposeBlock(), signed.signature())) {
            LOG.severe("invariant violated: secmod-eddsa returned an invalid signature for purpose "
                    + structure.purpose());
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_BUG, "invalid online signature");
        }
        return signed;
    }
}

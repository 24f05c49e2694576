package net.taler.common.secmod.client;

import java.nio.file.Path;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.EddsaProtocol;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.ProtocolException;
import net.taler.common.secmod.SigningKeyInfo;
import net.taler.common.sig.Signable;

/**
 * Client of {@code taler-exchange-secmod-eddsa}: the announced online signing keys, signing
 * with the current one (the reply names the key used), revocation.
 */
public final class EddsaSecmodClient extends SecmodClient<EddsaPublicKey, SigningKeyInfo> {
    public static final String SECTION = "taler-exchange-secmod-eddsa";

    public EddsaSecmodClient(Path socket, SecmodClientOptions options, EddsaPublicKey pinnedSmKey) {
        super(socket, options, pinnedSmKey, EddsaProtocol.AVAIL, EddsaProtocol.PURGE, EddsaProtocol.SYNCED,
                TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE, TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_BUG);
    }

    public EddsaSecmodClient(Path socket) {
        this(socket, SecmodClientOptions.DEFAULT, null);
    }

    /** A client for the socket configured in {@code [taler-exchange-secmod-eddsa] UNIXPATH}. */
    public static EddsaSecmodClient fromConfig(TalerConfig cfg, SecmodClientOptions options) {
        return new EddsaSecmodClient(socketPath(cfg, SECTION), options, null);
    }

    @Override
    protected SigningKeyInfo decodeAvail(Frame f) throws ProtocolException {
        return EddsaProtocol.parseAvail(f);
    }

    @Override
    protected boolean verifyAvail(SigningKeyInfo key) {
        return key.verifySmSignature();
    }

    @Override
    protected EddsaPublicKey keyId(SigningKeyInfo key) {
        return key.exchangePublicKey();
    }

    @Override
    protected EddsaPublicKey smKeyOf(SigningKeyInfo key) {
        return key.smPublicKey();
    }

    @Override
    protected EddsaPublicKey decodePurge(Frame f) throws ProtocolException {
        return EddsaProtocol.parsePurge(f);
    }

    /** Signs a purpose block with the helper's current online signing key. */
    public SecmodResult<EddsaProtocol.Signed> sign(PurposeBlock block) throws SecmodUnavailableException {
        return single(EddsaProtocol.signRequest(block), EddsaProtocol.RES_SIGNATURE, EddsaProtocol::parseSignature,
                EddsaProtocol.RES_SIGN_FAILURE);
    }

    /** Signs a structure with the helper's current online signing key. */
    public SecmodResult<EddsaProtocol.Signed> sign(Signable structure) throws SecmodUnavailableException {
        return sign(structure.toPurposeBlock());
    }

    public void revoke(EddsaPublicKey exchangePublicKey) throws SecmodUnavailableException {
        noReply(EddsaProtocol.revoke(exchangePublicKey));
    }
}

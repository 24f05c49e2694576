package net.taler.common.secmod.client;

import java.nio.file.Path;
import java.util.List;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.ProtocolException;
import net.taler.common.secmod.RsaKeyInfo;
import net.taler.common.secmod.RsaProtocol;

/**
 * Client of {@code taler-exchange-secmod-rsa}: the announced RSA denomination keys by
 * {@code h_rsa}, blind signing (single and batch) and revocation. See {@link SecmodClient}.
 */
public final class RsaSecmodClient extends SecmodClient<HashCode, RsaKeyInfo> {
    public static final String SECTION = "taler-exchange-secmod-rsa";

    public RsaSecmodClient(Path socket, SecmodClientOptions options, EddsaPublicKey pinnedSmKey) {
        super(socket, options, pinnedSmKey, RsaProtocol.AVAIL, RsaProtocol.PURGE, RsaProtocol.SYNCED,
                TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE,
                TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_BUG);
    }

    public RsaSecmodClient(Path socket) {
        this(socket, SecmodClientOptions.DEFAULT, null);
    }

    /** A client for the socket configured in {@code [taler-exchange-secmod-rsa] UNIXPATH}. */
    public static RsaSecmodClient fromConfig(TalerConfig cfg, SecmodClientOptions options) {
        return new RsaSecmodClient(socketPath(cfg, SECTION), options, null);
    }

    @Override
    protected RsaKeyInfo decodeAvail(Frame f) throws ProtocolException {
        return RsaProtocol.parseAvail(f);
    }

    @Override
    protected boolean verifyAvail(RsaKeyInfo key) {
        return key.verifySmSignature();
    }

    @Override
    protected HashCode keyId(RsaKeyInfo key) {
        return key.hRsa();
    }

    @Override
    protected EddsaPublicKey smKeyOf(RsaKeyInfo key) {
        return key.smPublicKey();
    }

    @Override
    protected HashCode decodePurge(Frame f) throws ProtocolException {
        return RsaProtocol.parsePurge(f);
    }

    /** Blind-signs one blinded message with the key {@code hRsa}. */
    public SecmodResult<RsaSignature> sign(HashCode hRsa, byte[] blindedMessage) throws SecmodUnavailableException {
        return single(RsaProtocol.signRequest(new RsaProtocol.SignRequest(hRsa, blindedMessage)),
                RsaProtocol.RES_SIGNATURE, RsaProtocol::parseSignature, RsaProtocol.RES_SIGN_FAILURE);
    }

    /** Blind-signs several messages; the results are in request order. */
    public List<SecmodResult<RsaSignature>> batchSign(List<RsaProtocol.SignRequest> requests)
            throws SecmodUnavailableException {
        return batch(requests, RsaProtocol::signRequest, RsaProtocol.REQ_BATCH_SIGN, RsaProtocol.RES_SIGNATURE,
                RsaProtocol::parseSignature, RsaProtocol.RES_SIGN_FAILURE, RsaProtocol.RES_BATCH_FAILURE);
    }

    /** Asks the helper to revoke the key and announce a replacement (no reply). */
    public void revoke(HashCode hRsa) throws SecmodUnavailableException {
        noReply(RsaProtocol.revoke(hRsa));
    }
}

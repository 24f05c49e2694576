package net.taler.common.secmod.client;

import java.nio.file.Path;
import java.util.List;

import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.CsKeyInfo;
import net.taler.common.secmod.CsProtocol;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.ProtocolException;

/**
 * Client of {@code taler-exchange-secmod-cs}: the announced CS denomination keys by
 * {@code h_cs}, R derivation and blind signing (single and batch), revocation.
 */
public final class CsSecmodClient extends SecmodClient<HashCode, CsKeyInfo> {
    public static final String SECTION = "taler-exchange-secmod-cs";

    public CsSecmodClient(Path socket, SecmodClientOptions options, EddsaPublicKey pinnedSmKey) {
        super(socket, options, pinnedSmKey, CsProtocol.AVAIL, CsProtocol.PURGE, CsProtocol.SYNCED,
                TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE,
                TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_BUG);
    }

    public CsSecmodClient(Path socket) {
        this(socket, SecmodClientOptions.DEFAULT, null);
    }

    /** A client for the socket configured in {@code [taler-exchange-secmod-cs] UNIXPATH}. */
    public static CsSecmodClient fromConfig(TalerConfig cfg, SecmodClientOptions options) {
        return new CsSecmodClient(socketPath(cfg, SECTION), options, null);
    }

    @Override
    protected CsKeyInfo decodeAvail(Frame f) throws ProtocolException {
        return CsProtocol.parseAvail(f);
    }

    @Override
    protected boolean verifyAvail(CsKeyInfo key) {
        return key.verifySmSignature();
    }

    @Override
    protected HashCode keyId(CsKeyInfo key) {
        return key.hCs();
    }

    @Override
    protected EddsaPublicKey smKeyOf(CsKeyInfo key) {
        return key.smPublicKey();
    }

    @Override
    protected HashCode decodePurge(Frame f) throws ProtocolException {
        return CsProtocol.parsePurge(f);
    }

    /** Blind-signs one planchet. */
    public SecmodResult<CsBlindSignature> sign(CsProtocol.SignRequest request) throws SecmodUnavailableException {
        return single(CsProtocol.signRequest(request), CsProtocol.RES_SIGNATURE, CsProtocol::parseSignature,
                CsProtocol.RES_SIGN_FAILURE);
    }

    public List<SecmodResult<CsBlindSignature>> batchSign(List<CsProtocol.SignRequest> requests)
            throws SecmodUnavailableException {
        return batch(requests, CsProtocol::signRequest, CsProtocol.REQ_BATCH_SIGN, CsProtocol.RES_SIGNATURE,
                CsProtocol::parseSignature, CsProtocol.RES_SIGN_FAILURE, CsProtocol.RES_BATCH_SIGN_FAILURE);
    }

    /** The public R pair for a nonce ({@code /csr-withdraw}, {@code /csr-melt}). */
    public SecmodResult<CsRPublicPair> deriveR(CsProtocol.RDeriveRequest request) throws SecmodUnavailableException {
        return single(CsProtocol.rDeriveRequest(request), CsProtocol.RES_RDERIVE, CsProtocol::parseRDerive,
                CsProtocol.RES_RDERIVE_FAILURE);
    }

    public List<SecmodResult<CsRPublicPair>> batchDeriveR(List<CsProtocol.RDeriveRequest> requests)
            throws SecmodUnavailableException {
        return batch(requests, CsProtocol::rDeriveRequest, CsProtocol.REQ_BATCH_RDERIVE, CsProtocol.RES_RDERIVE,
                CsProtocol::parseRDerive, CsProtocol.RES_RDERIVE_FAILURE, CsProtocol.RES_BATCH_RDERIVE_FAILURE);
    }

    public void revoke(HashCode hCs) throws SecmodUnavailableException {
        noReply(CsProtocol.revoke(hCs));
    }
}

package net.taler.secmod.rsa;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.crypto.rsa.RsaBlinding;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.MessageSink;
import net.taler.common.secmod.ProtocolException;
import net.taler.common.secmod.RsaProtocol;
import net.taler.secmod.server.Batches;
import net.taler.secmod.server.KeyRing;
import net.taler.secmod.server.ManagedKey;
import net.taler.secmod.server.RequestHandler;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.time.Timestamp;

/** REQ_SIGN, REQ_BATCH_SIGN and REQ_REVOKE of the RSA helper (secmod.md 5.4). */
final class RsaRequestHandler implements RequestHandler {
    private static final Logger LOG = Logger.getLogger(RsaRequestHandler.class.getName());
    private static final byte[] BATCH_FAILURE =
            RsaProtocol.batchFailure(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE.code());

    private final KeyRing<RsaPrivateKey> ring;
    private final ExecutorService workers;
    private final Clock clock;

    RsaRequestHandler(SecmodCore.Context<RsaPrivateKey> ctx) {
        this.ring = ctx.ring();
        this.workers = ctx.workers();
        this.clock = ctx.clock();
    }

    @Override
    public void handle(Frame request, MessageSink out) throws IOException {
        switch (request.type()) {
            case RsaProtocol.REQ_SIGN -> out.send(sign(RsaProtocol.parseSignRequest(request)));
            case RsaProtocol.REQ_BATCH_SIGN -> Batches.run(request, RsaProtocol.REQ_SIGN,
                    RsaProtocol::parseSignRequest, this::sign, RsaProtocol::signFailure, BATCH_FAILURE, workers, out);
            case RsaProtocol.REQ_REVOKE -> ring.revoke(RsaProtocol.parseRevoke(request));
            default -> throw new ProtocolException("unexpected message type " + request.type());
        }
    }

    private byte[] sign(RsaProtocol.SignRequest req) {
        ManagedKey<RsaPrivateKey> key = ring.lookup(req.hRsa());
        if (key == null) {
            return RsaProtocol.signFailure(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN.code());
        }
        if (key.anchor().isAfter(Timestamp.now(clock))) {
            return RsaProtocol.signFailure(TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_TOO_EARLY.code());
        }
        try {
            return RsaProtocol.signature(RsaBlinding.sign(key.key(), req.blindedMessage()));
        } catch (IllegalArgumentException e) {
            LOG.info("refusing to sign: " + e.getMessage());
            return RsaProtocol.signFailure(TalerErrorCode.GENERIC_PARAMETER_MALFORMED.code());
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "RSA signing failed", e);
            return RsaProtocol.signFailure(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE.code());
        }
    }
}

package net.taler.secmod.cs;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.IntFunction;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.CsProtocol;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.MessageSink;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;
import net.taler.secmod.server.Batches;
import net.taler.secmod.server.KeyRing;
import net.taler.secmod.server.ManagedKey;
import net.taler.secmod.server.RequestHandler;
import net.taler.secmod.server.SecmodCore;
import net.taler.common.time.Timestamp;

/** Signing, R derivation (single and batch) and revocation of the CS helper (secmod.md 5.4). */
final class CsRequestHandler implements RequestHandler {
    private static final Logger LOG = Logger.getLogger(CsRequestHandler.class.getName());
    private static final int INVARIANT = TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE.code();
    private static final IntFunction<byte[]> SIGN_FAILURE = ec -> Messages.failure(CsProtocol.RES_SIGN_FAILURE, ec);
    private static final IntFunction<byte[]> DERIVE_FAILURE =
            ec -> Messages.failure(CsProtocol.RES_RDERIVE_FAILURE, ec);
    private static final byte[] BATCH_SIGN_FAILURE = Messages.failure(CsProtocol.RES_BATCH_SIGN_FAILURE, INVARIANT);
    private static final byte[] BATCH_DERIVE_FAILURE =
            Messages.failure(CsProtocol.RES_BATCH_RDERIVE_FAILURE, INVARIANT);

    private final KeyRing<CsPrivateKey> ring;
    private final ExecutorService workers;
    private final Clock clock;

    CsRequestHandler(SecmodCore.Context<CsPrivateKey> ctx) {
        this.ring = ctx.ring();
        this.workers = ctx.workers();
        this.clock = ctx.clock();
    }

    @Override
    public void handle(Frame request, MessageSink out) throws IOException {
        switch (request.type()) {
            case CsProtocol.REQ_SIGN -> out.send(sign(CsProtocol.parseSignRequest(request)));
            case CsProtocol.REQ_BATCH_SIGN -> Batches.run(request, CsProtocol.REQ_SIGN, CsProtocol::parseSignRequest,
                    this::sign, SIGN_FAILURE, BATCH_SIGN_FAILURE, workers, out);
            case CsProtocol.REQ_RDERIVE -> out.send(derive(CsProtocol.parseRDeriveRequest(request)));
            case CsProtocol.REQ_BATCH_RDERIVE -> Batches.run(request, CsProtocol.REQ_RDERIVE,
                    CsProtocol::parseRDeriveRequest, this::derive, DERIVE_FAILURE, BATCH_DERIVE_FAILURE, workers, out);
            case CsProtocol.REQ_REVOKE -> ring.revoke(CsProtocol.parseRevoke(request));
            default -> throw new ProtocolException("unexpected message type " + request.type());
        }
    }

    /** The key if usable now, else the failure code. */
    private Object usableKey(HashCode hCs) {
        ManagedKey<CsPrivateKey> key = ring.lookup(hCs);
        if (key == null) {
            return TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN.code();
        }
        if (key.anchor().isAfter(Timestamp.now(clock))) {
            return TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_TOO_EARLY.code();
        }
        return key.key();
    }

    private byte[] sign(CsProtocol.SignRequest req) {
        Object k = usableKey(req.hCs());
        if (k instanceof Integer ec) {
            return SIGN_FAILURE.apply(ec);
        }
        try {
            return CsProtocol.signature(Cs.sign((CsPrivateKey) k, req.planchet(), req.forMelt()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CS signing failed", e);
            return SIGN_FAILURE.apply(INVARIANT);
        }
    }

    private byte[] derive(CsProtocol.RDeriveRequest req) {
        Object k = usableKey(req.hCs());
        if (k instanceof Integer ec) {
            return DERIVE_FAILURE.apply(ec);
        }
        try {
            return CsProtocol.rDerive(Cs.deriveRPublic((CsPrivateKey) k, req.nonce(), req.forMelt()));
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "CS R derivation failed", e);
            return DERIVE_FAILURE.apply(INVARIANT);
        }
    }
}

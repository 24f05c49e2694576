package net.taler.secmod.eddsa;

import java.io.IOException;
import java.time.Clock;

import net.taler.common.crypto.Eddsa;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.secmod.EddsaProtocol;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.MessageSink;
import net.taler.common.secmod.ProtocolException;
import net.taler.secmod.server.KeyRing;
import net.taler.secmod.server.ManagedKey;
import net.taler.secmod.server.RequestHandler;
import net.taler.secmod.server.SecmodCore;
import net.taler.secmod.server.Series;
import net.taler.common.time.Timestamp;

/** REQ_SIGN and REQ_REVOKE of the EdDSA helper (secmod.md 5.4). */
final class EddsaRequestHandler implements RequestHandler {
    private final KeyRing<EddsaPrivateKey> ring;
    private final Series<EddsaPrivateKey> series;
    private final Clock clock;

    EddsaRequestHandler(SecmodCore.Context<EddsaPrivateKey> ctx, Series<EddsaPrivateKey> series) {
        this.ring = ctx.ring();
        this.series = series;
        this.clock = ctx.clock();
    }

    @Override
    public void handle(Frame request, MessageSink out) throws IOException {
        switch (request.type()) {
            case EddsaProtocol.REQ_SIGN -> out.send(sign(EddsaProtocol.parseSignRequest(request)));
            case EddsaProtocol.REQ_REVOKE -> ring.revoke(EddsaProtocol.parseRevoke(request));
            default -> throw new ProtocolException("unexpected message type " + request.type());
        }
    }

    private byte[] sign(byte[] block) {
        PurposeBlock purpose;
        try {
            purpose = PurposeBlock.parse(block);
        } catch (IllegalArgumentException e) {
            return EddsaProtocol.signFailure(TalerErrorCode.GENERIC_PARAMETER_MALFORMED.code());
        }
        ManagedKey<EddsaPrivateKey> key = ring.oldestValid(series, Timestamp.now(clock));
        if (key == null) {
            return EddsaProtocol.signFailure(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING.code());
        }
        EddsaPrivateKey priv = key.key();
        return EddsaProtocol.signature(new EddsaProtocol.Signed(priv.publicKey(), Eddsa.sign(priv, purpose)));
    }
}

package net.taler.httpd.withdraw;

import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.HashCode;
import net.taler.db.reserve.ReserveRepository;

/** The success bodies of the withdraw endpoints, and the signature stored for an envelope. */
final class WithdrawReplies {
    private WithdrawReplies() {
    }

    /** {@code {"ev_sig": ...}} (single withdrawal). */
    static ObjectNode evSig(BlindSignature s) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("ev_sig", CoinJson.blindSignature(s));
        return o;
    }

    /** {@code {"ev_sigs": [{"ev_sig": ...}, ...]}} (batch withdrawal, in request order). */
    static ObjectNode evSigs(List<BlindSignature> sigs) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode evs = o.putArray("ev_sigs");
        sigs.forEach(s -> evs.add(evSig(s)));
        return o;
    }

    /** The signature stored for an envelope withdrawn before, if any (the idempotent answer). */
    static Optional<BlindSignature> stored(ReserveRepository reserves, HashCode hBlindEv) {
        return reserves.getWithdrawal(hBlindEv).map(w -> CoinJson.decode(w.denomSig()));
    }
}

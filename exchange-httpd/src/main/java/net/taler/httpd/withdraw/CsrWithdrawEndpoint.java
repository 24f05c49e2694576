package net.taler.httpd.withdraw;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.json.JsonFields;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.time.Timestamp;
import net.taler.common.keys.Denomination;
import net.taler.httpd.OperationContext;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.denom.DenominationLookup;
import net.taler.httpd.keys.KeyState;

/**
 * {@code POST /csr-withdraw} (exchange-api.md 3.4): the exchange's public R pair for a
 * Clause-Schnorr withdrawal nonce. A pure function of nonce and key, so repeats are harmless.
 */
public final class CsrWithdrawEndpoint {
    private final OperationContext ctx;
    private final DenominationLookup denominations;
    private final BlindSigner signer;

    public CsrWithdrawEndpoint(OperationContext ctx, DenominationLookup denominations, BlindSigner signer) {
        this.ctx = ctx;
        this.denominations = denominations;
        this.signer = signer;
    }

    public Reply handle(Request r) {
        JsonFields f = new JsonFields(r.jsonBody(), ctx.settings().currency());
        CsNonce nonce = f.base32("nonce", CsNonce::fromBase32);
        HashCode h = f.base32("denom_pub_hash", HashCode::fromBase32);
        Timestamp now = ctx.now();
        KeyState ks = ctx.keyState();
        Denomination d = denominations.require(ks, h, DenominationLookup.Use.WITHDRAW,
                DenominationExpired.OP_CSR_WITHDRAW, now);
        if (!d.isCs()) {
            throw denominations.signedUnknown(
                    TalerErrorCode.EXCHANGE_GENERIC_INVALID_DENOMINATION_CIPHER_FOR_OPERATION, h, now);
        }
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("ewv", CoinJson.withdrawValues(signer.deriveR(ks.helperHash(d), nonce, false)));
        return Reply.json(200, o);
    }
}

package net.taler.httpd.withdraw;

import java.time.Clock;

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
import net.taler.httpd.ExchangeSettings;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.denom.DenominationLookup;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.keys.KeyStateService;

/**
 * {@code POST /csr-withdraw} (exchange-api.md 3.4): the exchange's public R pair for a
 * Clause-Schnorr withdrawal nonce. A pure function of nonce and key, so repeats are harmless.
 */
public final class CsrWithdrawEndpoint {
    private final ExchangeSettings settings;
    private final Clock clock;
    private final KeyStateService keys;
    private final DenominationLookup denominations;
    private final BlindSigner signer;

    public CsrWithdrawEndpoint(ExchangeSettings settings, Clock clock, KeyStateService keys,
            DenominationLookup denominations, BlindSigner signer) {
        this.settings = settings;
        this.clock = clock;
        this.keys = keys;
        this.denominations = denominations;
        this.signer = signer;
    }

    public Reply handle(Request r) {
        // 1. parse
        JsonFields f = new JsonFields(r.jsonBody(), settings.currency());
        CsNonce nonce = f.base32("nonce", CsNonce::fromBase32);
        HashCode h = f.base32("denom_pub_hash", HashCode::fromBase32);
        Timestamp now = Timestamp.now(clock).roundedToSeconds();
        // 2. check against the key state this request started with
        KeyState ks = keys.snapshot();
        Denomination d = denominations.require(ks, h, DenominationLookup.Use.WITHDRAW,
                DenominationExpired.OP_CSR_WITHDRAW, now);
        if (!d.isCs()) {
            throw denominations.signedUnknown(
                    TalerErrorCode.EXCHANGE_GENERIC_INVALID_DENOMINATION_CIPHER_FOR_OPERATION, h, now);
        }
        // 3. sign (derive R; nothing is stored, so no repository call) and 5. reply
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.set("ewv", CoinJson.withdrawValues(signer.deriveR(ks.helperHash(d), nonce, false)));
        return Reply.json(200, o);
    }
}

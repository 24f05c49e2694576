package net.taler.httpd.withdraw;

import java.util.List;
import java.util.Optional;

import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.time.Timestamp;
import net.taler.db.reserve.ReserveRepository;
import net.taler.httpd.OperationContext;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.reserve.ReserveStatusEndpoint;

/**
 * {@code POST /reserves/$RESERVE_PUB/withdraw} (exchange-api.md 3.2). Idempotent per envelope:
 * an envelope signed before gets its stored signature again, without a second debit, even
 * after its denomination expired or was revoked.
 */
public final class WithdrawEndpoint {
    private final WithdrawService service;

    public WithdrawEndpoint(WithdrawService service) {
        this.service = service;
    }

    public Reply handle(Request r) {
        EddsaPublicKey reservePub = ReserveStatusEndpoint.reservePub(r);
        OperationContext ctx = service.context();
        WithdrawPlanchet p = WithdrawPlanchet.parse(r.jsonBody(), ctx.settings().currency());
        Timestamp now = ctx.now();
        WithdrawService.Checked c;
        try {
            KeyState ks = ctx.keyState();
            c = service.check(ks, reservePub, p, now);
        } catch (TalerErrorException e) {
            if (repeatable(e.errorCode())) {
                Optional<BlindSignature> old = service.storedSignature(p.hBlindEv());
                if (old.isPresent()) {
                    return Reply.json(200, WithdrawService.evSig(old.get()));
                }
            }
            throw e;
        }
        BlindSignature sig = service.signer().sign(List.of(c.signItem()), false).get(0);
        var res = ctx.reserves().withdraw(new ReserveRepository.Withdraw(reservePub, p.hBlindEv(),
                c.denomination().serial(), CoinJson.encode(sig), p.reserveSig(), c.amountWithFee(), now,
                service.minReserveGc(now), p.csNonce()));
        switch (res.status()) {
            case DONE:
                return Reply.json(200, WithdrawService.evSig(sig));
            case REPLAY:
                // Return what was stored: the first answer is the one the wallet may already hold.
                return Reply.json(200, WithdrawService.evSig(service.storedSignature(p.hBlindEv()).orElse(sig)));
            case RESERVE_UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN, null);
            case INSUFFICIENT_BALANCE:
                throw service.insufficientFunds(reservePub, res.balance(), c.amountWithFee());
            case NONCE_REUSE:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE, null);
            default:
                throw new IllegalStateException("unexpected status " + res.status());
        }
    }

    /** Refusals after which a stored signature for the envelope still answers the request. */
    private static boolean repeatable(TalerErrorCode code) {
        return code == TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING
                || code == TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN
                || code == TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_EXPIRED
                || code == TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_REVOKED;
    }
}

package net.taler.httpd.withdraw;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.time.Timestamp;
import net.taler.common.wallet.WithdrawPlanchet;
import net.taler.db.reserve.ReserveRepository;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.httpd.ExchangeSettings;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.reserve.InsufficientFunds;
import net.taler.httpd.reserve.ReserveStatusEndpoint;

/**
 * {@code POST /reserves/$RESERVE_PUB/withdraw} (exchange-api.md 3.2). Idempotent per envelope:
 * an envelope signed before gets its stored signature again, without a second debit, even
 * after its denomination expired or was revoked.
 */
public final class WithdrawEndpoint {
    private final ExchangeSettings settings;
    private final Clock clock;
    private final KeyStateService keys;
    private final WithdrawChecks checks;
    private final BlindSigner signer;
    private final ReserveRepository reserves;
    private final InsufficientFunds insufficientFunds;

    public WithdrawEndpoint(ExchangeSettings settings, Clock clock, KeyStateService keys, WithdrawChecks checks,
            BlindSigner signer, ReserveRepository reserves, InsufficientFunds insufficientFunds) {
        this.settings = settings;
        this.clock = clock;
        this.keys = keys;
        this.checks = checks;
        this.signer = signer;
        this.reserves = reserves;
        this.insufficientFunds = insufficientFunds;
    }

    public Reply handle(Request r) {
        // 1. parse
        EddsaPublicKey reservePub = ReserveStatusEndpoint.reservePub(r);
        WithdrawPlanchet p = WithdrawPlanchet.parse(r.jsonBody());
        Timestamp now = Timestamp.now(clock).roundedToSeconds();
        // 2. check against the key state this request started with
        WithdrawChecks.Checked c;
        try {
            KeyState ks = keys.snapshot();
            c = checks.check(ks, reservePub, p, now);
        } catch (TalerErrorException e) {
            if (repeatable(e.errorCode())) {
                Optional<BlindSignature> old = WithdrawReplies.stored(reserves, p.hBlindEv());
                if (old.isPresent()) {
                    return Reply.json(200, WithdrawReplies.evSig(old.get()));
                }
            }
            throw e;
        }
        // 3. cheap read-only look-up before any signing, so a request that cannot succeed (unknown
        //    or empty reserve) costs no signature; a repeat is answered with what was stored
        ReserveRepository.WithdrawPrecheck pre = reserves.precheck(reservePub, p.hBlindEv());
        if (pre.storedSignature() != null) {
            return Reply.json(200, WithdrawReplies.evSig(CoinJson.decode(pre.storedSignature())));
        }
        if (!pre.reserveKnown()) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN, null);
        }
        if (!pre.canPay(c.amountWithFee())) {
            throw insufficientFunds.refusal(reservePub, pre.balance(), c.amountWithFee());
        }
        // 4. sign
        BlindSignature sig = signer.sign(List.of(c.signItem()), false).get(0);
        // 5. one repository call: debit and record (re-checking all of the above in its
        //    transaction), or recognize a repeat that raced us
        var res = reserves.withdraw(new ReserveRepository.Withdraw(reservePub, p.hBlindEv(),
                c.denomination().serial(), CoinJson.encode(sig), p.reserveSig(), c.amountWithFee(), now,
                now.plus(settings.legalReserveExpiration()), p.csNonce()));
        // 6. reply
        switch (res.status()) {
            case DONE:
                return Reply.json(200, WithdrawReplies.evSig(sig));
            case REPLAY:
                // Return what was stored: the first answer is the one the wallet may already hold.
                return Reply.json(200, WithdrawReplies.evSig(WithdrawReplies.stored(reserves, p.hBlindEv()).orElse(sig)));
            case RESERVE_UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN, null);
            case INSUFFICIENT_BALANCE:
                throw insufficientFunds.refusal(reservePub, res.balance(), c.amountWithFee());
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

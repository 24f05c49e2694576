package net.taler.httpd.withdraw;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.time.Timestamp;
import net.taler.common.wallet.BatchWithdrawRequest;
import net.taler.common.wallet.WithdrawPlanchet;
import net.taler.db.reserve.ReserveRepository;
import net.taler.httpd.ExchangeSettings;
import net.taler.httpd.denom.BlindSigner;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.reserve.InsufficientFunds;
import net.taler.httpd.reserve.ReserveStatusEndpoint;

/**
 * {@code POST /reserves/$RESERVE_PUB/batch-withdraw} (exchange-api.md 3.3): 1 to 256
 * planchets, checked one by one (the first failure refuses the batch), signed in one request
 * per security module, and debited together in one transaction. A batch repeating an envelope
 * is refused with 409 (1175), as in this protocol version.
 */
public final class BatchWithdrawEndpoint {
    private final ExchangeSettings settings;
    private final Clock clock;
    private final KeyStateService keys;
    private final WithdrawChecks checks;
    private final BlindSigner signer;
    private final ReserveRepository reserves;
    private final InsufficientFunds insufficientFunds;

    public BatchWithdrawEndpoint(ExchangeSettings settings, Clock clock, KeyStateService keys, WithdrawChecks checks,
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
        // parsed one planchet at a time: the first bad one, malformed or refused, decides
        Iterable<WithdrawPlanchet> planchets = BatchWithdrawRequest.planchets(r.jsonBody());
        Timestamp now = Timestamp.now(clock).roundedToSeconds();
        // 2. check every planchet against the key state this request started with
        KeyState ks = keys.snapshot();
        List<WithdrawChecks.Checked> checked = new ArrayList<>();
        Amount total = null;
        for (WithdrawPlanchet p : planchets) {
            WithdrawChecks.Checked c = checks.check(ks, reservePub, p, now);
            checked.add(c);
            try {
                total = total == null ? c.amountWithFee() : total.add(c.amountWithFee());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_AMOUNT_FEE_OVERFLOW, null);
            }
        }
        // 3. cheap read-only look-up before any signing: an unknown or too poor reserve costs no
        //    signature (repeated envelopes are refused by the procedure, as before)
        ReserveRepository.WithdrawPrecheck pre = reserves.precheck(reservePub, null);
        if (!pre.reserveKnown()) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN, null);
        }
        if (!pre.canPay(total)) {
            throw insufficientFunds.refusal(reservePub, pre.balance(), total);
        }
        // 4. sign (one request per security module)
        List<BlindSignature> sigs = signer.sign(checked.stream().map(WithdrawChecks.Checked::signItem).toList(),
                false);
        // 5. one repository call: all planchets or none (re-checks the balance in its transaction)
        List<ReserveRepository.BatchPlanchet> rows = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            WithdrawChecks.Checked c = checked.get(i);
            rows.add(new ReserveRepository.BatchPlanchet(c.planchet().hBlindEv(), c.denomination().serial(),
                    CoinJson.encode(sigs.get(i)), c.planchet().reserveSig(), c.amountWithFee(),
                    c.planchet().csNonce()));
        }
        var res = reserves.batchWithdraw(reservePub, rows, now, now.plus(settings.legalReserveExpiration()));
        // 6. reply
        switch (res.status()) {
            case DONE:
                return Reply.json(200, WithdrawReplies.evSigs(sigs));
            case PLANCHET_REPLAY:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET,
                        "planchet " + res.index() + " repeats an envelope withdrawn before or earlier in this batch");
            case RESERVE_UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN, null);
            case INSUFFICIENT_BALANCE:
                throw insufficientFunds.refusal(reservePub, res.balance(), total);
            case NONCE_REUSE:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE,
                        "planchet " + res.index()).withHttpStatus(400);
            default:
                throw new IllegalStateException("unexpected status " + res.status());
        }
    }
}

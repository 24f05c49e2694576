package net.taler.httpd.withdraw;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.amount.Amount;
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
 * {@code POST /reserves/$RESERVE_PUB/batch-withdraw} (exchange-api.md 3.3): 1 to 256
 * planchets, checked one by one (the first failure refuses the batch), signed in one request
 * per security module, and debited together in one transaction. A batch repeating an envelope
 * is refused with 409 (1175), as in this protocol version.
 */
public final class BatchWithdrawEndpoint {
    private final WithdrawService service;

    public BatchWithdrawEndpoint(WithdrawService service) {
        this.service = service;
    }

    public Reply handle(Request r) {
        EddsaPublicKey reservePub = ReserveStatusEndpoint.reservePub(r);
        OperationContext ctx = service.context();
        JsonNode body = r.jsonBody();
        JsonNode arr = body == null ? null : body.get("planchets");
        if (arr == null || !arr.isArray() || arr.isEmpty() || arr.size() > ReserveRepository.MAX_WITHDRAW_BATCH) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED,
                    "planchets: 1 to " + ReserveRepository.MAX_WITHDRAW_BATCH + " entries expected")
                    .withHttpStatus(400);
        }
        Timestamp now = ctx.now();
        KeyState ks = ctx.keyState();
        List<WithdrawService.Checked> checked = new ArrayList<>(arr.size());
        Amount total = null;
        for (JsonNode n : arr) {
            WithdrawService.Checked c = service.check(ks, reservePub,
                    WithdrawPlanchet.parse(n, ctx.settings().currency()), now);
            checked.add(c);
            try {
                total = total == null ? c.amountWithFee() : total.add(c.amountWithFee());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_AMOUNT_FEE_OVERFLOW, null);
            }
        }
        List<BlindSignature> sigs = service.signer().sign(checked.stream().map(WithdrawService.Checked::signItem)
                .toList(), false);
        List<ReserveRepository.BatchPlanchet> rows = new ArrayList<>(checked.size());
        for (int i = 0; i < checked.size(); i++) {
            WithdrawService.Checked c = checked.get(i);
            rows.add(new ReserveRepository.BatchPlanchet(c.planchet().hBlindEv(), c.denomination().serial(),
                    CoinJson.encode(sigs.get(i)), c.planchet().reserveSig(), c.amountWithFee(),
                    c.planchet().csNonce()));
        }
        var res = ctx.reserves().batchWithdraw(reservePub, rows, now, service.minReserveGc(now));
        switch (res.status()) {
            case DONE:
                ObjectNode o = JsonNodeFactory.instance.objectNode();
                ArrayNode evs = o.putArray("ev_sigs");
                sigs.forEach(s -> evs.add(WithdrawService.evSig(s)));
                return Reply.json(200, o);
            case PLANCHET_REPLAY:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET,
                        "planchet " + res.index() + " repeats an envelope withdrawn before or earlier in this batch");
            case RESERVE_UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN, null);
            case INSUFFICIENT_BALANCE:
                throw service.insufficientFunds(reservePub, res.balance(), total);
            case NONCE_REUSE:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE,
                        "planchet " + res.index()).withHttpStatus(400);
            default:
                throw new IllegalStateException("unexpected status " + res.status());
        }
    }
}

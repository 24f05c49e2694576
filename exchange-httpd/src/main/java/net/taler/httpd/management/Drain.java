package net.taler.httpd.management;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.payto.Payto;
import net.taler.common.sig.master.DrainProfit;
import net.taler.common.time.Timestamp;
import net.taler.db.management.FeeOutcome;

/** {@code POST /management/drain}: a master-signed order to move profits out (executed by taler-exchange-drain). */
public final class Drain {
    private final ManagementContext ctx;

    public Drain(ManagementContext ctx) {
        this.ctx = ctx;
    }

    public Reply post(Request r) {
        JsonFields b = ctx.body(r);
        String section = b.string("debit_account_section");
        String payto = b.string("credit_payto_uri");
        if (Payto.validate(payto).isPresent()) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PAYTO_URI_MALFORMED, Payto.validate(payto).get())
                    .withField("field", "credit_payto_uri");
        }
        WireTransferId wtid = b.base32("wtid", WireTransferId::fromBase32);
        Timestamp date = b.timestamp("date");
        Amount amount = b.amount("amount");
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        if (!DrainProfit.of(wtid, date, amount, section, payto).verify(ctx.settings().masterPub(), sig)) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_DRAIN_PROFITS_SIGNATURE_INVALID);
        }
        if (ctx.drains().insertDrain(wtid.bytes(), section, payto, date, amount, sig) == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_DB_INVARIANT_FAILURE,
                    "another drain with this wire transfer identifier exists").withHttpStatus(409);
        }
        return Reply.noContent();
    }
}

package net.taler.httpd.management;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.WireFee;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.WireFees;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import net.taler.db.management.FeeOutcome;

/**
 * {@code POST /management/wire-fee} and {@code POST /management/global-fee}: an identical upload
 * is accepted again (204), different fees for an overlapping period are a conflict (409).
 */
public final class Fees {
    private final ManagementContext ctx;

    public Fees(ManagementContext ctx) {
        this.ctx = ctx;
    }

    public Reply wireFee(Request r) {
        JsonFields b = ctx.body(r);
        String method = b.string("wire_method");
        Timestamp start = b.timestamp("fee_start");
        Timestamp end = b.timestamp("fee_end");
        Amount wireFee = b.amount("wire_fee");
        Amount closingFee = b.amount("closing_fee");
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        requirePeriod(start, end);
        if (!WireFees.forMethod(method, start, end, wireFee, closingFee).verify(ctx.settings().masterPub(), sig)) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_FEE_SIGNATURE_INVALID);
        }
        FeeOutcome o = ctx.fees().insertWireFee(new WireFee(method, start, end, wireFee, closingFee, sig));
        if (o == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_FEE_MISMATCH,
                    "other wire fees are stored for (part of) this period");
        }
        if (o == FeeOutcome.INSERTED) {
            ctx.refresh();
        }
        return Reply.noContent();
    }

    public Reply globalFee(Request r) {
        JsonFields b = ctx.body(r);
        Timestamp start = b.timestamp("fee_start");
        Timestamp end = b.timestamp("fee_end");
        Amount history = b.amount("history_fee");
        Amount account = b.amount("account_fee");
        Amount purse = b.amount("purse_fee");
        RelativeTime purseTimeout = b.relativeTime("purse_timeout");
        RelativeTime historyExpiration = b.relativeTime("history_expiration");
        int limit = (int) b.integer("purse_account_limit", 0xFFFFFFFFL) ;
        EddsaSignature sig = b.base32("master_sig", EddsaSignature::fromBase32);
        requirePeriod(start, end);
        if (!new GlobalFees(start, end, purseTimeout, historyExpiration, history, account, purse, limit)
                .verify(ctx.settings().masterPub(), sig)) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_GLOBAL_FEE_SIGNATURE_INVALID);
        }
        FeeOutcome o = ctx.fees().insertGlobalFee(new GlobalFee(start, end, history, account, purse, purseTimeout,
                historyExpiration, limit, sig));
        if (o == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_GLOBAL_FEE_MISMATCH,
                    "other global fees are stored for (part of) this period");
        }
        if (o == FeeOutcome.INSERTED) {
            ctx.refresh();
        }
        return Reply.noContent();
    }

    private static void requirePeriod(Timestamp start, Timestamp end) {
        if (!start.isBefore(end) || start.isNever()) {
            throw JsonFields.invalid("fee_end", "the fee period must end after it starts");
        }
    }
}

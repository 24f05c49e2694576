package net.taler.httpd.management;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.management.GlobalFeeSet;
import net.taler.common.management.WireFeeSet;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.keys.GlobalFee;
import net.taler.common.keys.WireFee;
import net.taler.common.sig.master.GlobalFees;
import net.taler.common.sig.master.WireFees;
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
        WireFeeSet b = WireFeeSet.parse(r.jsonBody(), ctx.settings().currency());
        if (!WireFees.forMethod(b.wireMethod(), b.feeStart(), b.feeEnd(), b.wireFee(), b.closingFee())
                .verify(ctx.settings().masterPub(), b.masterSig())) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_FEE_SIGNATURE_INVALID);
        }
        FeeOutcome o = ctx.fees().insertWireFee(new WireFee(b.wireMethod(), b.feeStart(), b.feeEnd(), b.wireFee(),
                b.closingFee(), b.masterSig()));
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
        GlobalFeeSet b = GlobalFeeSet.parse(r.jsonBody(), ctx.settings().currency());
        int limit = (int) b.purseAccountLimit();
        if (!new GlobalFees(b.feeStart(), b.feeEnd(), b.purseTimeout(), b.historyExpiration(), b.historyFee(),
                b.accountFee(), b.purseFee(), limit).verify(ctx.settings().masterPub(), b.masterSig())) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_GLOBAL_FEE_SIGNATURE_INVALID);
        }
        FeeOutcome o = ctx.fees().insertGlobalFee(new GlobalFee(b.feeStart(), b.feeEnd(), b.historyFee(),
                b.accountFee(), b.purseFee(), b.purseTimeout(), b.historyExpiration(), limit, b.masterSig()));
        if (o == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_GLOBAL_FEE_MISMATCH,
                    "other global fees are stored for (part of) this period");
        }
        if (o == FeeOutcome.INSERTED) {
            ctx.refresh();
        }
        return Reply.noContent();
    }
}

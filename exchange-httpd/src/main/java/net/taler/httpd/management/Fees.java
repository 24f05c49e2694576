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
import net.taler.httpd.ExchangeSettings;
import net.taler.db.fees.FeeRepository;
import net.taler.httpd.keys.KeyStateService;

/**
 * {@code POST /management/wire-fee} and {@code POST /management/global-fee}: an identical upload
 * is accepted again (204), different fees for an overlapping period are a conflict (409).
 */
public final class Fees {
    private final ExchangeSettings settings;
    private final FeeRepository fees;
    private final KeyStateService keys;

    public Fees(ExchangeSettings settings, FeeRepository fees, KeyStateService keys) {
        this.settings = settings;
        this.fees = fees;
        this.keys = keys;    }

    public Reply wireFee(Request r) {
        WireFeeSet b = WireFeeSet.parse(r.jsonBody(), settings.currency());
        if (!WireFees.forMethod(b.wireMethod(), b.feeStart(), b.feeEnd(), b.wireFee(), b.closingFee())
                .verify(settings.masterPub(), b.masterSig())) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_FEE_SIGNATURE_INVALID);
        }
        FeeOutcome o = fees.insertWireFee(new WireFee(b.wireMethod(), b.feeStart(), b.feeEnd(), b.wireFee(),
                b.closingFee(), b.masterSig()));
        if (o == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_FEE_MISMATCH,
                    "other wire fees are stored for (part of) this period");
        }
        if (o == FeeOutcome.INSERTED) {
            keys.refreshAfterUpload();
        }
        return Reply.noContent();
    }

    public Reply globalFee(Request r) {
        GlobalFeeSet b = GlobalFeeSet.parse(r.jsonBody(), settings.currency());
        int limit = (int) b.purseAccountLimit();
        if (!new GlobalFees(b.feeStart(), b.feeEnd(), b.purseTimeout(), b.historyExpiration(), b.historyFee(),
                b.accountFee(), b.purseFee(), limit).verify(settings.masterPub(), b.masterSig())) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_GLOBAL_FEE_SIGNATURE_INVALID);
        }
        FeeOutcome o = fees.insertGlobalFee(new GlobalFee(b.feeStart(), b.feeEnd(), b.historyFee(),
                b.accountFee(), b.purseFee(), b.purseTimeout(), b.historyExpiration(), limit, b.masterSig()));
        if (o == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_GLOBAL_FEE_MISMATCH,
                    "other global fees are stored for (part of) this period");
        }
        if (o == FeeOutcome.INSERTED) {
            keys.refreshAfterUpload();
        }
        return Reply.noContent();
    }
}

package net.taler.httpd.management;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.management.DrainRequest;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.sig.master.DrainProfit;
import net.taler.db.management.FeeOutcome;
import net.taler.httpd.ExchangeSettings;
import net.taler.db.drain.DrainRepository;

/** {@code POST /management/drain}: a master-signed order to move profits out (executed by taler-exchange-drain). */
public final class Drain {
    private final ExchangeSettings settings;
    private final DrainRepository drains;

    public Drain(ExchangeSettings settings, DrainRepository drains) {
        this.settings = settings;
        this.drains = drains;    }

    public Reply post(Request r) {
        DrainRequest b = DrainRequest.parse(r.jsonBody(), settings.currency());
        if (!DrainProfit.of(b.wtid(), b.date(), b.amount(), b.debitAccountSection(), b.creditPaytoUri())
                .verify(settings.masterPub(), b.masterSig())) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_DRAIN_PROFITS_SIGNATURE_INVALID);
        }
        if (drains.insertDrain(b.wtid().bytes(), b.debitAccountSection(), b.creditPaytoUri(), b.date(),
                b.amount(), b.masterSig()) == FeeOutcome.CONFLICT) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_DB_INVARIANT_FAILURE,
                    "another drain with this wire transfer identifier exists").withHttpStatus(409);
        }
        return Reply.noContent();
    }
}

package net.taler.httpd.management;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.payto.Payto;
import net.taler.common.sig.master.AddWire;
import net.taler.common.sig.master.DelWire;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.time.Timestamp;

/** {@code POST /management/wire} and {@code POST /management/wire/disable} (operations.md 3.3). */
public final class WireAccounts {
    private final ManagementContext ctx;

    public WireAccounts(ManagementContext ctx) {
        this.ctx = ctx;
    }

    public Reply enable(Request r) {
        JsonFields b = ctx.body(r);
        String payto = payto(b);
        EddsaSignature sigAdd = b.base32("master_sig_add", EddsaSignature::fromBase32);
        EddsaSignature sigWire = b.base32("master_sig_wire", EddsaSignature::fromBase32);
        Timestamp start = b.timestamp("validity_start");
        if (!AddWire.forPayto(start, payto).verify(ctx.settings().masterPub(), sigAdd)) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_ADD_SIGNATURE_INVALID);
        }
        if (!WireDetails.forPayto(payto).verify(ctx.settings().masterPub(), sigWire)) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_DETAILS_SIGNATURE_INVALID);
        }
        switch (ctx.wireAccounts().enableWire(payto, sigWire, start)) {
            case MORE_RECENT_PRESENT:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_MORE_RECENT_PRESENT, payto);
            default:
                break;
        }
        ctx.refresh();
        return Reply.noContent();
    }

    public Reply disable(Request r) {
        JsonFields b = ctx.body(r);
        String payto = payto(b);
        EddsaSignature sig = b.base32("master_sig_del", EddsaSignature::fromBase32);
        Timestamp end = b.timestamp("validity_end");
        if (!DelWire.forPayto(end, payto).verify(ctx.settings().masterPub(), sig)) {
            throw ManagementContext.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_DEL_SIGNATURE_INVALID);
        }
        switch (ctx.wireAccounts().disableWire(payto, end)) {
            case UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_NOT_FOUND, payto);
            case MORE_RECENT_PRESENT:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_MORE_RECENT_PRESENT, payto);
            default:
                break;
        }
        ctx.refresh();
        return Reply.noContent();
    }

    private static String payto(JsonFields b) {
        String payto = b.string("payto_uri");
        if (Payto.validate(payto).isPresent()) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PAYTO_URI_MALFORMED, Payto.validate(payto).get())
                    .withField("field", "payto_uri");
        }
        return payto;
    }
}

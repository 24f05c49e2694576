package net.taler.httpd.management;

import net.taler.common.crypto.EddsaSignature;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.management.WireDisable;
import net.taler.common.management.WireEnable;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.sig.master.AddWire;
import net.taler.common.sig.master.DelWire;
import net.taler.common.sig.master.WireDetails;
import net.taler.common.time.Timestamp;
import net.taler.httpd.ExchangeSettings;
import net.taler.db.wire.WireAccountRepository;
import net.taler.httpd.keys.KeyStateService;

/** {@code POST /management/wire} and {@code POST /management/wire/disable} (operations.md 3.3). */
public final class WireAccounts {
    private final ExchangeSettings settings;
    private final WireAccountRepository wireAccounts;
    private final KeyStateService keys;

    public WireAccounts(ExchangeSettings settings, WireAccountRepository wireAccounts, KeyStateService keys) {
        this.settings = settings;
        this.wireAccounts = wireAccounts;
        this.keys = keys;    }

    public Reply enable(Request r) {
        WireEnable b = WireEnable.parse(r.jsonBody());
        String payto = b.paytoUri();
        EddsaSignature sigAdd = b.masterSigAdd();
        EddsaSignature sigWire = b.masterSigWire();
        Timestamp start = b.validityStart();
        if (!AddWire.forPayto(start, payto).verify(settings.masterPub(), sigAdd)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_ADD_SIGNATURE_INVALID);
        }
        if (!WireDetails.forPayto(payto).verify(settings.masterPub(), sigWire)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_DETAILS_SIGNATURE_INVALID);
        }
        switch (wireAccounts.enableWire(payto, sigWire, start)) {
            case MORE_RECENT_PRESENT:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_MORE_RECENT_PRESENT, payto);
            default:
                break;
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }

    public Reply disable(Request r) {
        WireDisable b = WireDisable.parse(r.jsonBody());
        String payto = b.paytoUri();
        EddsaSignature sig = b.masterSigDel();
        Timestamp end = b.validityEnd();
        if (!DelWire.forPayto(end, payto).verify(settings.masterPub(), sig)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_DEL_SIGNATURE_INVALID);
        }
        switch (wireAccounts.disableWire(payto, end)) {
            case UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_NOT_FOUND, payto);
            case MORE_RECENT_PRESENT:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_WIRE_MORE_RECENT_PRESENT, payto);
            default:
                break;
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }
}

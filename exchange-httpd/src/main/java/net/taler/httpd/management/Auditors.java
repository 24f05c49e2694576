package net.taler.httpd.management;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.management.AuditorDenominationSignature;
import net.taler.common.management.AuditorDisable;
import net.taler.common.management.AuditorEnable;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.keys.Auditor;
import net.taler.common.keys.Denomination;
import net.taler.common.sig.auditor.AuditorDenominationValidity;
import net.taler.common.sig.master.AddAuditor;
import net.taler.common.sig.master.DelAuditor;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.time.Timestamp;
import net.taler.db.management.Change;
import net.taler.httpd.ExchangeSettings;
import net.taler.db.auditor.AuditorRepository;
import net.taler.db.keys.DenominationRepository;
import net.taler.httpd.keys.KeyStateService;

/**
 * {@code POST /management/auditors}, {@code POST /management/auditors/$AUDITOR_PUB/disable} and
 * the auditor's own {@code POST /auditors/$AUDITOR_PUB/$H_DENOM_PUB} (operations.md 3.3, 5.4).
 */
public final class Auditors {
    private final ExchangeSettings settings;
    private final AuditorRepository auditors;
    private final DenominationRepository denominations;
    private final KeyStateService keys;

    public Auditors(ExchangeSettings settings, AuditorRepository auditors, DenominationRepository denominations, KeyStateService keys) {
        this.settings = settings;
        this.auditors = auditors;
        this.denominations = denominations;
        this.keys = keys;    }

    public Reply enable(Request r) {
        AuditorEnable b = AuditorEnable.parse(r.jsonBody());
        EddsaPublicKey pub = b.auditorPub();
        String url = b.auditorUrl();
        String name = b.auditorName();
        Timestamp start = b.validityStart();
        EddsaSignature sig = b.masterSig();
        if (!AddAuditor.of(start, pub, url).verify(settings.masterPub(), sig)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_AUDITOR_ADD_SIGNATURE_INVALID);
        }
        if (auditors.enableAuditor(pub, url, name, start) == Change.MORE_RECENT_PRESENT) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_AUDITOR_MORE_RECENT_PRESENT,
                    pub.toBase32());
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }

    public Reply disable(Request r) {
        EddsaPublicKey pub = ManagementErrors.pathArg(r, 1, EddsaPublicKey::fromBase32,
                TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        AuditorDisable b = AuditorDisable.parse(pub, r.jsonBody());
        Timestamp end = b.validityEnd();
        EddsaSignature sig = b.masterSig();
        if (!new DelAuditor(end, pub).verify(settings.masterPub(), sig)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_AUDITOR_DEL_SIGNATURE_INVALID);
        }
        switch (auditors.disableAuditor(pub, end)) {
            case UNKNOWN:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_AUDITOR_NOT_FOUND, pub.toBase32());
            case MORE_RECENT_PRESENT:
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_AUDITOR_MORE_RECENT_PRESENT,
                        pub.toBase32());
            default:
                break;
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }

    /** An auditor's signature over one denomination. */
    public Reply denominationSignature(Request r) {
        EddsaPublicKey pub = ManagementErrors.pathArg(r, 0, EddsaPublicKey::fromBase32,
                TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        HashCode h = ManagementErrors.pathArg(r, 1, HashCode::fromBase32, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        EddsaSignature sig = AuditorDenominationSignature.parse(pub, h, r.jsonBody()).auditorSig();
        Auditor a = auditors.auditor(pub).orElseThrow(
                () -> new TalerErrorException(TalerErrorCode.EXCHANGE_AUDITORS_AUDITOR_UNKNOWN, pub.toBase32()));
        if (!a.active()) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_AUDITORS_AUDITOR_INACTIVE, pub.toBase32());
        }
        var state = keys.current();
        Denomination d = state == null ? null : state.denomination(h).orElse(null);
        if (d == null) {
            // Maybe signed a moment ago through another httpd process: ask the database.
            d = denominations.find(h).orElseThrow(() -> new TalerErrorException(
                    TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h.toBase32()).withHttpStatus(404));
        }
        DenominationKeyValidity v = d.validity(settings.masterPub());
        if (!AuditorDenominationValidity.of(a.url(), v).verify(pub, sig)) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_AUDITORS_AUDITOR_SIGNATURE_INVALID, h.toBase32());
        }
        if (!auditors.insertAuditorDenomSig(pub, h, sig)) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h.toBase32())
                    .withHttpStatus(404);
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }
}

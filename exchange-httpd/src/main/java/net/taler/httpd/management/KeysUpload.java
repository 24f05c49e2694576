package net.taler.httpd.management;

import java.util.ArrayList;
import java.util.List;

import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.management.KeySignatures;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.DenominationFees;
import net.taler.common.keys.SigningKey;
import net.taler.common.sig.master.DenominationKeyValidity;
import net.taler.common.sig.master.SigningKeyValidity;
import net.taler.httpd.keys.HelperKeys;
import net.taler.httpd.keys.KeyState;
import net.taler.httpd.ExchangeSettings;
import net.taler.db.keys.KeyUploadRepository;
import net.taler.httpd.keys.KeyStateService;

/**
 * {@code GET /management/keys} (the helper keys still lacking a master signature) and
 * {@code POST /management/keys} (their signatures), operations.md 3.3.
 */
public final class KeysUpload {
    private final ExchangeSettings settings;
    private final KeyUploadRepository keyUpload;
    private final KeyStateService keys;

    public KeysUpload(ExchangeSettings settings, KeyUploadRepository keyUpload, KeyStateService keys) {
        this.settings = settings;
        this.keyUpload = keyUpload;
        this.keys = keys;    }

    /** GET: 502 while the helpers are not connected, 503 without key state. */
    public Reply get(Request r) {
        KeyState s = keys.current();
        HelperKeys h = s == null ? keys.helperKeys() : s.helper();
        if (!h.helpersReady()) {
            h = keys.helperKeys(); // the cached state may predate the helpers' first sync
            if (!h.helpersReady()) {
                TalerErrorCode code = h.eddsaSynced() ? TalerErrorCode.EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE
                        : TalerErrorCode.EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE;
                throw new TalerErrorException(code, "security module not (yet) connected").withHttpStatus(502);
            }
            keys.markDirty();
        }
        if (s == null || !s.helper().helpersReady()) {
            try {
                s = keys.rebuildNow();
            } catch (Exception e) {
                // the cause is for the log (KeyStateService reports it), not for the client
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING,
                        "key state not available yet, try again later").withHttpStatus(503);
            }
        }
        return Reply.jsonBytes(200, s.managementKeys());
    }

    /** POST: verify every signature against the helper's key, then store all in one transaction. */
    public Reply post(Request r) {
        KeySignatures body = KeySignatures.parse(r.jsonBody());
        HelperKeys helper = keys.helperKeys();
        KeyState state = keys.current();
        List<Denomination> denoms = new ArrayList<>();
        for (KeySignatures.DenomSig n : body.denomSigs()) {
            HashCode h = n.hDenomPub();
            EddsaSignature sig = n.masterSig();
            HelperKeys.Denom d = helper.denoms().get(h);
            if (d == null) {
                if (state != null && state.denomination(h).isPresent()) {
                    continue; // already signed and stored: a replayed upload
                }
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN,
                        h.toBase32()).withHttpStatus(404);
            }
            DenominationKeyValidity v = new DenominationKeyValidity(settings.masterPub(), d.start(),
                    d.expireWithdraw(), d.expireDeposit(), d.expireLegal(), d.section().value(),
                    d.section().feeWithdraw(), d.section().feeDeposit(), d.section().feeRefresh(),
                    d.section().feeRefund(), h);
            if (!v.verify(settings.masterPub(), sig)) {
                throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_KEYS_DENOMKEY_ADD_SIGNATURE_INVALID)
                        .withField("h_denom_pub", h.toBase32());
            }
            DenominationKey key = d.isRsa() ? new DenominationKey.Rsa(d.rsa(), d.section().ageMask())
                    : new DenominationKey.Cs(d.cs(), d.section().ageMask());
            denoms.add(new Denomination(0, key, h, d.section().value(), new DenominationFees(d.section().feeWithdraw(),
                    d.section().feeDeposit(), d.section().feeRefresh(), d.section().feeRefund()), d.start(),
                    d.expireWithdraw(), d.expireDeposit(), d.expireLegal(), sig, false));
        }
        List<SigningKey> signkeys = new ArrayList<>();
        for (KeySignatures.SignkeySig n : body.signkeySigs()) {
            EddsaPublicKey pub = n.exchangePub();
            EddsaSignature sig = n.masterSig();
            HelperKeys.Signkey k = helper.signkeys().get(pub);
            if (k == null) {
                if (state != null && state.signingKey(pub).isPresent()) {
                    continue;
                }
                throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_KEYS_SIGNKEY_UNKNOWN,
                        pub.toBase32()).withHttpStatus(404);
            }
            if (!new SigningKeyValidity(k.start(), k.expire(), k.end(), pub).verify(settings.masterPub(), sig)) {
                throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_KEYS_SIGNKEY_ADD_SIGNATURE_INVALID)
                        .withField("exchange_pub", pub.toBase32());
            }
            signkeys.add(new SigningKey(pub, sig, k.start(), k.expire(), k.end(), false));
        }
        if (!denoms.isEmpty() || !signkeys.isEmpty()) {
            keyUpload.uploadKeySignatures(denoms, signkeys);
            keys.refreshAfterUpload();
        }
        return Reply.noContent();
    }
}

package net.taler.httpd.management;

import java.util.logging.Logger;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.management.DenominationRevocation;
import net.taler.common.management.SigningKeyRevocation;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.secmod.client.SecmodUnavailableException;
import net.taler.common.sig.master.DenominationKeyRevoked;
import net.taler.common.sig.master.SigningKeyRevoked;
import net.taler.db.management.Change;
import net.taler.httpd.keys.HelperKeys;
import net.taler.httpd.ExchangeSettings;
import net.taler.db.keys.RevocationRepository;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.sign.SecurityModules;

/**
 * {@code POST /management/denominations/$H_DENOM_PUB/revoke} and
 * {@code POST /management/signkeys/$EXCHANGE_PUB/revoke}: record the master's revocation, then
 * tell the security module, which drops the key and creates a replacement that needs a new
 * offline signature (operations.md 3.3).
 */
public final class Revocations {
    private static final Logger LOG = Logger.getLogger(Revocations.class.getName());

    private final ExchangeSettings settings;
    private final RevocationRepository revocations;
    private final KeyStateService keys;
    private final SecurityModules modules;

    public Revocations(ExchangeSettings settings, RevocationRepository revocations, KeyStateService keys, SecurityModules modules) {
        this.settings = settings;
        this.revocations = revocations;
        this.keys = keys;
        this.modules = modules;    }

    public Reply denomination(Request r) {
        HashCode h = ManagementErrors.pathArg(r, 1, HashCode::fromBase32, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        EddsaSignature sig = DenominationRevocation.parse(h, r.jsonBody()).masterSig();
        if (!new DenominationKeyRevoked(h).verify(settings.masterPub(), sig)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_DENOMINATION_REVOKE_SIGNATURE_INVALID);
        }
        if (revocations.revokeDenomination(h, sig) == Change.UNKNOWN) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h.toBase32())
                    .withHttpStatus(404);
        }
        HelperKeys.Denom d = keys.helperKeys().denoms().get(h);
        if (d != null) {
            try {
                if (d.isRsa()) {
                    modules.rsa().revoke(d.helperHash());
                } else {
                    modules.cs().revoke(d.helperHash());
                }
            } catch (SecmodUnavailableException e) {
                // Recorded in the database already; the key is no longer offered in /keys either way.
                LOG.warning("could not tell the security module to revoke " + h.toBase32() + ": " + e.getMessage());
            }
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }

    public Reply signkey(Request r) {
        EddsaPublicKey pub = ManagementErrors.pathArg(r, 1, EddsaPublicKey::fromBase32,
                TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        EddsaSignature sig = SigningKeyRevocation.parse(pub, r.jsonBody()).masterSig();
        if (!new SigningKeyRevoked(pub).verify(settings.masterPub(), sig)) {
            throw ManagementErrors.forbidden(TalerErrorCode.EXCHANGE_MANAGEMENT_SIGNKEY_REVOKE_SIGNATURE_INVALID);
        }
        if (revocations.revokeSigningKey(pub, sig) == Change.UNKNOWN) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_MANAGEMENT_KEYS_SIGNKEY_UNKNOWN, pub.toBase32())
                    .withHttpStatus(404);
        }
        if (keys.helperKeys().signkeys().containsKey(pub)) {
            try {
                modules.eddsa().revoke(pub);
            } catch (SecmodUnavailableException e) {
                LOG.warning("could not tell secmod-eddsa to revoke " + pub.toBase32() + ": " + e.getMessage());
            }
        }
        keys.refreshAfterUpload();
        return Reply.noContent();
    }
}

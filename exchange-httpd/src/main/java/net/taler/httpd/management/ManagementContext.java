package net.taler.httpd.management;

import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Request;
import net.taler.db.auditor.AuditorRepository;
import net.taler.db.drain.DrainRepository;
import net.taler.db.extensions.ExtensionRepository;
import net.taler.db.fees.FeeRepository;
import net.taler.db.keys.DenominationRepository;
import net.taler.db.keys.KeyUploadRepository;
import net.taler.db.keys.RevocationRepository;
import net.taler.db.wire.WireAccountRepository;
import net.taler.httpd.ExchangeSettings;
import net.taler.httpd.keys.KeyStateService;
import net.taler.httpd.sign.SecurityModules;

/**
 * What every management endpoint needs: settings, the repositories, the key state to refresh and
 * the security modules (told of revocations).
 */
public record ManagementContext(ExchangeSettings settings, KeyUploadRepository keyUpload,
        RevocationRepository revocations, AuditorRepository auditors, WireAccountRepository wireAccounts,
        FeeRepository fees, DrainRepository drains, ExtensionRepository extensions,
        DenominationRepository denominations, KeyStateService keys, SecurityModules modules) {
    private static final Logger LOG = Logger.getLogger(ManagementContext.class.getName());

    /**
     * Rebuilds the key state after a successful upload so the next request of the uploader sees it;
     * the other httpd processes learn of it through the NOTIFY the repository sent.
     */
    void refresh() {
        try {
            keys.rebuildNow();
        } catch (Exception e) {
            // The upload is committed; the background rebuild will retry.
            LOG.log(Level.WARNING, "key state rebuild after upload failed: " + e.getMessage());
            keys.markDirty();
        }
    }

    /** Decodes a base32 path argument or answers 400 with {@code code}. */
    static <T> T pathArg(Request r, int i, Function<String, T> decoder, TalerErrorCode code) {
        try {
            return decoder.apply(r.arg(i));
        } catch (RuntimeException e) {
            throw new TalerErrorException(code, "malformed path segment " + (i + 1)).withHttpStatus(400);
        }
    }

    static TalerErrorException forbidden(TalerErrorCode code) {
        return new TalerErrorException(code, "master signature invalid").withHttpStatus(403);
    }
}

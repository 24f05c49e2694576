package net.taler.httpd.sign;

import java.util.logging.Logger;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.secmod.client.SecmodUnavailableException;

/**
 * The reply for a security module that could not answer. The exception's message names the
 * helper's socket path and the low-level cause, which are for the operator: they go to the log
 * (one line), the client only learns which helper is missing.
 */
public final class HelperUnavailable {
    private static final Logger LOG = Logger.getLogger(HelperUnavailable.class.getName());

    private HelperUnavailable() {
    }

    /** Logs {@code e} and returns the error to send; {@code helper} is the program name, e.g. {@code secmod-eddsa}. */
    public static TalerErrorException reply(TalerErrorCode code, String helper, SecmodUnavailableException e) {
        LOG.warning(helper + ": " + e.getMessage());
        return new TalerErrorException(code, helper + " is not available");
    }
}

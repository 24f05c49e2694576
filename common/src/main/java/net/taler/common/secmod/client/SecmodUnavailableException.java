package net.taler.common.secmod.client;

import java.io.IOException;

import net.taler.common.error.TalerErrorCode;

/**
 * The helper could not answer: it is not running, the connection broke, it timed out, or it
 * violated the protocol (a "helper bug"). Distinct from a helper's refusal of one request
 * (unknown key, too early …), which is a failed {@link SecmodResult}.
 */
public final class SecmodUnavailableException extends IOException {
    private static final long serialVersionUID = 1L;
    private final TalerErrorCode errorCode;
    private final boolean helperBug;

    SecmodUnavailableException(String message, Throwable cause, TalerErrorCode errorCode, boolean helperBug) {
        super(message, cause);
        this.errorCode = errorCode;
        this.helperBug = helperBug;
    }

    /**
     * The code the httpd reports: {@code EXCHANGE_DENOMINATION_HELPER_UNAVAILABLE} /
     * {@code _BUG} for RSA/CS, {@code EXCHANGE_SIGNKEY_HELPER_UNAVAILABLE} / {@code _BUG} for EdDSA.
     */
    public TalerErrorCode errorCode() {
        return errorCode;
    }

    /** True if the helper sent something that breaks the protocol (rather than being absent). */
    public boolean isHelperBug() {
        return helperBug;
    }
}

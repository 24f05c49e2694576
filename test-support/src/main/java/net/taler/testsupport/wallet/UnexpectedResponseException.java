package net.taler.testsupport.wallet;

/**
 * The server answered with a status (or body) the typed call does not accept; the full reply
 * is kept so a test can look at the Taler error code.
 */
public final class UnexpectedResponseException extends WalletException {
    private static final long serialVersionUID = 1L;

    private final transient ApiResponse response;

    public UnexpectedResponseException(String message, ApiResponse response) {
        super(message + ": " + response.summary());
        this.response = response;
    }

    /** The reply that was not accepted. */
    public ApiResponse response() {
        return response;
    }

    /** Shortcut for {@code response().status()}. */
    public int status() {
        return response.status();
    }

    /** Shortcut for {@code response().errorCode()}: the Taler error code, -1 if none. */
    public int errorCode() {
        return response.errorCode();
    }
}

package net.taler.testsupport.wallet;

/**
 * A wallet operation failed: the network failed, the exchange or bank answered something
 * unexpected, or a reply did not verify (bad signature, malformed JSON). Unchecked, because
 * in tests and in the load generator the only sensible reaction is to fail the operation.
 */
public class WalletException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WalletException(String message) {
        super(message);
    }

    public WalletException(String message, Throwable cause) {
        super(message, cause);
    }
}

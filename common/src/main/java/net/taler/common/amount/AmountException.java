package net.taler.common.amount;

/**
 * Signals an amount that cannot exist in Taler (malformed text, currency mismatch, overflow
 * beyond 2^52, negative result). It is unchecked and an {@link IllegalArgumentException} so
 * that parsers of client input can treat it like any other invalid argument, while money
 * arithmetic can never fail silently.
 */
public class AmountException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public AmountException(String message) {
        super(message);
    }
}

package net.taler.common.json;

/**
 * A JSON value cannot be canonicalised or hashed the way the reference implementations do
 * (a real number, an integer outside the agreed range, a lone surrogate, malformed
 * forgettable members, nesting too deep, ...).
 */
public class CanonicalJsonException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public CanonicalJsonException(String message) {
        super(message);
    }
}

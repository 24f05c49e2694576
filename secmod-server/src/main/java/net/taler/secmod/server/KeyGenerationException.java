package net.taler.secmod.server;

/** Creating or storing a new private key failed. */
public class KeyGenerationException extends Exception {
    private static final long serialVersionUID = 1L;

    public KeyGenerationException(String message, Throwable cause) {
        super(message, cause);
    }
}

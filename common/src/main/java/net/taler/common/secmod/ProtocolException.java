package net.taler.common.secmod;

import java.io.IOException;

/**
 * A secmod message that breaks the wire protocol (wrong size for its type, unknown type,
 * bad header, undecodable content, bad SM signature). The side that detects it drops the
 * connection (secmod.md 5.4); it is never answered.
 */
public class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}

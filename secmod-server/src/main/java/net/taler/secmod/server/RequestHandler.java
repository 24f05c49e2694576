package net.taler.secmod.server;

import java.io.IOException;

import net.taler.common.secmod.Frame;
import net.taler.common.secmod.MessageSink;

/**
 * One helper's request dispatch. Called by the client's connection thread for each request
 * in arrival order; the replies it sends are delivered in that order.
 */
@FunctionalInterface
public interface RequestHandler {
    /**
     * Handles one request.
     *
     * @throws net.taler.common.secmod.ProtocolException for a malformed or unknown message: the
     *     connection is dropped without a reply (secmod.md 5.4)
     */
    void handle(Frame request, MessageSink out) throws IOException;
}

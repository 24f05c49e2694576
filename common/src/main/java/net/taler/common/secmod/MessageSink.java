package net.taler.common.secmod;

import java.io.IOException;

/** Where complete messages are written (a connection's output). */
public interface MessageSink {
    /** Queues one complete message (header included); it is sent at the latest on the next flush. */
    void send(byte[] message) throws IOException;
}

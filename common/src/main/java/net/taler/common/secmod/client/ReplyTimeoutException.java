package net.taler.common.secmod.client;

import java.io.IOException;

/** No reply (or no free connection) within the request time-out: reported, never retried. */
final class ReplyTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    ReplyTimeoutException() {
        super("no reply in time");
    }
}

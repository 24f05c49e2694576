package net.taler.http;

import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.socket.DuplexChannel;

/**
 * Closes a connection after a final error reply without losing that reply. Closing a socket
 * while the client is still sending (a refused or timed-out request) makes the kernel answer
 * with a reset, and a reset can destroy the reply before the client reads it. So the reply is
 * followed by a FIN only ({@code shutdownOutput}), whatever still arrives is dropped by the
 * caller's handler, and the socket closes when the client closes or after {@link #LINGER_MILLIS}.
 */
final class LingeringClose {
    /** Longest wait for the client to close after the reply (Apache's lingering close waits 2 s too). */
    static final long LINGER_MILLIS = 2000;

    private LingeringClose() {
    }

    /** Once {@code written} (the last reply) is out, half-closes and closes within {@link #LINGER_MILLIS}. */
    static void after(ChannelFuture written) {
        written.addListener(f -> {
            Channel ch = written.channel();
            if (!f.isSuccess() || !(ch instanceof DuplexChannel d) || !ch.isActive()) {
                ch.close();
                return;
            }
            d.shutdownOutput();
            ch.eventLoop().schedule(() -> {
                ch.close();
            }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
        });
    }
}

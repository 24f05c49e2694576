package net.taler.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import net.taler.common.error.TalerErrorCode;

/**
 * Deadlines for receiving one connection's requests, so a client that trickles bytes cannot
 * hold a connection (the idle timeout alone restarts with every byte). The head of a request
 * must be complete within {@code head} of its first byte (of accept for a new connection), its
 * body within {@code body} of the head's end. Nothing runs while a request is being answered,
 * so a parked long poll is never cut off, and nothing between requests: the idle timeout
 * covers that.
 *
 * <p>On expiry a client that sent part of a request and is owed no earlier reply gets 408
 * ({@code GENERIC_TIMEOUT}), then the connection closes after a short {@link LingeringClose
 * linger}; otherwise (silent new connection, a reply still in progress) it is just closed.
 *
 * <p>Two handlers share the state, both on the channel's event loop: {@link #bytes()} sits
 * below the HTTP codec and sees a request begin, {@link #messages()} sits above it and sees its
 * head and body end and its reply leave. One instance per connection.
 */
final class RequestDeadlines {
    private enum Phase { HEAD, BODY, BETWEEN, EXPIRED }

    private final long headNanos;
    private final long bodyNanos;
    private ChannelHandlerContext wire;
    private Phase phase = Phase.HEAD;
    /** Bytes of the request now in {@link Phase#HEAD} arrived (false: a silent new connection). */
    private boolean started;
    /** Requests whose head arrived and whose final reply was not written yet. */
    private int unanswered;
    private ScheduledFuture<?> timer;

    RequestDeadlines(Duration head, Duration body) {
        this.headNanos = head.toNanos();
        this.bodyNanos = body.toNanos();
    }

    /** The handler below the HTTP codec. */
    ChannelHandler bytes() {
        return new ChannelInboundHandlerAdapter() {
            @Override
            public void handlerAdded(ChannelHandlerContext ctx) {
                wire = ctx;
            }

            @Override
            public void channelActive(ChannelHandlerContext ctx) {
                arm(Phase.HEAD, headNanos);
                ctx.fireChannelActive();
            }

            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase == Phase.EXPIRED) {
                    ReferenceCountUtil.release(msg); // closing: a late request must not be answered after the 408
                    return;
                }
                if (msg instanceof ByteBuf b && b.isReadable()) {
                    if (phase == Phase.BETWEEN) {
                        arm(Phase.HEAD, headNanos);
                    }
                    if (phase == Phase.HEAD) {
                        started = true;
                    }
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                cancel();
                phase = Phase.EXPIRED;
                ctx.fireChannelInactive();
            }
        };
    }

    /** The handler above the HTTP codec. */
    ChannelHandler messages() {
        return new ChannelDuplexHandler() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (phase != Phase.EXPIRED) {
                    if (msg instanceof HttpRequest) {
                        unanswered++;
                        arm(Phase.BODY, bodyNanos);
                    }
                    if (msg instanceof LastHttpContent) {
                        cancel();
                        phase = Phase.BETWEEN;
                        started = false;
                    }
                }
                ctx.fireChannelRead(msg);
            }

            @Override
            public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
                if (msg instanceof HttpResponse r && r.status().codeClass() != HttpStatusClass.INFORMATIONAL
                        && unanswered > 0) {
                    unanswered--;
                }
                ctx.write(msg, promise);
            }
        };
    }

    private void arm(Phase p, long nanos) {
        cancel();
        phase = p;
        timer = wire.executor().schedule(() -> expire(p), nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void expire(Phase p) {
        if (phase != p || !wire.channel().isActive()) {
            return;
        }
        timer = null;
        phase = Phase.EXPIRED;
        // HEAD: owed nothing earlier; BODY: the only unanswered request is this one.
        boolean answer = p == Phase.HEAD ? started && unanswered == 0 : unanswered == 1;
        if (!answer) {
            wire.close();
            return;
        }
        String detail = p == Phase.HEAD ? "request head not received in time" : "request body not received in time";
        // Written below the codec: the request is incomplete, so the codec has no reply state for it.
        // The client is probably still sending: linger so that its bytes do not reset the 408 away.
        LingeringClose.after(wire.writeAndFlush(
                ClosingReply.encode(wire.alloc(), 408, TalerErrorCode.GENERIC_TIMEOUT, detail, 0)));
    }
}

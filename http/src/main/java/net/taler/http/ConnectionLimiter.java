package net.taler.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import net.taler.common.error.TalerErrorCode;

/**
 * Counts the open connections of a server, in total and per client address, at accept time.
 * A connection over either limit gets a 503 Taler error with {@code Connection: close} and
 * {@code Retry-After}, and is closed: a fresh socket's send buffer is empty, so the write never
 * waits, and a real client learns why and when to retry instead of seeing a bare reset. Nothing
 * of its request is parsed. Up to {@link #MAX_LINGERING_REFUSALS} refused connections linger
 * (at most {@link LingeringClose#LINGER_MILLIS}) so that the client's request bytes do not reset
 * the 503 away; beyond that they close at once.
 *
 * <p>IPv6 clients are counted per /64, the smallest prefix a site gets: per single address
 * one host could open 2^64 times the limit. UNIX-socket clients have no address and count only
 * towards the global limit.
 */
final class ConnectionLimiter {
    /** Seconds a refused client should wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 1;
    /**
     * Refused connections that may {@link LingeringClose linger} at once; beyond that a refused
     * connection is closed right after its 503, so a flood of connects cannot hold descriptors.
     */
    static final int MAX_LINGERING_REFUSALS = 32;

    private final int maxTotal;
    private final int maxPerAddress;
    private final Map<Key, Integer> perAddress = new HashMap<>();
    private int total;
    private final AtomicInteger lingering = new AtomicInteger();

    /**
     * @param maxTotal      open connections in total (at least 1)
     * @param maxPerAddress open connections per client address; 0 = no per-address limit
     */
    ConnectionLimiter(int maxTotal, int maxPerAddress) {
        this.maxTotal = maxTotal;
        this.maxPerAddress = maxPerAddress;
    }

    /**
     * Counts {@code ch} if both limits allow it, releasing the count when it closes; otherwise
     * answers it 503 and closes it. Call once per accepted connection, before its HTTP handlers
     * are installed.
     *
     * @return true if the connection was admitted
     */
    boolean admit(Channel ch) {
        Key key = key(ch.remoteAddress());
        String refusal = acquire(key);
        if (refusal == null) {
            ch.closeFuture().addListener(f -> release(key));
            return true;
        }
        ch.pipeline().addLast(new Refuse(refusal, lingering));
        return false;
    }

    /** Open connections counted now. */
    synchronized int open() {
        return total;
    }

    /** null if admitted, else why not. */
    private synchronized String acquire(Key key) {
        if (total >= maxTotal) {
            return "too many connections to this server, try again later";
        }
        if (key != null && maxPerAddress > 0) {
            int n = perAddress.getOrDefault(key, 0);
            if (n >= maxPerAddress) {
                return "too many connections from your address, try again later";
            }
            perAddress.put(key, n + 1);
        }
        total++;
        return null;
    }

    private synchronized void release(Key key) {
        total--;
        if (key != null && maxPerAddress > 0) {
            perAddress.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The address bytes a client is counted under: IPv4 whole, IPv6 its /64; null for UNIX sockets. */
    static Key key(SocketAddress remote) {
        if (!(remote instanceof InetSocketAddress inet) || inet.getAddress() == null) {
            return null;
        }
        InetAddress a = inet.getAddress();
        byte[] b = a.getAddress();
        if (a instanceof Inet6Address) {
            b = Arrays.copyOf(b, 8);
        }
        return new Key(b);
    }

    /** Address bytes with value equality. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return Arrays.toString(bytes);
        }
    }

    /** The whole pipeline of a refused connection: write the 503, close, drop whatever arrives. */
    private static final class Refuse extends ChannelInboundHandlerAdapter {
        private final String detail;
        private final AtomicInteger lingering;

        Refuse(String detail, AtomicInteger lingering) {
            this.detail = detail;
            this.lingering = lingering;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            ByteBuf reply = ClosingReply.encode(ctx.alloc(), 503, TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE,
                    detail, RETRY_AFTER_SECONDS);
            ChannelFuture written = ctx.writeAndFlush(reply);
            if (lingering.incrementAndGet() <= MAX_LINGERING_REFUSALS) {
                ctx.channel().closeFuture().addListener(f -> lingering.decrementAndGet());
                LingeringClose.after(written);
            } else {
                lingering.decrementAndGet();
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}

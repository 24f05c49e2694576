package net.taler.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;

/** Per-connection handler: parse, route, run the endpoint (inline or on the pool), write the reply. */
final class Dispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** exchange-api.md 1.4: the path after the first segment may be at most 511 bytes. */
    static final int MAX_ARGS_BYTES = 511;

    private final HttpServer server;
    /** Replies this connection still waits for (long polls); the idle timeout is off while > 0. */
    private int pendingReplies;
    /** A body failed to decompress and was answered; the connection closes after that reply. */
    private boolean bodyRefused;

    Dispatcher(HttpServer server) {
        this.server = server;
    }

    static void addCors(HttpHeaders h) {
        h.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        h.set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "*");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest msg) {
        if (bodyRefused) {
            return; // the remains of a body that failed to decompress; the connection is closing
        }
        boolean keepAlive = HttpUtil.isKeepAlive(msg) && !server.options().connectionClose();
        boolean last = server.countRequest();
        if (last) {
            keepAlive = false;
        }
        boolean head = HttpMethod.HEAD.equals(msg.method());
        if (msg.decoderResult().isFailure()) {
            Throwable c = msg.decoderResult().cause();
            Reply r = c instanceof TooLongFrameException
                    ? Reply.error(TalerErrorCode.GENERIC_URI_TOO_LONG, "request line or headers too long")
                    : Reply.error(400, TalerErrorCode.GENERIC_HTTP_HEADERS_MALFORMED, "malformed HTTP request");
            write(ctx, r, false, false, last);
            return;
        }
        Reply immediate;
        try {
            immediate = dispatch(ctx, msg, keepAlive, head, last);
        } catch (TalerErrorException e) {
            immediate = Reply.error(e);
        } catch (RuntimeException e) {
            immediate = failed("request " + msg.method() + " " + msg.uri() + " failed", e);
        }
        if (immediate != null) {
            deliver(ctx, immediate, keepAlive, head, last);
        }
    }

    /** Writes a reply, or arranges for a {@link Reply#later} reply to be written when ready. */
    private void deliver(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, boolean head, boolean last) {
        if (reply.pending() == null) {
            write(ctx, reply, keepAlive, head, last);
            return;
        }
        ctx.executor().execute(() -> pendingReplies++);
        reply.pending().whenComplete((r, failure) -> {
            Reply out = r;
            if (failure != null) {
                out = failed("deferred reply failed", failure);
            } else if (r == null || r.pending() != null) {
                out = Reply.error(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE, "internal error");
            }
            Reply done = out;
            ctx.executor().execute(() -> {
                pendingReplies--;
                if (ctx.channel().isActive()) {
                    write(ctx, done, keepAlive, head, last);
                }
            });
        });
    }

    /** Routes and runs; returns the reply to write now, or null if a worker will write it. */
    private Reply dispatch(ChannelHandlerContext ctx, FullHttpRequest msg, boolean keepAlive, boolean head,
            boolean last) {
        QueryStringDecoder qs = new QueryStringDecoder(msg.uri(), StandardCharsets.UTF_8);
        String path;
        Map<String, List<String>> query;
        try {
            // Both decode lazily and throw on a broken %-escape: a client error, not a bug to log.
            path = qs.path();
            query = qs.parameters();
        } catch (IllegalArgumentException e) {
            return Reply.error(400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED,
                    "malformed %-escape in the request target (% must be followed by two hex digits)");
        }
        if (!path.startsWith("/")) {
            return Reply.error(404, TalerErrorCode.GENERIC_ENDPOINT_UNKNOWN, "path must start with /");
        }
        String rest = path.substring(1);
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        List<String> args = new ArrayList<>();
        if (slash >= 0) {
            String tail = rest.substring(slash + 1);
            if (tail.getBytes(StandardCharsets.UTF_8).length > MAX_ARGS_BYTES) {
                return Reply.error(TalerErrorCode.GENERIC_URI_TOO_LONG, "path too long");
            }
            for (String s : tail.split("/", -1)) {
                args.add(s);
            }
        }
        if (HttpMethod.OPTIONS.equals(msg.method())) {
            return preflight(server.router().allowedMethods(first, args));
        }
        Router.Match m = server.router().route(msg.method(), first, args);
        if (m.route() == null) {
            Reply r = Reply.error(m.error());
            if (!m.allow().isEmpty()) {
                r.header(HttpHeaderNames.ALLOW, String.join(", ", m.allow()));
            }
            return r;
        }
        byte[] body = ByteBufUtil.getBytes(msg.content());
        HttpMethod method = head ? HttpMethod.GET : msg.method();
        Request req = new Request(method, path, List.copyOf(args), query, msg.headers().copy(), body);
        Router.Route route = m.route();
        if (route.execution() == Router.Execution.EVENT_LOOP) {
            return invoke(route, req);
        }
        boolean ka = keepAlive;
        if (!server.submit(() -> deliver(ctx, invoke(route, req), ka, head, last))) {
            return Reply.error(503, TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE,
                    "server overloaded, try again later").header(HttpHeaderNames.RETRY_AFTER, "1");
        }
        return null;
    }

    private Reply invoke(Router.Route route, Request req) {
        try {
            Reply r = route.endpoint().handle(req);
            return r == null ? Reply.noContent() : r;
        } catch (TalerErrorException e) {
            return Reply.error(e);
        } catch (Exception | AssertionError e) {
            return failed("endpoint " + req.method() + " " + req.path() + " failed", e);
        }
    }

    /**
     * The reply for an unexpected failure: the router's {@link Router.FailureReplies} (e.g. 503
     * while the database is down, not logged as a bug), else a logged 500.
     */
    private Reply failed(String what, Throwable failure) {
        Throwable f = failure;
        while (f instanceof java.util.concurrent.CompletionException && f.getCause() != null) {
            f = f.getCause();
        }
        Reply mapped = null;
        try {
            mapped = server.router().failureReplies().replyFor(f);
        } catch (RuntimeException e) {
            // a broken mapping must not turn one failed request into a dropped connection
        }
        if (mapped != null && mapped.pending() == null) {
            return mapped;
        }
        server.logFailure(what, failure);
        return Reply.error(TalerErrorCode.GENERIC_INTERNAL_INVARIANT_FAILURE, "internal error");
    }

    private static Reply preflight(Set<String> allowed) {
        Reply r = Reply.noContent();
        String methods = allowed.isEmpty() ? "GET, POST, HEAD, OPTIONS" : String.join(", ", allowed) + ", OPTIONS";
        r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, methods);
        r.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "*");
        r.header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "86400");
        return r;
    }

    private void write(ChannelHandlerContext ctx, Reply reply, boolean keepAlive, boolean head, boolean last) {
        byte[] body = reply.body();
        FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()),
                head || body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        HttpHeaders h = resp.headers();
        h.set(reply.headers());
        addCors(h);
        if (reply.status() != 204 && reply.status() != 304) {
            h.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        }
        if (keepAlive) {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        ChannelFuture f = ctx.writeAndFlush(resp);
        if (!keepAlive) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
        if (last) {
            f.addListener(x -> server.requestStop());
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            if (pendingReplies == 0) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (isDecompressionFailure(cause)) {
            // The body does not match its Content-Encoding and HttpContentDecompressor cannot go
            // on with it: answer (GENERIC_JSON_INVALID: our registry version has no compression
            // code), then close instead of reading the rest of a refused body. Later chunks of the
            // same body fail here too and are not answered again.
            if (!bodyRefused) {
                bodyRefused = true;
                write(ctx, Reply.error(400, TalerErrorCode.GENERIC_JSON_INVALID,
                        "request body is not valid data of its Content-Encoding"), false, false, false);
            }
            return;
        }
        // Connection-level failures (resets, TLS-less garbage) only end that connection.
        ctx.close();
    }

    private static boolean isDecompressionFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DecompressionException) {
                return true;
            }
        }
        return false;
    }
}

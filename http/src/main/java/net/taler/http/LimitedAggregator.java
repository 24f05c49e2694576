package net.taler.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import net.taler.common.error.TalerError;
import net.taler.common.error.TalerErrorCode;

/**
 * Aggregates request bodies up to a limit; a larger body gets 413 {@code GENERIC_UPLOAD_EXCEEDS_LIMIT}
 * as JSON. An {@code Expect:} other than {@code 100-continue} (which
 * {@code HttpServerExpectContinueHandler} has already taken) gets a 417 Taler error instead of
 * Netty's empty one. Both close the connection: the body is unread, and after a 417 Netty's
 * request decoder would even parse a body the client did send as the next request.
 */
final class LimitedAggregator extends HttpObjectAggregator {
    LimitedAggregator(int maxBytes) {
        super(maxBytes, true);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        // The rest of the body is not read: close once the reply is out.
        ctx.writeAndFlush(error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, TalerErrorCode.GENERIC_UPLOAD_EXCEEDS_LIMIT,
                "request body larger than " + maxContentLength() + " bytes"))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    protected Object newContinueResponse(HttpMessage start, int maxContentLength, ChannelPipeline pipeline) {
        Object r = super.newContinueResponse(start, maxContentLength, pipeline);
        if (r instanceof HttpResponse resp && resp.status().equals(HttpResponseStatus.EXPECTATION_FAILED)) {
            ReferenceCountUtil.release(r);
            return error(HttpResponseStatus.EXPECTATION_FAILED, TalerErrorCode.GENERIC_HTTP_HEADERS_MALFORMED,
                    "unsupported Expect header: only 100-continue is understood");
        }
        return r;
    }

    /** A complete Taler error reply that ends the connection. */
    private static FullHttpResponse error(HttpResponseStatus status, TalerErrorCode code, String detail) {
        byte[] body = TalerError.of(code, detail).toJsonBytes();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, Reply.JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        Dispatcher.addCors(r.headers());
        return r;
    }
}

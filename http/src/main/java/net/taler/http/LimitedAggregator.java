package net.taler.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import net.taler.common.error.TalerError;
import net.taler.common.error.TalerErrorCode;

/** Aggregates request bodies up to a limit; a larger body gets 413 {@code GENERIC_UPLOAD_EXCEEDS_LIMIT} as JSON. */
final class LimitedAggregator extends HttpObjectAggregator {
    LimitedAggregator(int maxBytes) {
        super(maxBytes);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        byte[] body = TalerError.of(TalerErrorCode.GENERIC_UPLOAD_EXCEEDS_LIMIT,
                "request body larger than " + maxContentLength() + " bytes").toJsonBytes();
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, Reply.JSON);
        r.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        r.headers().set(HttpHeaderNames.CONNECTION, "close");
        Dispatcher.addCors(r.headers());
        // The rest of the body is not read: close once the reply is out.
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}

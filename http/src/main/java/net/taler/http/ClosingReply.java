package net.taler.http;

import java.nio.charset.StandardCharsets;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.HttpResponseStatus;
import net.taler.common.error.TalerError;
import net.taler.common.error.TalerErrorCode;

/**
 * A complete HTTP/1.1 error reply as bytes, for answers written below the HTTP codec (a refused
 * connection has none; a timed-out request must not disturb the codec's state): Taler error
 * JSON, {@code Connection: close}, CORS headers as on every reply.
 */
final class ClosingReply {
    private ClosingReply() {
    }

    /**
     * @param retryAfterSeconds a {@code Retry-After} value, or 0 for none
     */
    static ByteBuf encode(ByteBufAllocator alloc, int status, TalerErrorCode code, String detail,
            int retryAfterSeconds) {
        byte[] body = TalerError.of(code, detail).toJsonBytes();
        StringBuilder h = new StringBuilder(256)
                .append("HTTP/1.1 ").append(HttpResponseStatus.valueOf(status)).append("\r\n")
                .append("Content-Type: ").append(Reply.JSON).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n")
                .append("Connection: close\r\n")
                .append("Access-Control-Allow-Origin: *\r\n")
                .append("Access-Control-Expose-Headers: *\r\n");
        if (retryAfterSeconds > 0) {
            h.append("Retry-After: ").append(retryAfterSeconds).append("\r\n");
        }
        h.append("\r\n");
        byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuf b = alloc.buffer(head.length + body.length);
        b.writeBytes(head).writeBytes(body);
        return b;
    }
}

package net.taler.http;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import net.taler.common.error.TalerError;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;

/**
 * A reply: status, headers and a complete body. Mutable only while the handler builds it
 * ({@link #header}); the server sends it as is.
 */
public final class Reply {
    /** Content type of every JSON reply (exchange-api.md 1.5). */
    public static final String JSON = "application/json";
    private static final ObjectMapper MAPPER = TalerJson.mapper();

    private final int status;
    private final HttpHeaders headers = new DefaultHttpHeaders();
    private final byte[] body;
    private final CompletionStage<Reply> pending;

    private Reply(int status, String contentType, byte[] body) {
        this.status = status;
        this.body = body;
        this.pending = null;
        if (contentType != null) {
            headers.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
    }

    /** A body of raw bytes with a content type (may be null for an empty body). */
    public static Reply bytes(int status, String contentType, byte[] body) {
        return new Reply(status, contentType, body == null ? new byte[0] : body);
    }

    /** A JSON reply; {@code value} is a Jackson tree or a value the Taler mapper can serialize. */
    public static Reply json(int status, Object value) {
        try {
            return new Reply(status, JSON, MAPPER.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("reply not serializable", e);
        }
    }

    /** A JSON reply from already serialized bytes. */
    public static Reply jsonBytes(int status, byte[] json) {
        return new Reply(status, JSON, json);
    }

    /** A UTF-8 {@code text/plain} reply. */
    public static Reply text(int status, String text) {
        return new Reply(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** 204 No Content. */
    public static Reply noContent() {
        return new Reply(204, null, new byte[0]);
    }

    /** The standard error body for {@code e} with its status. */
    public static Reply error(TalerErrorException e) {
        return new Reply(e.httpStatus(), JSON, e.toError().toJsonBytes());
    }

    /** The standard error body for a code with its registry status (or 500 if it has none). */
    public static Reply error(TalerErrorCode code, String detail) {
        return error(new TalerErrorException(code, detail));
    }

    /** An error body with an explicit status. */
    public static Reply error(int status, TalerErrorCode code, String detail) {
        return new Reply(status, JSON, TalerError.of(code, detail).toJsonBytes());
    }

    private Reply(CompletionStage<Reply> pending) {
        this.status = 0;
        this.body = new byte[0];
        this.pending = pending;
    }

    /**
     * A reply that is not known yet (long polling). The server writes the reply {@code pending}
     * completes with, without holding a thread meanwhile, and suspends the connection's idle
     * timeout until then. A stage completing exceptionally is answered with a 500.
     */
    public static Reply later(CompletionStage<Reply> pending) {
        return new Reply(Objects.requireNonNull(pending, "pending"));
    }

    /** The pending stage of a {@link #later} reply, or null for a complete reply. */
    public CompletionStage<Reply> pending() {
        return pending;
    }

    /** Sets a header; returns this reply. */
    public Reply header(CharSequence name, Object value) {
        headers.set(name, value);
        return this;
    }

    public int status() {
        return status;
    }

    public HttpHeaders headers() {
        return headers;
    }

    public byte[] body() {
        return body;
    }
}

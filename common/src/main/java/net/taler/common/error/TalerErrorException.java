package net.taler.common.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Aborts request handling with a Taler error reply. Handlers deep in the call stack throw it;
 * the HTTP layer catches it and sends {@link #toError()} with {@link #httpStatus()}, so that
 * every failure reaches the client as a standard error body.
 *
 * <p>The status defaults to the registry's for the code; the C exchange sometimes uses another
 * one for the same code, which {@link #withHttpStatus(int)} reproduces. Proof-carrying replies
 * add top-level fields with {@code withField}. Those two methods modify this exception and
 * return it, for use at the throw site:
 * {@code throw new TalerErrorException(ec, detail).withHttpStatus(424).withField("coin_pub", pub);}
 */
public class TalerErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The status sent for codes whose registry status is 0 (client-side only). */
    public static final int FALLBACK_HTTP_STATUS = 500;

    private final TalerErrorCode errorCode;
    private final String detail;
    private int httpStatusOverride;
    private final Map<String, JsonNode> extra = new LinkedHashMap<>();

    public TalerErrorException(TalerErrorCode errorCode) {
        this(errorCode, null, null);
    }

    public TalerErrorException(TalerErrorCode errorCode, String detail) {
        this(errorCode, detail, null);
    }

    public TalerErrorException(TalerErrorCode errorCode, String detail, Throwable cause) {
        super(message(errorCode, detail), cause);
        this.errorCode = errorCode;
        this.detail = detail;
    }

    private static String message(TalerErrorCode errorCode, String detail) {
        Objects.requireNonNull(errorCode, "errorCode");
        String m = errorCode.name() + " (" + errorCode.code() + ")";
        return detail == null ? m : m + ": " + detail;
    }

    /** Sends {@code status} instead of the code's default status; returns this exception. */
    public TalerErrorException withHttpStatus(int status) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("not an HTTP status: " + status);
        }
        this.httpStatusOverride = status;
        return this;
    }

    /** Adds (or replaces) a top-level field of the reply body; returns this exception. */
    public TalerErrorException withField(String name, JsonNode value) {
        Objects.requireNonNull(name, "name");
        if (name.equals("code") || name.equals("hint") || name.equals("detail")) {
            throw new IllegalArgumentException("\"" + name + "\" cannot be an extra error field");
        }
        extra.put(name, value == null ? JsonNodeFactory.instance.nullNode() : value.deepCopy());
        return this;
    }

    /** Adds (or replaces) a top-level text field of the reply body; returns this exception. */
    public TalerErrorException withField(String name, String value) {
        return withField(name, JsonNodeFactory.instance.textNode(value));
    }

    /** Adds (or replaces) a top-level integer field of the reply body; returns this exception. */
    public TalerErrorException withField(String name, long value) {
        return withField(name, TalerError.numberNode(value));
    }

    /** The Taler error code of the reply. */
    public TalerErrorCode errorCode() {
        return errorCode;
    }

    /** The optional {@code detail} of the reply. */
    public Optional<String> detail() {
        return Optional.ofNullable(detail);
    }

    /** The status set by {@link #withHttpStatus(int)}, if any. */
    public OptionalInt httpStatusOverride() {
        return httpStatusOverride == 0 ? OptionalInt.empty() : OptionalInt.of(httpStatusOverride);
    }

    /**
     * The status to send: the override if set, else the code's registry status, else (for
     * client-side-only codes) {@value #FALLBACK_HTTP_STATUS}.
     */
    public int httpStatus() {
        if (httpStatusOverride != 0) {
            return httpStatusOverride;
        }
        int def = errorCode.httpStatus();
        return def != 0 ? def : FALLBACK_HTTP_STATUS;
    }

    /** The extra top-level fields in insertion order (read-only view). */
    public Map<String, JsonNode> extraFields() {
        return Collections.unmodifiableMap(extra);
    }

    /** The reply body: the code's standard hint, the detail and the extra fields. */
    public TalerError toError() {
        return new TalerError(errorCode.code(), errorCode.hint(), detail, extra);
    }

    /** Shorthand for {@code toError().toJson()}. */
    public ObjectNode toJson() {
        return toError().toJson();
    }
}

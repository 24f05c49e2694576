package net.taler.common.bank;

import java.util.Optional;

import net.taler.common.error.TalerErrorCode;

/**
 * A Wire Gateway request that did not succeed. {@link #kind()} tells the three cases apart: the
 * bank was not reached or did not answer in time ({@link Kind#NETWORK}, {@link #httpStatus()}
 * 0), the bank answered with an error status ({@link Kind#HTTP}, with the Taler error code of
 * the body or 0 when the body has none), or the bank's answer violated the protocol
 * ({@link Kind#INVALID_REPLY}, e.g. row ids out of order, wrong currency, oversized body).
 */
public final class WireGatewayException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Connection failure, timeout or cancelled request: no HTTP status at all. */
        NETWORK,
        /** The bank answered with an unexpected HTTP status. */
        HTTP,
        /** The bank's answer had an expected status but a malformed or implausible body. */
        INVALID_REPLY
    }

    private final Kind kind;
    private final int httpStatus;
    private final int talerCode;
    private final String hint;

    private WireGatewayException(Kind kind, int httpStatus, int talerCode, String hint, String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.talerCode = talerCode;
        this.hint = hint;
    }

    /** The bank could not be reached (or timed out); status 0. */
    public static WireGatewayException network(String what, Throwable cause) {
        String reason = cause == null ? "no reply" : (cause.getMessage() != null ? cause.getMessage() : cause.toString());
        return new WireGatewayException(Kind.NETWORK, 0, 0, null, what + ": bank not reachable: " + reason, cause);
    }

    /** The bank answered {@code status}; {@code talerCode} 0 if the body carried none. */
    public static WireGatewayException http(String what, int status, int talerCode, String hint) {
        StringBuilder sb = new StringBuilder(what).append(": bank answered HTTP ").append(status);
        if (talerCode != 0) {
            sb.append(" (error ").append(talerCode);
            TalerErrorCode.byCode(talerCode).ifPresent(c -> sb.append(' ').append(c.name()));
            sb.append(')');
        }
        if (hint != null && !hint.isEmpty()) {
            sb.append(": ").append(hint);
        }
        return new WireGatewayException(Kind.HTTP, status, talerCode, hint, sb.toString(), null);
    }

    /** The answer with status {@code status} broke the protocol. */
    public static WireGatewayException invalidReply(String what, int status, String detail, Throwable cause) {
        return new WireGatewayException(Kind.INVALID_REPLY, status, 0, detail,
                what + ": invalid reply from the bank (HTTP " + status + "): " + detail, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status the bank answered with; 0 for {@link Kind#NETWORK}. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The numeric Taler error code of the bank's error body; 0 when there was none. */
    public int talerCode() {
        return talerCode;
    }

    /** {@link #talerCode()} as a known constant, if it is one. */
    public Optional<TalerErrorCode> errorCode() {
        return talerCode == 0 ? Optional.empty() : TalerErrorCode.byCode(talerCode);
    }

    /** The bank's {@code hint} (HTTP errors) or our description of the defect (invalid replies); may be null. */
    public String hint() {
        return hint;
    }

    public boolean isNetworkFailure() {
        return kind == Kind.NETWORK;
    }
}

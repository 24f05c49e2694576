package net.taler.testsupport.wallet;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.error.TalerErrorCode;

/**
 * One HTTP reply as a test sees it: status, headers, the body bytes and, if the body is JSON,
 * its parsed tree. Returned by every "raw" call, whatever the status.
 *
 * @param request what was asked, e.g. {@code "POST http://localhost:8081/reserves/…/withdraw"}
 * @param status HTTP status
 * @param headers reply headers
 * @param body the body bytes (may be empty)
 * @param json the parsed body, or {@code null} if the body is not JSON
 */
public record ApiResponse(String request, int status, HttpHeaders headers, byte[] body, JsonNode json) {
    /** Longest body excerpt put into messages. */
    private static final int SUMMARY_CHARS = 600;

    public ApiResponse {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
    }

    /** True for a 2xx status. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** True if the body is a JSON document. */
    public boolean isJson() {
        return json != null;
    }

    /** The body as UTF-8 text. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The numeric Taler error code ({@code code} of an error body), or -1 if there is none. */
    public int errorCode() {
        if (json == null || !json.isObject()) {
            return -1;
        }
        JsonNode c = json.get("code");
        return c != null && c.canConvertToInt() && c.isIntegralNumber() ? c.intValue() : -1;
    }

    /** The error code as enum, if it is one we know. */
    public Optional<TalerErrorCode> talerError() {
        int c = errorCode();
        return c < 0 ? Optional.empty() : TalerErrorCode.byCode(c);
    }

    /** True if the reply has this status and this Taler error code. */
    public boolean is(int expectedStatus, TalerErrorCode code) {
        return status == expectedStatus && errorCode() == code.code();
    }

    /** The value of a reply header, if present. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /**
     * This reply if its status is {@code expectedStatus}.
     *
     * @throws UnexpectedResponseException otherwise
     */
    public ApiResponse expect(int expectedStatus) {
        if (status != expectedStatus) {
            throw new UnexpectedResponseException("expected HTTP " + expectedStatus, this);
        }
        return this;
    }

    /**
     * The JSON object body of a reply with status {@code expectedStatus}.
     *
     * @throws UnexpectedResponseException for another status or a body that is not an object
     */
    public JsonNode expectJson(int expectedStatus) {
        expect(expectedStatus);
        if (json == null || !json.isObject()) {
            throw new UnexpectedResponseException("expected a JSON object body", this);
        }
        return json;
    }

    /** One line for messages: request, status and the start of the body. */
    public String summary() {
        String t = text();
        if (t.length() > SUMMARY_CHARS) {
            t = t.substring(0, SUMMARY_CHARS) + "…";
        }
        return request + " -> " + status + " " + t;
    }

    @Override
    public String toString() {
        return "ApiResponse(" + summary() + ")";
    }
}

package net.taler.testsupport.fuzz;

import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.error.TalerErrorCode;

/**
 * What every reply to a fuzz request must satisfy: no 5xx, no hang; a 4xx is Taler error JSON
 * ({@code code} a registered {@link TalerErrorCode}, {@code hint} a string) whose text names no
 * internals; where the request documents the codes of its error, the code is one of them.
 */
public final class Invariants {
    private static final ObjectMapper M = new ObjectMapper();
    /** Traces of our implementation that must not reach a client. */
    static final Pattern INTERNALS = Pattern.compile("(?i)(exception|java\\.|javax\\.|com\\.fasterxml|jackson"
            + "|net\\.taler\\.|org\\.postgresql|netty|sqlstate|\\.java\\b|\\bat \\w+\\.\\w+\\(|/tmp/|/home/|/work/"
            + "|source: |\\[line: |\\$\\w+\\$|@[0-9a-f]{6,})");

    private Invariants() {
    }

    /** The violation, if any. */
    public static Optional<String> check(WireRequest req, RawHttp.Reply r) {
        if (r.timedOut()) {
            return req.mayHang() ? Optional.empty() : Optional.of("hang: " + r.summary());
        }
        if (r.status() == 0) {
            // no reply: only fine for requests that are not HTTP or lie about their length
            return req.mayHang() || req.method() == null ? Optional.empty()
                    : Optional.of("connection closed without a reply");
        }
        if (r.status() == 999 || r.status() < 100) {
            return Optional.of("not an HTTP reply: " + r.summary());
        }
        if (r.status() >= 500) {
            return Optional.of("server error: " + r.summary());
        }
        if (r.status() < 400 || "HEAD".equals(req.method())) {
            return Optional.empty();
        }
        String ct = r.header("content-type");
        if (ct == null || !ct.startsWith("application/json")) {
            return Optional.of("error reply not JSON (Content-Type " + ct + "): " + r.summary());
        }
        JsonNode body;
        try {
            body = M.readTree(r.body());
        } catch (Exception e) {
            return Optional.of("error reply does not parse as JSON: " + r.summary());
        }
        if (body == null || !body.isObject() || !body.path("code").isIntegralNumber()) {
            return Optional.of("error reply without integer code: " + r.summary());
        }
        int code = body.path("code").intValue();
        if (TalerErrorCode.byCode(code).isEmpty()) {
            return Optional.of("error code " + code + " is not registered: " + r.summary());
        }
        if (!body.path("hint").isTextual()) {
            return Optional.of("error reply without string hint: " + r.summary());
        }
        if (INTERNALS.matcher(r.bodyText()).find()) {
            return Optional.of("error reply names internals: " + r.summary());
        }
        if (!req.expectCodes().isEmpty() && !req.expectCodes().contains(code)) {
            return Optional.of("code " + code + " not among the documented " + req.expectCodes() + ": " + r.summary());
        }
        return Optional.empty();
    }
}

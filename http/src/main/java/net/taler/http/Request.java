package net.taler.http;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonSyntaxErrors;
import net.taler.common.json.TalerJson;

/**
 * A complete, size-checked HTTP request as a handler sees it.
 *
 * @param method the method ({@code HEAD} is presented as {@code GET})
 * @param path the decoded path, starting with {@code /}
 * @param args the path segments after the first one (the route's arguments)
 * @param query decoded query parameters
 * @param headers request headers
 * @param body the (decompressed) body; empty for GET
 */
public record Request(HttpMethod method, String path, List<String> args, Map<String, List<String>> query,
        HttpHeaders headers, byte[] body) {
    private static final ObjectMapper MAPPER = TalerJson.mapper();

    /** The argument at {@code i} (the route guarantees the count). */
    public String arg(int i) {
        return args.get(i);
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** A header value, or null. */
    public String header(String name) {
        return headers.get(name);
    }

    /**
     * The body parsed as a JSON object (duplicate keys and trailing data are errors).
     *
     * @throws TalerErrorException 400 {@code GENERIC_JSON_INVALID} with the failing line
     */
    public JsonNode jsonBody() {
        if (body.length == 0) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_JSON_INVALID, "empty body, JSON object expected")
                    .withHttpStatus(400);
        }
        JsonNode n;
        try {
            n = MAPPER.readTree(body);
        } catch (IOException e) {
            // Jackson's message names its own classes and switches; say what is wrong instead.
            TalerErrorException ex = new TalerErrorException(TalerErrorCode.GENERIC_JSON_INVALID,
                    JsonSyntaxErrors.describe(e)).withHttpStatus(400);
            int line = JsonSyntaxErrors.line(e);
            if (line > 0) {
                ex.withField("line", line);
            }
            throw ex;
        }
        if (n == null || !n.isObject()) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_JSON_INVALID, "JSON object expected")
                    .withHttpStatus(400);
        }
        return n;
    }
}

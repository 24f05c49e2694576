package net.taler.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One valid request of a route, the seed of its mutations.
 *
 * @param route       the route it exercises, as {@code "POST /reserves/{}/withdraw"} (tests
 *                    compare these with the server's router)
 * @param method      HTTP method
 * @param target      request target: path and optional query, already %-encoded
 * @param headers     headers besides Host, Content-Length and Connection
 * @param body        body bytes (empty for none)
 * @param json        whether {@code body} is JSON (structural mutations apply)
 * @param badArgCodes the Taler error codes a request whose path argument is malformed base32
 *                    may get (empty: any registered code); documents the route's contract
 */
public record Example(String route, String method, String target, Map<String, String> headers, byte[] body,
        boolean json, Set<Integer> badArgCodes) {
    public Example {
        headers = Map.copyOf(headers);
        badArgCodes = Set.copyOf(badArgCodes);
    }

    /** A GET of {@code target}. */
    public static Example get(String route, String target) {
        return new Example(route, "GET", target, Map.of(), new byte[0], false, Set.of());
    }

    /** A POST of a JSON body. */
    public static Example postJson(String route, String target, String json) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        return new Example(route, "POST", target, h, json.getBytes(StandardCharsets.UTF_8), true, Set.of());
    }

    /** The same example, documenting the codes for a malformed path argument. */
    public Example withBadArgCodes(Integer... codes) {
        return new Example(route, method, target, headers, body, json, Set.of(codes));
    }

    @Override
    public String toString() {
        return method + " " + target + (body.length == 0 ? "" : " (" + body.length + " bytes)");
    }
}

package net.taler.fakebank;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Reply;
import net.taler.http.Request;

/**
 * Routing inside one fakebank API by whole path (the common router keys on the first segment
 * only, while the fakebank's first segment may be an account name). Unknown paths are 404
 * {@code GENERIC_ENDPOINT_UNKNOWN}, a known path with another method 405.
 */
final class PathRouter {
    /** A handler with the path's {@code {}} parameters. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request, List<String> params) throws Exception;
    }

    private record Entry(HttpMethod method, List<String> pattern, Handler handler) {
        boolean matches(List<String> segs, List<String> params) {
            if (segs.size() != pattern.size()) {
                return false;
            }
            params.clear();
            for (int i = 0; i < segs.size(); i++) {
                String p = pattern.get(i);
                if (p == null) {
                    if (segs.get(i).isEmpty()) {
                        return false;
                    }
                    params.add(segs.get(i));
                } else if (!p.equals(segs.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    private final List<Entry> entries = new ArrayList<>();
    private int maxSegments;

    /** {@code pattern} is relative, e.g. {@code "accounts/{}/withdrawals"}. */
    PathRouter add(HttpMethod method, String pattern, Handler handler) {
        List<String> p = new ArrayList<>();
        for (String s : pattern.split("/", -1)) {
            p.add(s.equals("{}") ? null : s);
        }
        // null marks a parameter, so no List.copyOf (it rejects nulls)
        entries.add(new Entry(method, Collections.unmodifiableList(p), handler));
        maxSegments = Math.max(maxSegments, p.size());
        return this;
    }

    /** Every route as {@code "METHOD pattern"}, e.g. {@code "POST {}/transfer"} (tests enumerate the API). */
    List<String> describe() {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            StringBuilder sb = new StringBuilder(e.method().name()).append(' ');
            for (int i = 0; i < e.pattern().size(); i++) {
                sb.append(i == 0 ? "" : "/").append(e.pattern().get(i) == null ? "{}" : e.pattern().get(i));
            }
            out.add(sb.toString());
        }
        return out;
    }

    /** The most segments any route has. */
    int maxSegments() {
        return maxSegments;
    }

    /** Runs the matching handler; {@code HEAD} is served like {@code GET}. */
    Reply dispatch(Request request, List<String> segs) throws Exception {
        HttpMethod m = HttpMethod.HEAD.equals(request.method()) ? HttpMethod.GET : request.method();
        Set<String> allow = new LinkedHashSet<>();
        List<String> params = new ArrayList<>();
        for (Entry e : entries) {
            if (e.matches(segs, params)) {
                if (e.method().equals(m)) {
                    return e.handler().handle(request, List.copyOf(params));
                }
                allow.add(e.method().name());
            }
        }
        if (allow.isEmpty()) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_ENDPOINT_UNKNOWN,
                    "no endpoint " + request.path());
        }
        if (allow.contains("GET")) {
            allow.add("HEAD");
        }
        allow.add("OPTIONS");
        return Reply.error(new TalerErrorException(TalerErrorCode.GENERIC_METHOD_INVALID,
                "method " + request.method().name() + " not allowed here"))
                .header(HttpHeaderNames.ALLOW, String.join(", ", allow));
    }
}

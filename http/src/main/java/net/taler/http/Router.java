package net.taler.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;

/**
 * Maps a request to its route the way the C exchange does (exchange-api.md 1.4): the first path
 * segment selects a group of routes, the number of remaining segments must match exactly
 * (else 404 {@code EXCHANGE_GENERIC_WRONG_NUMBER_OF_SEGMENTS}), a literal segment that matches
 * no route is an unknown operation (404 {@code EXCHANGE_GENERIC_OPERATION_UNKNOWN}), and a known
 * path with another method is 405 with an {@code Allow} header.
 */
public final class Router {
    /** Where an endpoint runs: on the event loop (only for cheap, non-blocking work) or on the worker pool. */
    public enum Execution { EVENT_LOOP, WORKER }

    /**
     * One route.
     *
     * @param pattern the segments after the first; {@code null} elements match any argument
     */
    public record Route(HttpMethod method, String first, List<String> pattern, Endpoint endpoint, Execution execution) {
        boolean matches(List<String> args) {
            if (args.size() != pattern.size()) {
                return false;
            }
            for (int i = 0; i < args.size(); i++) {
                String p = pattern.get(i);
                if (p != null && !p.equals(args.get(i))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** The result of routing: the route, or the error to send. */
    public record Match(Route route, TalerErrorException error, Set<String> allow) {
    }

    /** Placeholder in patterns for "any argument". */
    public static final String ARG = null;

    /**
     * Turns an unexpected failure of an endpoint into its reply, e.g. 503 while a back end is
     * down; returns null for failures it does not know (those stay a logged 500). Lets the
     * composition root map its modules' exceptions without this module knowing them.
     */
    @FunctionalInterface
    public interface FailureReplies {
        Reply replyFor(Throwable failure);
    }

    private final Map<String, List<Route>> byFirst = new LinkedHashMap<>();
    private FailureReplies failureReplies = f -> null;
    private Endpoint fallback;
    private Execution fallbackExecution;

    /**
     * Sends every request whose first path segment has no routes to {@code endpoint}, whatever its
     * method and segment count (for URL spaces keyed by a name, like the fakebank's
     * {@code /<account>/...}). Configure before the server starts.
     */
    public Router fallback(Execution execution, Endpoint endpoint) {
        this.fallback = Objects.requireNonNull(endpoint, "endpoint");
        this.fallbackExecution = Objects.requireNonNull(execution, "execution");
        return this;
    }

    /** Sets how unexpected endpoint failures are answered (see {@link FailureReplies}); configure before serving. */
    public Router failureReplies(FailureReplies mapping) {
        this.failureReplies = Objects.requireNonNull(mapping, "mapping");
        return this;
    }

    FailureReplies failureReplies() {
        return failureReplies;
    }

    /** Every registered route, in registration order (tests enumerate the API with it). */
    public List<Route> routes() {
        List<Route> all = new ArrayList<>();
        byFirst.values().forEach(all::addAll);
        return Collections.unmodifiableList(all);
    }

    /**
     * Adds a route. {@code path} looks like {@code "/management/denominations/{}/revoke"}: the first
     * segment, then literals and {@code {}} for arguments.
     */
    public Router add(HttpMethod method, String path, Execution execution, Endpoint endpoint) {
        Objects.requireNonNull(endpoint, "endpoint");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
        String[] parts = path.substring(1).split("/", -1);
        List<String> pattern = new ArrayList<>();
        for (int i = 1; i < parts.length; i++) {
            pattern.add(parts[i].equals("{}") ? ARG : parts[i]);
        }
        byFirst.computeIfAbsent(parts[0], k -> new ArrayList<>())
                .add(new Route(method, parts[0], Collections.unmodifiableList(pattern), endpoint, execution));
        return this;
    }

    /** Routes a request; {@code HEAD} is routed like {@code GET}. */
    public Match route(HttpMethod method, String first, List<String> args) {
        List<Route> group = byFirst.get(first);
        if (group == null && fallback != null) {
            return new Match(new Route(method, first, List.of(), fallback, fallbackExecution), null, Set.of());
        }
        if (group == null) {
            return error(new TalerErrorException(TalerErrorCode.GENERIC_ENDPOINT_UNKNOWN,
                    "no endpoint /" + first));
        }
        List<Route> sameCount = group.stream().filter(r -> r.pattern().size() == args.size()).toList();
        if (sameCount.isEmpty()) {
            return error(new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_WRONG_NUMBER_OF_SEGMENTS,
                    "wrong number of path segments for /" + first));
        }
        List<Route> matching = sameCount.stream().filter(r -> r.matches(args)).toList();
        if (matching.isEmpty()) {
            return error(new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_OPERATION_UNKNOWN,
                    "unknown operation under /" + first));
        }
        HttpMethod m = HttpMethod.HEAD.equals(method) ? HttpMethod.GET : method;
        Set<String> allow = new LinkedHashSet<>();
        for (Route r : matching) {
            if (r.method().equals(m)) {
                return new Match(r, null, Set.of());
            }
            allow.add(r.method().name());
            if (HttpMethod.GET.equals(r.method())) {
                allow.add("HEAD");
            }
        }
        allow.add("OPTIONS");
        return new Match(null, new TalerErrorException(TalerErrorCode.GENERIC_METHOD_INVALID,
                "method " + method.name() + " not allowed here"), allow);
    }

    /** The methods allowed on a path (for CORS pre-flight); empty if the path is unknown. */
    public Set<String> allowedMethods(String first, List<String> args) {
        Set<String> allow = new LinkedHashSet<>();
        if (!byFirst.containsKey(first) && fallback != null) {
            allow.add("GET");
            allow.add("POST");
            return allow;
        }
        for (Route r : byFirst.getOrDefault(first, List.of())) {
            if (r.matches(args)) {
                allow.add(r.method().name());
            }
        }
        return allow;
    }

    private static Match error(TalerErrorException e) {
        return new Match(null, e, Set.of());
    }
}

package net.taler.fakebank;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.netty.handler.codec.http.HttpMethod;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.http.Router;
import net.taler.http.Router.Execution;

/**
 * Maps the fakebank's URL space (wire-gateway.md 3.1) onto the common {@link Router}: the three
 * API prefixes and {@code GET /} are fixed; every other first segment is an account name
 * ({@code /<ACCOUNT>/<endpoint>}), which the router's fallback sends to {@link #handle}; that
 * routes by whole path.
 */
final class FakebankRoutes {
    static final String WIRE_GATEWAY = "taler-wire-gateway";
    static final String INTEGRATION = "taler-bank-integration";
    static final String ACCESS = "taler-bank-access";
    /** Path segments after the first one that still reach our own 404 (longer: the router's). */
    static final int MAX_ARGS = 8;

    private final Router router = new Router();
    private final PathRouter wire;
    private final PathRouter integration;
    private final PathRouter access;
    private final Set<String> registered = new HashSet<>();

    FakebankRoutes(WireGatewayApi wire, IntegrationApi integration, AccessApi access) {
        this.wire = wire.routes();
        this.integration = integration.routes();
        this.access = access.routes();
        router.add(HttpMethod.GET, "/", Execution.EVENT_LOOP, r -> Reply.text(200, "Hello, Fakebank!"));
        for (String first : List.of(WIRE_GATEWAY, INTEGRATION, ACCESS)) {
            addFirst(first);
        }
        router.fallback(Execution.WORKER, this::handle);
    }

    Router router() {
        return router;
    }

    /**
     * Every route as {@code "METHOD /path"} with {@code {}} for arguments: {@code GET /}, the three
     * APIs under their prefixes, and the Wire Gateway again under {@code /<ACCOUNT>/} (fallback).
     */
    List<String> routes() {
        List<String> out = new java.util.ArrayList<>(List.of("GET /"));
        for (String r : wire.describe()) {
            out.add(r.replaceFirst(" ", " /" + WIRE_GATEWAY + "/"));
            out.add(r.replaceFirst(" ", " /"));
        }
        integration.describe().forEach(r -> out.add(r.replaceFirst(" ", " /" + INTEGRATION + "/")));
        access.describe().forEach(r -> out.add(r.replaceFirst(" ", " /" + ACCESS + "/")));
        return out;
    }

    private void addFirst(String first) {
        if (!registered.add(first)) {
            return;
        }
        StringBuilder path = new StringBuilder("/").append(first);
        for (int n = 0; n <= MAX_ARGS; n++) {
            router.add(HttpMethod.GET, path.toString(), Execution.WORKER, this::handle);
            router.add(HttpMethod.POST, path.toString(), Execution.WORKER, this::handle);
            path.append("/{}");
        }
    }

    /** Routes by the whole path. */
    Reply handle(Request req) throws Exception {
        List<String> segs = Arrays.asList(req.path().substring(1).split("/", -1));
        List<String> rest = segs.subList(1, segs.size());
        return switch (segs.get(0)) {
            case WIRE_GATEWAY -> wire.dispatch(req, rest);
            case INTEGRATION -> integration.dispatch(req, rest);
            case ACCESS -> access.dispatch(req, rest);
            default -> wire.dispatch(req, segs);
        };
    }
}

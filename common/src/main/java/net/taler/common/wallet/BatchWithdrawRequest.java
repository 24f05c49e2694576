package net.taler.common.wallet;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;

/**
 * The body of {@code POST /reserves/$RESERVE_PUB/batch-withdraw}: {@code {"planchets": [...]}}
 * with 1 to {@value #MAX_PLANCHETS} {@link WithdrawPlanchet}s.
 */
public record BatchWithdrawRequest(List<WithdrawPlanchet> planchets) {
    /** Most planchets in one batch (exchange-api.md 3.3). */
    public static final int MAX_PLANCHETS = 256;

    public BatchWithdrawRequest {
        planchets = List.copyOf(planchets);
        if (planchets.isEmpty() || planchets.size() > MAX_PLANCHETS) {
            throw new IllegalArgumentException("1 to " + MAX_PLANCHETS + " planchets expected, not " + planchets.size());
        }
    }

    /** Parses every planchet; errors as {@link #planchets(JsonNode)} gives them. */
    public static BatchWithdrawRequest parse(JsonNode body) {
        List<WithdrawPlanchet> list = new ArrayList<>();
        planchets(body).forEach(list::add);
        return new BatchWithdrawRequest(list);
    }

    /**
     * The planchets of {@code body}, each parsed only when the iteration reaches it, so that a
     * server can check one before parsing the next and the first bad planchet decides the
     * refusal (as the C exchange does). A missing, non-array, empty or too long
     * {@code planchets} fails here: 400 {@code GENERIC_PARAMETER_MALFORMED}; a bad planchet fails
     * the iteration step as {@link WithdrawPlanchet#parse} does.
     */
    public static Iterable<WithdrawPlanchet> planchets(JsonNode body) {
        JsonNode arr = body == null ? null : body.get("planchets");
        if (arr == null || !arr.isArray() || arr.isEmpty() || arr.size() > MAX_PLANCHETS) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED,
                    "planchets: 1 to " + MAX_PLANCHETS + " entries expected").withHttpStatus(400);
        }
        return () -> new Iterator<>() {
            private final Iterator<JsonNode> nodes = arr.elements();

            @Override
            public boolean hasNext() {
                return nodes.hasNext();
            }

            @Override
            public WithdrawPlanchet next() {
                return WithdrawPlanchet.parse(nodes.next());
            }
        };
    }

    /** The body as a client sends it. */
    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        ArrayNode arr = o.putArray("planchets");
        planchets.forEach(p -> arr.add(p.toJson()));
        return o;
    }
}

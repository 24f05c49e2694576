package net.taler.testsupport.wallet;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;

/**
 * The test part of the Taler wire gateway (wire-gateway.md 2.4): {@code POST admin/add-incoming}
 * simulates a customer wiring money to the exchange with a reserve public key as subject.
 * Thread safe.
 */
public final class BankClient {
    /** The debit account the wallet's fakebank helpers use. */
    public static final String DEFAULT_DEBIT_ACCOUNT = "payto://x-taler-bank/localhost/testdebtor";

    private final JsonHttp http;
    private final URI wireGatewayBase;
    private final Map<String, String> authHeaders;

    /**
     * Without authentication (the fakebank checks none).
     *
     * @param wireGatewayBase the exchange account's wire gateway URL, e.g.
     *     {@code http://localhost:8082/taler-wire-gateway/myexchange/} (final slash added if missing)
     */
    public BankClient(JsonHttp http, String wireGatewayBase) {
        this(http, wireGatewayBase, null, null);
    }

    /** With HTTP Basic authentication ({@code WIRE_GATEWAY_AUTH_METHOD = basic}); null user for none. */
    public BankClient(JsonHttp http, String wireGatewayBase, String username, String password) {
        this.http = Objects.requireNonNull(http, "http");
        this.wireGatewayBase = Urls.base(wireGatewayBase);
        if (username == null) {
            this.authHeaders = Map.of();
        } else {
            String token = Base64.getEncoder().encodeToString(
                    (username + ":" + Objects.requireNonNull(password, "password")).getBytes(StandardCharsets.UTF_8));
            this.authHeaders = Map.of("Authorization", "Basic " + token);
        }
    }

    public URI wireGatewayBase() {
        return wireGatewayBase;
    }

    /** The request body {@code {amount, reserve_pub, debit_account}} (free to modify). */
    public static ObjectNode addIncomingBody(Amount amount, EddsaPublicKey reservePub, String debitAccount) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("amount", amount.toString());
        o.put("reserve_pub", reservePub.toBase32());
        o.put("debit_account", debitAccount);
        return o;
    }

    /** {@code POST admin/add-incoming} with any body. */
    public ApiResponse addIncomingRaw(JsonNode body) {
        return http.postJson(Urls.resolve(wireGatewayBase, "admin/add-incoming"), body, http.timeout(), authHeaders);
    }

    /**
     * Credits {@code amount} from {@code debitAccount} with subject {@code reservePub}.
     *
     * @return the bank's {@code row_id}
     * @throws UnexpectedResponseException unless 200 with a {@code row_id}
     */
    public long addIncoming(Amount amount, EddsaPublicKey reservePub, String debitAccount) {
        ApiResponse r = addIncomingRaw(addIncomingBody(amount, reservePub, debitAccount));
        JsonNode body = r.expectJson(200);
        JsonNode row = body.get("row_id");
        if (row == null || !row.isIntegralNumber() || !row.canConvertToLong()) {
            throw new UnexpectedResponseException("no integer row_id", r);
        }
        return row.longValue();
    }

    /** {@link #addIncoming(Amount, EddsaPublicKey, String)} from {@link #DEFAULT_DEBIT_ACCOUNT}. */
    public long addIncoming(Amount amount, EddsaPublicKey reservePub) {
        return addIncoming(amount, reservePub, DEFAULT_DEBIT_ACCOUNT);
    }

    @Override
    public String toString() {
        return "BankClient(" + wireGatewayBase + ")";
    }
}

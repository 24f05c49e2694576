package net.taler.testsupport.wallet;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.error.TalerErrorCode;

/**
 * Client of the exchange's public API (exchange-api.md 2.2, 3.1–3.4). Every endpoint has a raw
 * form ({@code ...Raw}, any body, returns whatever the exchange answered) and a typed form that
 * requires the success reply and decodes it (or throws {@link UnexpectedResponseException} /
 * {@link WalletException}). Thread safe and cheap: one per exchange, sharing a {@link JsonHttp}.
 */
public final class ExchangeClient {
    /** Extra HTTP time granted on top of a long-poll timeout. */
    public static final Duration LONG_POLL_SLACK = Duration.ofSeconds(10);
    /** The wallet's {@code /keys} timeout. */
    public static final Duration KEYS_TIMEOUT = Duration.ofSeconds(5);
    /** Most planchets per batch-withdraw request (exchange-api.md 3.3). */
    public static final int MAX_BATCH = 256;

    private final JsonHttp http;
    private final URI baseUrl;
    private final KeysParser keysParser;

    /**
     * @param http shared HTTP/JSON layer
     * @param baseUrl e.g. {@code http://localhost:8081/} (a missing final slash is added)
     */
    public ExchangeClient(JsonHttp http, String baseUrl) {
        this.http = Objects.requireNonNull(http, "http");
        this.baseUrl = Urls.base(baseUrl);
        this.keysParser = new KeysParser(http.mapper());
    }

    /** With a new private {@link JsonHttp} (for one-off use; share one in load tests). */
    public static ExchangeClient connect(String baseUrl) {
        return new ExchangeClient(new JsonHttp(), baseUrl);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    public JsonHttp http() {
        return http;
    }

    /** The absolute URL of a path relative to the base URL (may include a query). */
    public URI url(String relative) {
        return Urls.resolve(baseUrl, relative);
    }

    // ------------------------------------------------------------------ generic raw calls

    /** {@code GET <base><relative>}. */
    public ApiResponse get(String relative) {
        return http.get(url(relative));
    }

    /** {@code POST <base><relative>} with a JSON body. */
    public ApiResponse post(String relative, JsonNode body) {
        return http.postJson(url(relative), body);
    }

    /** {@code POST <base><relative>} with arbitrary bytes as {@code application/json} (malformed-body tests). */
    public ApiResponse postBytes(String relative, byte[] body) {
        return http.postBytes(url(relative), body, "application/json", http.timeout(), Map.of());
    }

    // ------------------------------------------------------------------ /keys

    /** {@code GET /keys} (5 s timeout, as the wallet). */
    public ApiResponse keysRaw() {
        return http.get(url("keys"), KEYS_TIMEOUT, Map.of());
    }

    /** {@code GET /keys}, parsed and verified against the master key the exchange reports. */
    public ExchangeKeys keys() {
        return keys(null);
    }

    /**
     * {@code GET /keys}, parsed and verified.
     *
     * @param expectedMaster the master key the exchange must use, or null for any
     */
    public ExchangeKeys keys(EddsaPublicKey expectedMaster) {
        ApiResponse r = keysRaw();
        return keysParser.parse(r.expectJson(200), expectedMaster);
    }

    // ------------------------------------------------------------------ reserves

    /**
     * {@code GET /reserves/$R[?timeout_ms=N]}.
     *
     * @param timeout long-poll time, or null/zero for none
     */
    public ApiResponse reserveStatusRaw(EddsaPublicKey reservePub, Duration timeout) {
        String path = "reserves/" + reservePub.toBase32();
        Duration httpTimeout = http.timeout();
        if (timeout != null && !timeout.isZero() && !timeout.isNegative()) {
            path += "?timeout_ms=" + timeout.toMillis();
            httpTimeout = timeout.plus(LONG_POLL_SLACK);
        }
        return http.get(url(path), httpTimeout, Map.of());
    }

    /**
     * The reserve balance, or empty if the exchange does not know the reserve (404 with
     * {@code EXCHANGE_RESERVES_STATUS_UNKNOWN}) within {@code timeout}.
     *
     * @throws UnexpectedResponseException for any other reply
     */
    public Optional<Amount> reserveBalance(EddsaPublicKey reservePub, Duration timeout) {
        ApiResponse r = reserveStatusRaw(reservePub, timeout);
        if (r.is(404, TalerErrorCode.EXCHANGE_RESERVES_STATUS_UNKNOWN)) {
            return Optional.empty();
        }
        JsonNode body = r.expectJson(200);
        try {
            return Optional.of(Fields.value(http.mapper(), body, "balance", Amount.class));
        } catch (WalletException e) {
            throw new UnexpectedResponseException("bad reserve status: " + e.getMessage(), r);
        }
    }

    // ------------------------------------------------------------------ withdraw

    /** {@code POST /reserves/$R/withdraw} with any body. */
    public ApiResponse withdrawRaw(EddsaPublicKey reservePub, JsonNode body) {
        return http.postJson(url("reserves/" + reservePub.toBase32() + "/withdraw"), body);
    }

    /** {@code POST /reserves/$R/withdraw} with {@code planchet} (which may be tampered). */
    public ApiResponse withdrawRaw(EddsaPublicKey reservePub, SignedPlanchet planchet) {
        return withdrawRaw(reservePub, planchet.toJson());
    }

    /**
     * Withdraws one planchet: the exchange's blind signature ({@code ev_sig}), not yet
     * unblinded or verified.
     *
     * @throws UnexpectedResponseException unless the exchange answers 200 with an {@code ev_sig}
     */
    public BlindSignature withdraw(EddsaPublicKey reservePub, SignedPlanchet planchet) {
        ApiResponse r = withdrawRaw(reservePub, planchet);
        return blindSignature(r, r.expectJson(200));
    }

    /** {@code POST /reserves/$R/batch-withdraw} with any body. */
    public ApiResponse batchWithdrawRaw(EddsaPublicKey reservePub, JsonNode body) {
        return http.postJson(url("reserves/" + reservePub.toBase32() + "/batch-withdraw"), body);
    }

    /** {@code POST /reserves/$R/batch-withdraw} with {@code {"planchets": [...]}} (no size check). */
    public ApiResponse batchWithdrawRaw(EddsaPublicKey reservePub, List<SignedPlanchet> planchets) {
        return batchWithdrawRaw(reservePub, SignedPlanchet.batchJson(planchets));
    }

    /**
     * Withdraws 1…{@link #MAX_BATCH} planchets in one request; the blind signatures in request
     * order.
     *
     * @throws UnexpectedResponseException unless 200 with exactly one {@code ev_sig} per planchet
     */
    public List<BlindSignature> batchWithdraw(EddsaPublicKey reservePub, List<SignedPlanchet> planchets) {
        if (planchets.isEmpty() || planchets.size() > MAX_BATCH) {
            throw new IllegalArgumentException("batch of " + planchets.size() + " planchets, allowed 1.." + MAX_BATCH);
        }
        ApiResponse r = batchWithdrawRaw(reservePub, planchets);
        JsonNode body = r.expectJson(200);
        JsonNode sigs = body.get("ev_sigs");
        if (sigs == null || !sigs.isArray() || sigs.size() != planchets.size()) {
            throw new UnexpectedResponseException("expected " + planchets.size() + " ev_sigs", r);
        }
        List<BlindSignature> out = new ArrayList<>(sigs.size());
        for (JsonNode s : sigs) {
            out.add(blindSignature(r, s));
        }
        return out;
    }

    private static BlindSignature blindSignature(ApiResponse r, JsonNode holder) {
        try {
            return CipherJson.parseBlindSignature(Fields.object(holder, "ev_sig"));
        } catch (WalletException e) {
            throw new UnexpectedResponseException("bad ev_sig: " + e.getMessage(), r);
        }
    }

    // ------------------------------------------------------------------ CS

    /** {@code POST /csr-withdraw} with any body. */
    public ApiResponse csrWithdrawRaw(JsonNode body) {
        return http.postJson(url("csr-withdraw"), body);
    }

    /** {@code POST /csr-withdraw {nonce, denom_pub_hash}}. */
    public ApiResponse csrWithdrawRaw(CsNonce nonce, HashCode denomPubHash) {
        return csrWithdrawRaw(csrWithdrawBody(nonce, denomPubHash));
    }

    /** The request body {@code {nonce, denom_pub_hash}} (free to modify). */
    public static ObjectNode csrWithdrawBody(CsNonce nonce, HashCode denomPubHash) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("nonce", nonce.toBase32());
        o.put("denom_pub_hash", denomPubHash.toBase32());
        return o;
    }

    /**
     * The exchange's (R0, R1) for a CS withdrawal with {@code nonce}.
     *
     * @throws UnexpectedResponseException unless 200 with CS {@code ewv}
     */
    public CsRPublicPair csrWithdraw(CsNonce nonce, HashCode denomPubHash) {
        ApiResponse r = csrWithdrawRaw(nonce, denomPubHash);
        JsonNode body = r.expectJson(200);
        try {
            return CipherJson.parseCsWithdrawValues(Fields.object(body, "ewv"));
        } catch (WalletException e) {
            throw new UnexpectedResponseException("bad ewv: " + e.getMessage(), r);
        }
    }

    @Override
    public String toString() {
        return "ExchangeClient(" + baseUrl + ")";
    }
}

package net.taler.testsupport.wallet;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.taler.common.json.TalerJson;

/**
 * HTTP with JSON bodies over one shared {@link HttpClient}. Thread safe; create one per test
 * class or benchmark run and hand it to every client (connection pooling happens inside the
 * {@code HttpClient}).
 *
 * <p>Behaves like the wallet's HTTP layer where that matters to the server: HTTP/1.1, redirects
 * are not followed, {@code Content-Type: application/json} on JSON requests.
 */
public final class JsonHttp {
    /** Largest reply body read; the exchange caps request bodies at the same size. */
    public static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
    /** Request timeout unless a call says otherwise (the wallet's default). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** TCP connect timeout of {@link #newHttpClient()}. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    private final ObjectMapper mapper;
    private final Duration timeout;

    /** Over an existing client, with {@link #DEFAULT_TIMEOUT}. */
    public JsonHttp(HttpClient client) {
        this(client, DEFAULT_TIMEOUT);
    }

    /**
     * @param client the shared HTTP client
     * @param timeout default per-request timeout
     */
    public JsonHttp(HttpClient client, Duration timeout) {
        this.client = Objects.requireNonNull(client, "client");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        this.mapper = TalerJson.mapper();
    }

    /** Over a new client from {@link #newHttpClient()}. */
    public JsonHttp() {
        this(newHttpClient());
    }

    /**
     * A client configured like the wallet's: HTTP/1.1 (no h2c upgrade attempts), no redirects,
     * {@link #CONNECT_TIMEOUT}.
     */
    public static HttpClient newHttpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The underlying client. */
    public HttpClient client() {
        return client;
    }

    /** The Taler-configured mapper used for all bodies (thread safe, do not reconfigure). */
    public ObjectMapper mapper() {
        return mapper;
    }

    /** The default request timeout. */
    public Duration timeout() {
        return timeout;
    }

    /** {@code GET uri} with the default timeout. */
    public ApiResponse get(URI uri) {
        return get(uri, timeout, Map.of());
    }

    /** {@code GET uri}. */
    public ApiResponse get(URI uri, Duration requestTimeout, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        return send(b, "GET " + uri, requestTimeout, headers);
    }

    /** {@code POST uri} with a JSON body and the default timeout. */
    public ApiResponse postJson(URI uri, JsonNode body) {
        return postJson(uri, body, timeout, Map.of());
    }

    /** {@code POST uri} with a JSON body. */
    public ApiResponse postJson(URI uri, JsonNode body, Duration requestTimeout, Map<String, String> headers) {
        Objects.requireNonNull(body, "body");
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new WalletException("cannot encode request body", e);
        }
        return postBytes(uri, bytes, "application/json", requestTimeout, headers);
    }

    /**
     * {@code POST uri} with arbitrary bytes, e.g. deliberately broken JSON for negative tests.
     *
     * @param contentType the {@code Content-Type} header, or null for none
     */
    public ApiResponse postBytes(URI uri, byte[] body, String contentType, Duration requestTimeout,
            Map<String, String> headers) {
        Objects.requireNonNull(body, "body");
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return send(b, "POST " + uri, requestTimeout, headers);
    }

    private ApiResponse send(HttpRequest.Builder b, String what, Duration requestTimeout,
            Map<String, String> headers) {
        b.timeout(requestTimeout == null ? timeout : requestTimeout);
        headers.forEach(b::header);
        HttpResponse<InputStream> r;
        try {
            r = client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new WalletException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WalletException(what + " interrupted", e);
        }
        byte[] body;
        try (InputStream in = r.body()) {
            body = in.readNBytes(MAX_RESPONSE_BYTES + 1);
        } catch (IOException e) {
            throw new WalletException(what + ": reading the reply failed: " + e, e);
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            throw new WalletException(what + ": reply larger than " + MAX_RESPONSE_BYTES + " bytes");
        }
        return new ApiResponse(what, r.statusCode(), r.headers(), body, parseOrNull(body));
    }

    /** The JSON tree of {@code body}, or null if it is empty or not JSON. */
    private JsonNode parseOrNull(byte[] body) {
        if (body.length == 0) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }
}

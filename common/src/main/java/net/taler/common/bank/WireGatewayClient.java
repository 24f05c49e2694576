package net.taler.common.bank;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import net.taler.common.amount.Amount;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.json.TalerJson;

/**
 * Client of one Wire Gateway account (wire-gateway.md 2) over the JDK's
 * {@link java.net.http.HttpClient}. Thread safe; one instance per gateway base URL; close it to
 * release its threads.
 *
 * <p>Every operation exists synchronously (throws {@link WireGatewayException}) and
 * asynchronously (the future fails with a {@link WireGatewayException}, wrapped in
 * {@link ExecutionException}/{@link CompletionException} by the future's accessors), so that a
 * long-polling caller can give up on a request when it is asked to stop.
 *
 * <p>Limits: a reply body larger than {@link Options#maxReplyBytes()} is an invalid reply; every
 * request times out after {@link Options#requestTimeout()} plus its long-poll time; history
 * replies may not hold more entries than requested, must be strictly ordered and in the
 * client's currency.
 */
public final class WireGatewayClient implements AutoCloseable {
    /** Longest long-poll accepted (the exchange uses 60 s). */
    public static final Duration MAX_LONG_POLL = Duration.ofHours(1);
    private static final ObjectMapper MAPPER = TalerJson.mapper();
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /**
     * Tunables.
     *
     * @param connectTimeout bound on establishing a connection
     * @param requestTimeout bound on a whole request without long polling; a long-polling
     *     request gets this plus its long-poll time, so the bank can always answer in time
     * @param maxReplyBytes largest reply body accepted
     */
    public record Options(Duration connectTimeout, Duration requestTimeout, int maxReplyBytes) {
        /** 10 s to connect, 30 s per request, 16 MiB per reply. */
        public static final Options DEFAULT = new Options(Duration.ofSeconds(10), Duration.ofSeconds(30),
                (int) TalerJson.MAX_DOCUMENT_LENGTH);

        public Options {
            if (connectTimeout.isNegative() || connectTimeout.isZero()
                    || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("timeouts must be positive");
            }
            if (maxReplyBytes < 1024) {
                throw new IllegalArgumentException("reply limit below 1 KiB");
            }
        }

        public Options withRequestTimeout(Duration d) {
            return new Options(connectTimeout, d, maxReplyBytes);
        }

        public Options withMaxReplyBytes(int n) {
            return new Options(connectTimeout, requestTimeout, n);
        }
    }

    private final WireGatewayCredentials credentials;
    private final String currency;
    private final Options options;
    private final ExecutorService executor;
    private final HttpClient http;

    /**
     * @param credentials where the gateway is and how to log in
     * @param currency the currency every amount must have (the exchange's)
     */
    public WireGatewayClient(WireGatewayCredentials credentials, String currency, Options options) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        Amount.checkCurrency(currency);
        this.currency = currency;
        this.options = Objects.requireNonNull(options, "options");
        int id = CLIENTS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        // our own executor so that close() ends the client's threads (JDK 17's HttpClient has no close)
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wire-gateway-" + id + "-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    public WireGatewayClient(WireGatewayCredentials credentials, String currency) {
        this(credentials, currency, Options.DEFAULT);
    }

    /**
     * A client for the credentials section {@code credentialsSection} of {@code cfg} (see
     * {@link WireGatewayCredentials#fromConfig}); {@code ConfigException} if it is incomplete.
     */
    public static WireGatewayClient fromConfig(TalerConfig cfg, String credentialsSection, String currency) {
        return new WireGatewayClient(WireGatewayCredentials.fromConfig(cfg, credentialsSection), currency);
    }

    public WireGatewayCredentials credentials() {
        return credentials;
    }

    public String currency() {
        return currency;
    }

    // ------------------------------------------------------------------ history

    /**
     * {@code GET history/incoming}: up to |delta| credits after (delta &gt; 0) or before
     * (delta &lt; 0) row {@code start}, exclusive; {@code start} 0 is omitted from the request
     * (from the oldest, resp. newest, row). A 204 is an empty list. With a positive
     * {@code longPoll}, the bank waits that long for a first matching row.
     */
    public List<IncomingTransaction> incomingHistory(long start, int delta, Duration longPoll)
            throws WireGatewayException, InterruptedException {
        return await(incomingHistoryAsync(start, delta, longPoll));
    }

    /** {@link #incomingHistory} without blocking. */
    public CompletableFuture<List<IncomingTransaction>> incomingHistoryAsync(long start, int delta, Duration longPoll) {
        String what = "history/incoming";
        return history(what, start, delta, longPoll)
                .thenApply(r -> unchecked(() -> r.statusCode() == 204 ? List.<IncomingTransaction>of()
                        : WireGatewayReplies.of(what, r.statusCode(), currency).incoming(r.body(), start, delta)));
    }

    /** {@code GET history/outgoing}; paging as {@link #incomingHistory}. */
    public List<OutgoingTransaction> outgoingHistory(long start, int delta, Duration longPoll)
            throws WireGatewayException, InterruptedException {
        return await(outgoingHistoryAsync(start, delta, longPoll));
    }

    /** {@link #outgoingHistory} without blocking. */
    public CompletableFuture<List<OutgoingTransaction>> outgoingHistoryAsync(long start, int delta, Duration longPoll) {
        String what = "history/outgoing";
        return history(what, start, delta, longPoll)
                .thenApply(r -> unchecked(() -> r.statusCode() == 204 ? List.<OutgoingTransaction>of()
                        : WireGatewayReplies.of(what, r.statusCode(), currency).outgoing(r.body(), start, delta)));
    }

    private CompletableFuture<HttpResponse<byte[]>> history(String what, long start, int delta, Duration longPoll) {
        if (delta == 0) {
            throw new IllegalArgumentException("delta must not be 0");
        }
        if (start < 0) {
            throw new IllegalArgumentException("start must not be negative");
        }
        Objects.requireNonNull(longPoll, "longPoll");
        if (longPoll.isNegative() || longPoll.compareTo(MAX_LONG_POLL) > 0) {
            throw new IllegalArgumentException("long poll out of range: " + longPoll);
        }
        StringBuilder q = new StringBuilder(what).append("?delta=").append(delta);
        if (start != 0) {
            q.append("&start=").append(start);
        }
        if (!longPoll.isZero()) {
            q.append("&long_poll_ms=").append(longPoll.toMillis());
        }
        HttpRequest req = request(q.toString(), longPoll).GET().build();
        return send(what, req, 200, 204);
    }

    // ------------------------------------------------------------------ transfers

    /** {@code POST transfer}: pays from the gateway's account; idempotent on the request uid. */
    public TransferResult transfer(TransferRequest t) throws WireGatewayException, InterruptedException {
        return await(transferAsync(t));
    }

    /** {@link #transfer} without blocking. */
    public CompletableFuture<TransferResult> transferAsync(TransferRequest t) {
        requireCurrency(t.amount());
        ObjectNode body = MAPPER.createObjectNode();
        body.put("request_uid", t.requestUid().toBase32());
        body.put("amount", t.amount().toString());
        body.put("exchange_base_url", t.exchangeBaseUrl());
        body.put("wtid", t.wtid().toBase32());
        body.put("credit_account", t.creditAccount());
        return post("transfer", body);
    }

    /**
     * {@code POST admin/add-incoming} (testing): a payment of {@code amount} from
     * {@code debitAccount} into the gateway's account with {@code reservePub} as subject.
     */
    public TransferResult addIncoming(Amount amount, EddsaPublicKey reservePub, String debitAccount)
            throws WireGatewayException, InterruptedException {
        return await(addIncomingAsync(amount, reservePub, debitAccount));
    }

    /** {@link #addIncoming} without blocking. */
    public CompletableFuture<TransferResult> addIncomingAsync(Amount amount, EddsaPublicKey reservePub,
            String debitAccount) {
        requireCurrency(amount);
        ObjectNode body = MAPPER.createObjectNode();
        body.put("amount", amount.toString());
        body.put("reserve_pub", reservePub.toBase32());
        body.put("debit_account", Objects.requireNonNull(debitAccount, "debitAccount"));
        return post("admin/add-incoming", body);
    }

    private CompletableFuture<TransferResult> post(String what, ObjectNode body) {
        byte[] json;
        try {
            json = MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
        HttpRequest req = request(what, Duration.ZERO)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
        return send(what, req, 200).thenApply(r -> unchecked(
                () -> WireGatewayReplies.of(what, r.statusCode(), currency).transferResult(r.body())));
    }

    private void requireCurrency(Amount a) {
        if (!a.isCurrency(currency)) {
            throw new IllegalArgumentException("amount " + a + " is not in " + currency);
        }
    }

    // ------------------------------------------------------------------ plumbing

    private HttpRequest.Builder request(String relative, Duration longPoll) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(credentials.baseUrl() + relative))
                .timeout(options.requestTimeout().plus(longPoll))
                .header("Accept", "application/json");
        credentials.authorizationHeader().ifPresent(h -> b.header("Authorization", h));
        return b;
    }

    /** Sends; statuses other than {@code ok} become HTTP errors, transport failures network errors. */
    private CompletableFuture<HttpResponse<byte[]>> send(String what, HttpRequest req, int... ok) {
        return http.sendAsync(req, LimitedBody.handler(options.maxReplyBytes()))
                .handle((r, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof LimitedBody.TooLarge tl) {
                            throw new CompletionException(WireGatewayException.invalidReply(what, 0, tl.getMessage(), tl));
                        }
                        throw new CompletionException(WireGatewayException.network(what, cause));
                    }
                    for (int s : ok) {
                        if (r.statusCode() == s) {
                            return r;
                        }
                    }
                    byte[] b = r.body();
                    throw new CompletionException(WireGatewayException.http(what, r.statusCode(),
                            WireGatewayReplies.errorCode(b), WireGatewayReplies.errorHint(b)));
                });
    }

    @FunctionalInterface
    private interface Parse<T> {
        T get() throws WireGatewayException;
    }

    private static <T> T unchecked(Parse<T> p) {
        try {
            return p.get();
        } catch (WireGatewayException e) {
            throw new CompletionException(e);
        }
    }

    /** Waits for a future of this client; unwraps its {@link WireGatewayException}. */
    public static <T> T await(CompletableFuture<T> f) throws WireGatewayException, InterruptedException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        } catch (CancellationException e) {
            throw WireGatewayException.network("request", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /**
     * The {@link WireGatewayException} behind a failure of one of this client's futures (as
     * thrown by {@code get()} or passed to {@code handle}); any other cause counts as a network failure.
     */
    public static WireGatewayException unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof WireGatewayException w) {
            return w;
        }
        return WireGatewayException.network("request", t);
    }

    /** Ends the client's threads; requests in flight fail. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}

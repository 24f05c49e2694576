package net.taler.fakebank;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import net.taler.http.HttpServer;
import net.taler.http.ListenSettings;
import net.taler.http.LongPoll;
import net.taler.http.LongPollRegistry;

/**
 * A running fakebank: the in-memory {@link BankStore} served over HTTP (wire-gateway.md). Used
 * by {@code taler-fakebank-run} and, in-process, by other modules' tests:
 *
 * <pre>{@code
 * try (Fakebank bank = Fakebank.start(FakebankSettings.defaults("KUDOS"))) {
 *     String url = bank.wireGatewayUrl("myexchange");
 *     ...
 * }
 * }</pre>
 */
public final class Fakebank implements AutoCloseable {
    /** Queued long-poll completions before they are refused (they then answer 500). */
    private static final int COMPLETION_QUEUE = 10_000;
    /** Bound on parked long polls of one fakebank. */
    static final int MAX_WAITERS = 10_000;

    private final FakebankSettings settings;
    private final BankStore store;
    private final HttpServer server;
    private final LongPollRegistry<String> registry;
    private final ThreadPoolExecutor completions;
    private FakebankRoutes routes;
    private volatile int port;

    private Fakebank(FakebankSettings settings, BankStore store, HttpServer server, LongPollRegistry<String> registry,
            ThreadPoolExecutor completions) {
        this.settings = settings;
        this.store = store;
        this.server = server;
        this.registry = registry;
        this.completions = completions;
    }

    /** Starts on {@code settings.port()} (0: any free port) with default server options. */
    public static Fakebank start(FakebankSettings settings) throws IOException {
        return start(settings, HttpServer.Options.defaults(), Clock.systemUTC());
    }

    /** Starts with explicit server options and clock (the program's {@code -C}, {@code -n}, {@code -T}). */
    public static Fakebank start(FakebankSettings settings, HttpServer.Options options, Clock clock)
            throws IOException {
        // Initialise HttpServer (which quiets Netty's INFO chatter) before our routes load Netty classes.
        HttpServer.nativeTransport();
        BankStore store = new BankStore(settings.currency(), settings.ramLimit(), clock, settings.signupBonus());
        LongPollRegistry<String> registry = new LongPollRegistry<>("fakebank", MAX_WAITERS);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor completions = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(COMPLETION_QUEUE), r -> {
                    Thread t = new Thread(r, "fakebank-longpoll-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        completions.allowCoreThreadTimeOut(true);
        // [bank] LONG_POLL_MAX: a longer long_poll_ms waits only this long.
        LongPoll<String> poller = new LongPoll<>(registry::await, completions, options.limits().longPollMax());
        AtomicInteger boundPort = new AtomicInteger();
        FakebankRoutes routes = new FakebankRoutes(
                new WireGatewayApi(store, settings.hostname(), poller),
                new IntegrationApi(store, settings, poller),
                new AccessApi(store, settings.hostname(), boundPort::get));
        store.setEvents(new BankEvents() {
            @Override
            public void transactionBooked(BankTransaction tx) {
                if (tx.kind() == BankTransaction.Kind.INCOMING) {
                    registry.wake(WireGatewayApi.key(BankTransaction.Kind.INCOMING, tx.creditAccount()));
                } else {
                    registry.wake(WireGatewayApi.key(BankTransaction.Kind.OUTGOING, tx.debitAccount()));
                }
            }

            @Override
            public void withdrawalChanged(String withdrawalId) {
                registry.wake(IntegrationApi.key(withdrawalId));
            }

        });
        HttpServer server = new HttpServer("taler-fakebank-run", routes.router(), options);
        try {
            server.start(ListenSettings.tcp(settings.bindTo(), settings.port(), false));
        } catch (IOException | RuntimeException e) {
            registry.close();
            completions.shutdownNow();
            throw e;
        }
        Fakebank fb = new Fakebank(settings, store, server, registry, completions);
        fb.routes = routes;
        fb.port = ((InetSocketAddress) server.localAddress()).getPort();
        boundPort.set(fb.port);
        return fb;
    }

    /** The routes as {@code "METHOD /path"} (tests enumerate the API with them). */
    java.util.List<String> routes() {
        return routes.routes();
    }

    public FakebankSettings settings() {
        return settings;
    }

    /** The port actually listened on. */
    public int port() {
        return port;
    }

    /** {@code http://localhost:<port>/}. */
    public String baseUrl() {
        return "http://localhost:" + port + "/";
    }

    /** The Wire Gateway base URL of an account: {@code baseUrl + "taler-wire-gateway/" + account + "/"}. */
    public String wireGatewayUrl(String account) {
        return baseUrl() + FakebankRoutes.WIRE_GATEWAY + "/" + account + "/";
    }

    /** {@code payto://x-taler-bank/<hostname>/<account>?receiver-name=<account>} (wire-gateway.md 3.1). */
    public String paytoUri(String account) {
        return Accounts.payto(settings.hostname(), account);
    }

    /** The bank's state, for inspection and modification by tests. */
    public BankStore store() {
        return store;
    }

    /** The underlying server (e.g. to wait for a stop requested by MAX_REQUESTS). */
    HttpServer server() {
        return server;
    }

    @Override
    public void close() {
        server.close();
        registry.close();
        completions.shutdown();
        try {
            if (!completions.awaitTermination(2, TimeUnit.SECONDS)) {
                completions.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package net.taler.http;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerExpectContinueHandler;
import io.netty.handler.timeout.IdleStateHandler;
import net.taler.common.config.TalerConfig;

/**
 * A Netty HTTP/1.1 server for one {@link Router}.
 *
 * <p>Threads: {@code eventLoops} event-loop threads parse requests, route them, run
 * {@link Router.Execution#EVENT_LOOP} endpoints (cached replies) and write replies;
 * {@link Router.Execution#WORKER} endpoints (database, security modules) run on a bounded
 * pool of {@code workerThreads} with a queue of {@code workerQueue}; a full queue answers
 * 503 rather than letting memory grow. Connections are counted at accept ({@link HttpLimits}:
 * in total and per client address) and a request must arrive within its head and body
 * deadlines. See docs/concurrency.md.
 */
public final class HttpServer implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(HttpServer.class.getName());
    /** Netty's own INFO chatter (platform probing with stack traces) is noise for operators. */
    private static final Logger NETTY = Logger.getLogger("io.netty");

    /** Longest request line (method, target, version); a longer one is answered 414. */
    public static final int MAX_INITIAL_LINE_BYTES = 8192;
    /** Largest header block; a larger one is answered 414 like an overlong request line (Dispatcher). */
    public static final int MAX_HEADER_BYTES = 16384;
    /** Largest piece of body Netty hands up at once; bodies are aggregated, so only memory churn depends on it. */
    public static final int MAX_CHUNK_BYTES = 8192;
    /** Connections the kernel queues before they are accepted ({@code SO_BACKLOG}). */
    public static final int LISTEN_BACKLOG = 1024;
    /** Idle worker threads end after this long (the pool is sized for bursts, not for idle time). */
    public static final int WORKER_KEEP_ALIVE_SECONDS = 60;
    /** On close, running blocking requests get this long before they are interrupted. */
    public static final int SHUTDOWN_WORKER_GRACE_SECONDS = 5;
    /** On close, Netty's event loops finish within this long (no quiet period: nothing new arrives). */
    public static final int SHUTDOWN_EVENT_LOOP_TIMEOUT_SECONDS = 2;

    static {
        if (!NETTY.isLoggable(Level.FINE)) {
            NETTY.setLevel(Level.WARNING);
        }
    }

    /**
     * Tuning and behaviour switches.
     *
     * @param connectionClose force {@code Connection: close} on every reply ({@code -C})
     * @param idleTimeoutSeconds close connections idle this long (0 = never; {@code -t}, {@code IDLE_TIMEOUT})
     * @param maxRequests stop after this many requests (0 = unlimited; {@code MAX_REQUESTS})
     * @param maxBodyBytes largest accepted request body, after decompression
     * @param eventLoops event-loop threads
     * @param workerThreads threads for blocking endpoints
     * @param workerQueue queued blocking requests before answering 503
     * @param limits connection counts, request deadlines, long-poll cap
     */
    public record Options(boolean connectionClose, int idleTimeoutSeconds, long maxRequests, int maxBodyBytes,
            int eventLoops, int workerThreads, int workerQueue, HttpLimits limits) {
        /** exchange-api.md 1.4: uploads up to 16 MiB. */
        public static final int DEFAULT_MAX_BODY = 16 * 1024 * 1024;
        /** Idle connections close after 30 s, as with the C exchange. */
        public static final int DEFAULT_IDLE_TIMEOUT_SECONDS = 30;
        /** Threads for blocking endpoints; matches the database pool, which they mostly wait for. */
        public static final int DEFAULT_WORKER_THREADS = 16;
        /** Queued blocking requests before answering 503: bounds memory under overload. */
        public static final int DEFAULT_WORKER_QUEUE = 1024;

        public Options {
            if (idleTimeoutSeconds < 0 || maxRequests < 0 || maxBodyBytes <= 0 || eventLoops <= 0
                    || workerThreads <= 0 || workerQueue <= 0 || limits == null) {
                throw new IllegalArgumentException("invalid HTTP server options");
            }
        }

        /** With the default {@link HttpLimits}. */
        public Options(boolean connectionClose, int idleTimeoutSeconds, long maxRequests, int maxBodyBytes,
                int eventLoops, int workerThreads, int workerQueue) {
            this(connectionClose, idleTimeoutSeconds, maxRequests, maxBodyBytes, eventLoops, workerThreads,
                    workerQueue, HttpLimits.defaults());
        }

        /** Defaults: keep-alive, 30 s idle timeout (as the C exchange), no request limit, default limits. */
        public static Options defaults() {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Options(false, DEFAULT_IDLE_TIMEOUT_SECONDS, 0, DEFAULT_MAX_BODY, Math.max(1, cores),
                    DEFAULT_WORKER_THREADS, DEFAULT_WORKER_QUEUE, HttpLimits.defaults());
        }

        /**
         * These options with {@code section}'s limits and {@code IDLE_TIMEOUT} (if set) from the
         * configuration (see {@link HttpLimits#fromConfig}).
         */
        public Options withConfig(TalerConfig cfg, String section) {
            Options o = withLimits(HttpLimits.fromConfig(cfg, section));
            return HttpLimits.idleTimeoutSeconds(cfg, section).map(o::withIdleTimeoutSeconds).orElse(o);
        }

        public Options withConnectionClose(boolean v) {
            return new Options(v, idleTimeoutSeconds, maxRequests, maxBodyBytes, eventLoops, workerThreads, workerQueue,
                    limits);
        }

        public Options withIdleTimeoutSeconds(int v) {
            return new Options(connectionClose, v, maxRequests, maxBodyBytes, eventLoops, workerThreads, workerQueue,
                    limits);
        }

        public Options withMaxRequests(long v) {
            return new Options(connectionClose, idleTimeoutSeconds, v, maxBodyBytes, eventLoops, workerThreads,
                    workerQueue, limits);
        }

        public Options withWorkerThreads(int v) {
            return new Options(connectionClose, idleTimeoutSeconds, maxRequests, maxBodyBytes, eventLoops, v,
                    workerQueue, limits);
        }

        public Options withLimits(HttpLimits v) {
            return new Options(connectionClose, idleTimeoutSeconds, maxRequests, maxBodyBytes, eventLoops,
                    workerThreads, workerQueue, v);
        }
    }

    private final Router router;
    private final Options options;
    private final String name;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    private final ConnectionLimiter connections;
    private final AtomicLong requests = new AtomicLong();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Channel listenChannel;
    private volatile boolean stopRequested;

    public HttpServer(String name, Router router, Options options) {
        this.name = name;
        this.router = router;
        this.options = options;
        this.group = Transport.group(options.eventLoops(), threads(name + "-io"));
        this.workers = new ThreadPoolExecutor(options.workerThreads(), options.workerThreads(),
                WORKER_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.workerQueue()), threads(name + "-worker"));
        this.workers.allowCoreThreadTimeOut(true);
        this.connections = new ConnectionLimiter(effectiveMaxConnections(name, options.limits().maxConnections(),
                FileDescriptors.limit()), options.limits().maxConnectionsPerAddress());
    }

    /**
     * {@code MAX_CONNECTIONS}, lowered to the descriptor limit less {@link HttpLimits#RESERVED_FDS}
     * (at least half the limit is left for connections): beyond it accepts would fail for lack of
     * descriptors, and so would everything else the process opens.
     *
     * @param fdLimit the process's descriptor limit, or -1 if unknown
     */
    static int effectiveMaxConnections(String name, int configured, long fdLimit) {
        if (fdLimit <= 0) {
            return configured;
        }
        long room = Math.max(fdLimit / 2, fdLimit - HttpLimits.RESERVED_FDS);
        if (configured <= room) {
            return configured;
        }
        LOG.warning(() -> name + ": MAX_CONNECTIONS " + configured + " lowered to " + room
                + " (file-descriptor limit " + fdLimit + "; raise LimitNOFILE/ulimit -n to allow more)");
        return (int) room;
    }

    /** True if the native epoll transport is in use (UNIX sockets, SO_REUSEPORT, socket activation). */
    public static boolean nativeTransport() {
        return Transport.nativeAvailable();
    }

    /** Opens the listen socket and starts serving. */
    public HttpServer start(ListenSettings listen) throws IOException {
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .option(ChannelOption.SO_BACKLOG, LISTEN_BACKLOG)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        if (!connections.admit(ch)) {
                            return; // answered 503 and closed without reading anything
                        }
                        ChannelPipeline p = ch.pipeline();
                        if (options.idleTimeoutSeconds() > 0) {
                            p.addLast(new IdleStateHandler(0, 0, options.idleTimeoutSeconds()));
                        }
                        RequestDeadlines deadlines = new RequestDeadlines(options.limits().headTimeout(),
                                options.limits().bodyTimeout());
                        p.addLast(deadlines.bytes());
                        p.addLast(new HttpServerCodec(MAX_INITIAL_LINE_BYTES, MAX_HEADER_BYTES, MAX_CHUNK_BYTES));
                        p.addLast(deadlines.messages());
                        p.addLast(new HttpServerExpectContinueHandler());
                        p.addLast(new HttpContentDecompressor());
                        p.addLast(new LimitedAggregator(options.maxBodyBytes()));
                        p.addLast(new Dispatcher(HttpServer.this));
                    }
                });
        try {
            listenChannel = Transport.open(b, listen);
        } catch (IOException | RuntimeException e) {
            shutdownPools();
            throw e;
        }
        LOG.info(() -> name + " listening on " + describe(listen));
        return this;
    }

    private String describe(ListenSettings listen) {
        SocketAddress a = listenChannel.localAddress();
        return listen + (a == null ? "" : " (" + a + ")");
    }

    /** The bound address (useful with port 0). */
    public SocketAddress localAddress() {
        return listenChannel.localAddress();
    }

    /** Client connections open now (refused ones are not counted). */
    public int openConnections() {
        return connections.open();
    }

    Router router() {
        return router;
    }

    Options options() {
        return options;
    }

    /** Runs a blocking task on the worker pool; false if the queue is full. */
    boolean submit(Runnable task) {
        try {
            workers.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    /** Counts a request; true if it is beyond {@code MAX_REQUESTS} after which the server stops. */
    boolean countRequest() {
        long n = requests.incrementAndGet();
        return options.maxRequests() > 0 && n >= options.maxRequests();
    }

    /** Number of requests seen so far. */
    public long requestCount() {
        return requests.get();
    }

    /** Stops accepting connections and lets {@link #awaitStop()} return (replies in flight still finish). */
    public void requestStop() {
        if (stopRequested) {
            return;
        }
        stopRequested = true;
        Channel ch = listenChannel;
        if (ch != null) {
            ch.close();
        }
        stopped.countDown();
    }

    /** Blocks until {@link #requestStop()} (e.g. after {@code MAX_REQUESTS}). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    public boolean isStopRequested() {
        return stopRequested;
    }

    @Override
    public void close() {
        requestStop();
        shutdownPools();
    }

    private void shutdownPools() {
        workers.shutdown();
        try {
            if (!workers.awaitTermination(SHUTDOWN_WORKER_GRACE_SECONDS, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        group.shutdownGracefully(0, SHUTDOWN_EVENT_LOOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .awaitUninterruptibly(SHUTDOWN_WORKER_GRACE_SECONDS, TimeUnit.SECONDS);
    }

    void logFailure(String what, Throwable t) {
        LOG.log(Level.WARNING, name + ": " + what, t);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}

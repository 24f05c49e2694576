package net.taler.common.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import sun.misc.Signal;

/**
 * Orderly stop on SIGTERM/SIGINT. The signal only marks the stop as requested; the program's
 * main loop notices (or wakes from {@link #sleep(Duration)}), closes its resources and returns
 * its exit code normally, so an orderly stop exits 0 as upstream does (a JVM shutdown hook
 * alone would end with 143). A shutdown hook remains as a safety net for other exits.
 */
public final class Shutdown {
    private static final Logger LOG = Logger.getLogger(Shutdown.class.getName());
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    private Shutdown() {
    }

    /** Handles SIGTERM and SIGINT; {@code grace} bounds how long a JVM exit waits for cleanup. */
    public static Shutdown install(Duration grace) {
        Shutdown s = new Shutdown();
        for (String sig : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(sig), signal -> {
                LOG.info("received SIG" + sig + ", shutting down");
                s.request();
            });
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            s.request();
            try {
                s.finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown"));
        return s;
    }

    /** A handle not tied to signals (tests, embedded use): only {@link #request()} stops it. */
    public static Shutdown manual() {
        return new Shutdown();
    }

    public void request() {
        requested.countDown();
    }

    public boolean isRequested() {
        return requested.getCount() == 0;
    }

    /** Sleeps up to {@code d}; returns true if a stop was requested meanwhile. */
    public boolean sleep(Duration d) throws InterruptedException {
        return requested.await(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Called by the program once its resources are closed. */
    public void finished() {
        finished.countDown();
    }
}

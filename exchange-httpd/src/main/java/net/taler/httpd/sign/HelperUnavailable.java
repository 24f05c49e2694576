package net.taler.httpd.sign;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.secmod.client.SecmodUnavailableException;

/**
 * The reply for a security module that could not answer. The exception's message names the
 * helper's socket path and the low-level cause, which are for the operator: they go to the log,
 * the client only learns which helper is missing. While a helper is down every request that
 * needs it fails, so the log gets one line per helper per {@link #LOG_INTERVAL_SECONDS} with the
 * number of failures since the last line, not one line per request (a cheap log flood).
 */
public final class HelperUnavailable {
    private static final Logger LOG = Logger.getLogger(HelperUnavailable.class.getName());
    static final long LOG_INTERVAL_SECONDS = 10;
    private static final ConcurrentHashMap<String, Throttle> THROTTLES = new ConcurrentHashMap<>();

    private HelperUnavailable() {
    }

    /** Logs {@code e} (throttled) and returns the error to send; {@code helper} is the program name, e.g. {@code secmod-eddsa}. */
    public static TalerErrorException reply(TalerErrorCode code, String helper, SecmodUnavailableException e) {
        long suppressed = THROTTLES.computeIfAbsent(helper, h -> new Throttle()).admit(System.nanoTime());
        if (suppressed >= 0) {
            LOG.warning(helper + ": " + e.getMessage()
                    + (suppressed > 0 ? " (" + suppressed + " more failures not logged)" : ""));
        }
        return new TalerErrorException(code, helper + " is not available");
    }

    /** Admits one log line per interval; counts the rest. */
    static final class Throttle {
        private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(LOG_INTERVAL_SECONDS);
        private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
        private final AtomicLong skipped = new AtomicLong();

        /** The number of failures skipped since the last admitted line, or -1 to skip this one. */
        long admit(long now) {
            long next = nextAllowed.get();
            if ((next == Long.MIN_VALUE || now - next >= 0) && nextAllowed.compareAndSet(next, now + INTERVAL_NANOS)) {
                return skipped.getAndSet(0);
            }
            skipped.incrementAndGet();
            return -1;
        }
    }
}

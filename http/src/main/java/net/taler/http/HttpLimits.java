package net.taler.http;

import java.time.Duration;
import java.util.Optional;

import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.time.RelativeTime;

/**
 * What one client may hold of a server: connections, time to send a request, time a long poll
 * may wait (docs/concurrency.md, "Limits of the HTTP core"). Read from the service's section by
 * {@link #fromConfig}: {@code MAX_CONNECTIONS}, {@code MAX_CONNECTIONS_PER_IP},
 * {@code REQUEST_HEAD_TIMEOUT}, {@code REQUEST_BODY_TIMEOUT}, {@code LONG_POLL_MAX}
 * ({@code IDLE_TIMEOUT} by {@link #idleTimeoutSeconds}).
 *
 * @param maxConnections open connections of the server; a further one is answered 503 and closed
 * @param maxConnectionsPerAddress open connections of one client address (IPv6: one /64); 0 = no
 *        per-address limit. UNIX-socket clients have no address and count only globally.
 * @param headTimeout time from the first byte of a request (or from accept) to its last header line
 * @param bodyTimeout time from the end of the head to the end of the body
 * @param longPollMax longest wait of a long poll ({@code timeout_ms}, {@code long_poll_ms}); longer
 *        requests are clamped to it
 */
public record HttpLimits(int maxConnections, int maxConnectionsPerAddress, Duration headTimeout,
        Duration bodyTimeout, Duration longPollMax) {
    /**
     * Below the usual descriptor limits of a daemon (the JVM raises its soft limit to the hard
     * one: 65536 or more under systemd and Docker), far above what a single exchange serves.
     * {@link HttpServer} lowers it further to the process's limit minus {@link #RESERVED_FDS}.
     */
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    /**
     * Browsers open at most 6 connections per host and a wallet holds one long poll, so 64 leaves
     * room for a few users behind one NAT address while 157 addresses are needed to fill
     * {@link #DEFAULT_MAX_CONNECTIONS}. Behind a TCP reverse proxy all clients share its address:
     * raise it there or set 0.
     */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_ADDRESS = 64;
    /** A head is a few hundred bytes; 10 s is generous even on a bad mobile link. */
    public static final Duration DEFAULT_HEAD_TIMEOUT = Duration.ofSeconds(10);
    /** Bodies are at most 16 MiB; the wallet's own request timeout is 60 s. */
    public static final Duration DEFAULT_BODY_TIMEOUT = Duration.ofSeconds(30);
    /**
     * exchange-api.md 1.6: the wallet long-polls with {@code timeout_ms=30000} and an HTTP
     * timeout of 60 s; wirewatch uses {@code long_poll_ms=60000} (operations.md).
     */
    public static final Duration DEFAULT_LONG_POLL_MAX = Duration.ofSeconds(60);
    /** Upper bound of {@code REQUEST_HEAD_TIMEOUT}, {@code REQUEST_BODY_TIMEOUT} and {@code IDLE_TIMEOUT}. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /**
     * Descriptors kept free for everything but admitted client connections: database, secmods,
     * jars, logs, epoll, and refused connections while they get their 503.
     */
    public static final int RESERVED_FDS = 256;
    /** Largest {@code MAX_CONNECTIONS} accepted in a configuration. */
    public static final int MAX_MAX_CONNECTIONS = 1_000_000;

    public HttpLimits {
        if (maxConnections < 1 || maxConnections > MAX_MAX_CONNECTIONS || maxConnectionsPerAddress < 0
                || !positive(headTimeout) || !positive(bodyTimeout) || !positive(longPollMax)
                || longPollMax.compareTo(LongPollRegistry.MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("invalid HTTP limits");
        }
    }

    /** The defaults (see the constants). */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, DEFAULT_HEAD_TIMEOUT,
                DEFAULT_BODY_TIMEOUT, DEFAULT_LONG_POLL_MAX);
    }

    public HttpLimits withMaxConnections(int global, int perAddress) {
        return new HttpLimits(global, perAddress, headTimeout, bodyTimeout, longPollMax);
    }

    public HttpLimits withTimeouts(Duration head, Duration body) {
        return new HttpLimits(maxConnections, maxConnectionsPerAddress, head, body, longPollMax);
    }

    public HttpLimits withLongPollMax(Duration max) {
        return new HttpLimits(maxConnections, maxConnectionsPerAddress, headTimeout, bodyTimeout, max);
    }

    /** {@code requested} clamped to {@link #longPollMax} (negative becomes zero). */
    public Duration clampLongPoll(Duration requested) {
        return clamp(requested, longPollMax);
    }

    static Duration clamp(Duration requested, Duration max) {
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(max) > 0 ? max : requested;
    }

    /**
     * Reads the limits of {@code section}; unset options keep their defaults.
     *
     * @throws net.taler.common.config.ConfigException (exit 6) naming the option on a bad value
     */
    public static HttpLimits fromConfig(TalerConfig cfg, String section) {
        HttpLimits d = defaults();
        long max = cfg.getNumber(section, "MAX_CONNECTIONS").orElse((long) d.maxConnections);
        if (max < 1 || max > MAX_MAX_CONNECTIONS) {
            throw cfg.invalid(section, "MAX_CONNECTIONS", "a number in [1," + MAX_MAX_CONNECTIONS + "]", null);
        }
        long perIp = cfg.getNumber(section, "MAX_CONNECTIONS_PER_IP").orElse((long) d.maxConnectionsPerAddress);
        if (perIp < 0 || perIp > MAX_MAX_CONNECTIONS) {
            throw cfg.invalid(section, "MAX_CONNECTIONS_PER_IP",
                    "a number in [0," + MAX_MAX_CONNECTIONS + "] (0: no per-address limit)", null);
        }
        Duration head = time(cfg, section, "REQUEST_HEAD_TIMEOUT", MAX_TIMEOUT).orElse(d.headTimeout);
        Duration body = time(cfg, section, "REQUEST_BODY_TIMEOUT", MAX_TIMEOUT).orElse(d.bodyTimeout);
        Duration poll = time(cfg, section, "LONG_POLL_MAX", LongPollRegistry.MAX_TIMEOUT).orElse(d.longPollMax);
        return new HttpLimits((int) max, (int) perIp, head, body, poll);
    }

    /**
     * {@code IDLE_TIMEOUT} of {@code section} in whole seconds (0 = never), if set: how long a
     * keep-alive connection may wait for its next request.
     */
    public static Optional<Integer> idleTimeoutSeconds(TalerConfig cfg, String section) {
        Optional<RelativeTime> t = cfg.getRelativeTime(section, "IDLE_TIMEOUT");
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.get().isForever() || t.get().toDuration().compareTo(MAX_TIMEOUT) > 0
                || (!t.get().isZero() && t.get().toDuration().toMillis() < 1000)) {
            throw cfg.invalid(section, "IDLE_TIMEOUT", "0 (never) or a time from 1 s to 1 h", null);
        }
        return Optional.of((int) t.get().toDuration().toSeconds());
    }

    /** Adds these limits, as options of {@code section}, to the start-up log. */
    public EffectiveSettings describe(EffectiveSettings s, String section) {
        return s.add(section, "MAX_CONNECTIONS", maxConnections)
                .add(section, "MAX_CONNECTIONS_PER_IP", maxConnectionsPerAddress == 0 ? "unlimited"
                        : maxConnectionsPerAddress)
                .add(section, "REQUEST_HEAD_TIMEOUT", text(headTimeout))
                .add(section, "REQUEST_BODY_TIMEOUT", text(bodyTimeout))
                .add(section, "LONG_POLL_MAX", text(longPollMax));
    }

    /** A duration as the configuration would write it ({@code 10 s}, {@code 1500 ms}). */
    static String text(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }

    private static Optional<Duration> time(TalerConfig cfg, String section, String option, Duration max) {
        Optional<RelativeTime> t = cfg.getRelativeTime(section, option);
        if (t.isEmpty()) {
            return Optional.empty();
        }
        // Below a second a deadline would cut off ordinary clients on an ordinary network.
        if (t.get().isForever() || t.get().toDuration().compareTo(Duration.ofSeconds(1)) < 0
                || t.get().toDuration().compareTo(max) > 0) {
            throw cfg.invalid(section, option, "a time from 1 s to " + text(max), null);
        }
        return Optional.of(t.get().toDuration());
    }

    private static boolean positive(Duration d) {
        return d != null && !d.isNegative() && !d.isZero();
    }
}

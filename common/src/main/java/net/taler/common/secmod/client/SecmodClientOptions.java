package net.taler.common.secmod.client;

import java.time.Duration;
import java.util.Objects;

/**
 * Client tuning.
 *
 * @param connectTimeout how long {@code keys()} waits for the helper's initial SYNCED
 * @param requestTimeout how long a request waits for its replies (also for a free connection)
 * @param maxConnections connections used for requests in parallel (the key watch has its own)
 */
public record SecmodClientOptions(Duration connectTimeout, Duration requestTimeout, int maxConnections) {
    public static final SecmodClientOptions DEFAULT =
            new SecmodClientOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), 4);

    public SecmodClientOptions {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be positive");
        }
    }
}

package net.taler.secmod.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.TreeMap;

import net.taler.common.time.RelativeTime;

/**
 * One sequence of keys with a common validity length: a denomination (coin section) of the
 * RSA/CS helpers, or the one sequence of online signing keys of the EdDSA helper. Its keys live
 * in {@code dir}, one file per anchor.
 *
 * @param <K> the private key type
 */
public final class Series<K> {
    /** Creates a fresh private key (may be slow: RSA). */
    @FunctionalInterface
    public interface Generator<K> {
        K generate() throws Exception;
    }

    private final String name;
    private final RelativeTime duration;
    private final Path dir;
    private final Generator<K> generator;
    /** Keys by anchor (µs), guarded by the ring's lock. */
    final TreeMap<Long, ManagedKey<K>> keys = new TreeMap<>();

    /**
     * @param name the section name as spelled in the configuration; empty for EdDSA
     * @param duration validity of each key ({@code DURATION_WITHDRAW} / {@code DURATION})
     * @param dir where its key files live
     * @param generator makes new private keys
     */
    public Series(String name, RelativeTime duration, Path dir, Generator<K> generator) {
        this.name = Objects.requireNonNull(name, "name");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.dir = Objects.requireNonNull(dir, "dir");
        this.generator = Objects.requireNonNull(generator, "generator");
        if (duration.isForever() || duration.isZero()) {
            throw new IllegalArgumentException("key duration must be finite and positive");
        }
    }

    public String name() {
        return name;
    }

    public RelativeTime duration() {
        return duration;
    }

    public Path dir() {
        return dir;
    }

    Generator<K> generator() {
        return generator;
    }

    @Override
    public String toString() {
        return name.isEmpty() ? "signing keys" : "[" + name + "]";
    }
}

package net.taler.secmod.server;

import java.nio.file.Path;

import net.taler.common.crypto.FixedBytes;
import net.taler.common.time.Timestamp;

/**
 * A private key held by a helper, with where it belongs and its ready-made AVAIL message.
 * Immutable.
 *
 * @param <K> the private key type
 */
public final class ManagedKey<K> {
    private final Series<K> series;
    private final Timestamp anchor;
    private final K key;
    private final FixedBytes id;
    private final byte[] avail;
    private final Path file;

    ManagedKey(Series<K> series, Timestamp anchor, K key, FixedBytes id, byte[] avail, Path file) {
        this.series = series;
        this.anchor = anchor;
        this.key = key;
        this.id = id;
        this.avail = avail;
        this.file = file;
    }

    public Series<K> series() {
        return series;
    }

    /** Start of validity. */
    public Timestamp anchor() {
        return anchor;
    }

    /** End of validity ({@code anchor + duration}, exclusive). */
    public Timestamp end() {
        return anchor.plus(series.duration());
    }

    public K key() {
        return key;
    }

    public FixedBytes id() {
        return id;
    }

    public Path file() {
        return file;
    }

    byte[] availMessage() {
        return avail;
    }

    @Override
    public String toString() {
        return "key " + id.toBase32().substring(0, 12) + "… of " + series + " at " + anchor;
    }
}

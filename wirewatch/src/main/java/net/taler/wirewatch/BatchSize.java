package net.taler.wirewatch;

/**
 * The adaptive number of credits per history request and transaction: halved after a
 * serialization failure (smaller transactions conflict less), doubled again after a success,
 * always within [1, {@link #MAX}]. Not thread safe: one per import loop.
 */
final class BatchSize {
    /** Upper bound (operations.md 3.4: batch size at most 1024). */
    static final int MAX = 1024;
    private int size = MAX;

    int get() {
        return size;
    }

    void failed() {
        size = Math.max(1, size / 2);
    }

    void succeeded() {
        size = (int) Math.min(MAX, size * 2L);
    }
}

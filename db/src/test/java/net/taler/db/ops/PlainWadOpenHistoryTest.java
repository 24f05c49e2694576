package net.taler.db.ops;

/** Wads, reserve open and histories on the plain layout. */
class PlainWadOpenHistoryTest extends WadOpenHistoryTestBase {
    @Override
    int partitions() {
        return 0;
    }
}

package net.taler.db.ops;

/** Wads, reserve open and histories on the partitioned layout. */
class PartitionedWadOpenHistoryTest extends WadOpenHistoryTestBase {
    @Override
    int partitions() {
        return 4;
    }
}

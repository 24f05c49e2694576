package net.taler.db.ops;

class PartitionedGcTest extends GcTestBase {
    @Override
    int partitions() {
        return 4;
    }
}

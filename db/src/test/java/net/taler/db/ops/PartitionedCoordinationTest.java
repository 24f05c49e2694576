package net.taler.db.ops;

class PartitionedCoordinationTest extends CoordinationTestBase {
    @Override
    int partitions() {
        return 4;
    }
}

package net.taler.db.ops;

class PlainCoordinationTest extends CoordinationTestBase {
    @Override
    int partitions() {
        return 0;
    }
}

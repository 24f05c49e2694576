package net.taler.db.ops;

class PlainGcTest extends GcTestBase {
    @Override
    int partitions() {
        return 0;
    }
}

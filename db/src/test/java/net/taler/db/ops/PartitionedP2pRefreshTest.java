package net.taler.db.ops;

/** Refresh reveal/link, recoup-refresh, purses, KYC on the partitioned (P=4) layout. */
class PartitionedP2pRefreshTest extends P2pRefreshTestBase {
    @Override
    int partitions() {
        return 4;
    }
}

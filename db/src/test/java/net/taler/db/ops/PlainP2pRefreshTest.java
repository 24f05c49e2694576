package net.taler.db.ops;

/** Refresh reveal/link, recoup-refresh, purses, KYC on the plain (with foreign keys) layout. */
class PlainP2pRefreshTest extends P2pRefreshTestBase {
    @Override
    int partitions() {
        return 0;
    }
}

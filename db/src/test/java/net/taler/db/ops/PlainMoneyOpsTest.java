package net.taler.db.ops;

/** Money operations on the plain (unpartitioned, with foreign keys) layout. */
class PlainMoneyOpsTest extends MoneyOpsTestBase {
    @Override
    int partitions() {
        return 0;
    }
}

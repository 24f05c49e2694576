package net.taler.db.ops;

/** Money operations on the hash-partitioned layout ({@code -P 4}). */
class PartitionedMoneyOpsTest extends MoneyOpsTestBase {
    @Override
    int partitions() {
        return 4;
    }
}

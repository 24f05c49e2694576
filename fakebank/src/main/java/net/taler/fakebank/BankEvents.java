package net.taler.fakebank;

/**
 * What the store tells the HTTP layer after a change (always called outside the store's lock):
 * long-pollers are woken.
 */
interface BankEvents {
    /** A transfer was booked. */
    void transactionBooked(BankTransaction tx);

    /** A withdrawal operation was selected, confirmed or aborted. */
    void withdrawalChanged(String withdrawalId);

    BankEvents NONE = new BankEvents() {
        @Override
        public void transactionBooked(BankTransaction tx) {
        }

        @Override
        public void withdrawalChanged(String withdrawalId) {
        }
    };
}

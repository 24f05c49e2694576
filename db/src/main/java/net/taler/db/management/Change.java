package net.taler.db.management;

/** Outcome of a management upload that changes the state of a keyed row (revocation, auditor, wire account). */
public enum Change {
    /** Done, or already in that state (idempotent repeat). */
    APPLIED,
    /** No such row. */
    UNKNOWN,
    /** The stored row changed later than the request's timestamp (409). */
    MORE_RECENT_PRESENT
}

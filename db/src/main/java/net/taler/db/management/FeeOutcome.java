package net.taler.db.management;

/** Outcome of inserting a fee (or drain) record. */
public enum FeeOutcome {
    INSERTED,
    /** The identical record exists already; nothing written. */
    IDEMPOTENT,
    /** A different record exists for (part of) the period, or under the wtid (409). */
    CONFLICT
}

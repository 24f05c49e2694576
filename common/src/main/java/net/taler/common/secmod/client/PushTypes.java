package net.taler.common.secmod.client;

/** The message types a helper pushes on any connection: key announcements, purges and SYNCED. */
record PushTypes(int avail, int purge, int synced) {
    /** True for a pushed message, which a request must skip while waiting for its reply. */
    boolean isPush(int type) {
        return type == avail || type == purge || type == synced;
    }
}

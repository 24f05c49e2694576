package net.taler.db.notify;

/**
 * NOTIFY channels between exchange processes (database.md 2). PostgreSQL channel names are the
 * lower-case enum names; the payload identifies the object (hex of the key) or is empty.
 */
public enum Channel {
    /** Management uploaded keys; payload empty. Writers: httpd; listeners: all httpds. */
    EXCHANGE_KEYS_UPDATED,
    /** Wire accounts/fees changed; payload empty. */
    EXCHANGE_WIRE_UPDATED,
    /** Extensions configuration changed; payload empty. */
    EXCHANGE_EXTENSIONS_UPDATED,
    /** A reserve was credited; payload hex(reserve_pub). Writer: exchange_do_reserve_credit. */
    EXCHANGE_RESERVE_INCOMING,
    /** A purse was merged; payload hex(purse_pub). */
    EXCHANGE_PURSE_MERGED,
    /** A purse received a deposit; payload hex(purse_pub). */
    EXCHANGE_PURSE_DEPOSITED,
    /** KYC finished for an account; payload hex(h_payto). */
    EXCHANGE_KYC_COMPLETED;

    /** The PostgreSQL channel name. */
    public String pgName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The channel for a PostgreSQL channel name, or null. */
    public static Channel fromPgName(String n) {
        for (Channel c : values()) {
            if (c.pgName().equals(n)) {
                return c;
            }
        }
        return null;
    }
}

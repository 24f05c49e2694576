package net.taler.db.keys;

import java.util.List;
import java.util.Objects;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.SigningKey;
import net.taler.db.conn.ExchangeDb;
import net.taler.db.notify.Channel;
import net.taler.db.notify.Notifications;

/**
 * {@code POST /management/keys}: the master signatures of denominations and online signing
 * keys (the httpd verified them). One SERIALIZABLE transaction; NOTIFY
 * {@link Channel#EXCHANGE_KEYS_UPDATED} if a row was added.
 */
public final class KeyUploadRepository {
    /** At most this many rows of each kind per upload. */
    public static final int MAX_ROWS = 10_000;

    private final ExchangeDb db;
    private final String currency;

    public KeyUploadRepository(ExchangeDb db, String currency) {
        this.db = Objects.requireNonNull(db, "db");
        this.currency = Objects.requireNonNull(currency, "currency");
    }


    /**
     * POST /management/keys: stores the master-signed denominations and signing keys in one
     * transaction. Rows that exist already are kept as they are (idempotent).
     */
    public void uploadKeySignatures(List<Denomination> denoms,
                                    List<SigningKey> signkeys) {
        if (denoms.size() > MAX_ROWS || signkeys.size() > MAX_ROWS) {
            throw new IllegalArgumentException("too many keys in one upload (max " + MAX_ROWS + " of each)");
        }
        for (Denomination d : denoms) {
            d.requireCurrency(currency);
        }
        db.inTransaction(c -> {
            int changed = 0;
            for (Denomination d : denoms) {
                changed += DenominationRepository.insertRow(c, d);
            }
            for (SigningKey k : signkeys) {
                changed += SigningKeyRepository.insertRow(c, k);
            }
            if (changed > 0) {
                Notifications.notify(c, Channel.EXCHANGE_KEYS_UPDATED, null);
            }
            return null;
        });
    }
}

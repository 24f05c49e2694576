package net.taler.httpd;

import io.netty.handler.codec.http.HttpHeaderNames;
import net.taler.common.error.TalerErrorCode;
import net.taler.db.conn.DbException;
import net.taler.http.Reply;

/**
 * The reply while the database cannot be reached: 503 with {@code GENERIC_DB_SETUP_FAILED} (the
 * code the C exchange sends when it gets no database session) and {@code Retry-After}, instead
 * of a logged 500. The pool reconnects by itself, so clients only need to come back.
 */
final class DatabaseDown {
    /** Seconds a client should wait before retrying. */
    static final int RETRY_AFTER_SECONDS = 5;

    private DatabaseDown() {
    }

    /** The 503 reply if {@code failure} (or a cause of it) says the database is unavailable, else null. */
    static Reply replyFor(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof DbException.Unavailable) {
                return Reply.error(503, TalerErrorCode.GENERIC_DB_SETUP_FAILED,
                        "database temporarily unavailable, try again later")
                        .header(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            }
        }
        return null;
    }
}

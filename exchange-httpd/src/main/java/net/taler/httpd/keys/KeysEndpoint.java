package net.taler.httpd.keys;

import java.util.Optional;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.common.time.Timestamp;

/**
 * {@code GET /keys} (exchange-api.md 2.2) from the cached key state. Without key material it
 * answers 503 {@code EXCHANGE_GENERIC_KEYS_MISSING} at once instead of parking the request.
 * With {@code -a}, a {@code now=SECONDS} parameter builds the reply for that moment (testing).
 */
public final class KeysEndpoint {
    static final String CACHE_CONTROL = "public,max-age=3600";

    private final KeyStateService service;
    private final boolean allowTimetravel;

    public KeysEndpoint(KeyStateService service, boolean allowTimetravel) {
        this.service = service;
        this.allowTimetravel = allowTimetravel;
    }

    public Reply handle(Request r) throws Exception {
        Optional<String> lid = r.queryParam("last_issue_date");
        if (lid.isPresent()) {
            unsigned(lid.get(), "last_issue_date"); // validated; the full reply is always compatible
        }
        KeyState s = service.current();
        Optional<String> now = r.queryParam("now");
        if (now.isPresent() && allowTimetravel) {
            s = service.buildAt(Timestamp.ofSeconds(unsigned(now.get(), "now")));
        }
        if (s == null || s.keys() == null) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_KEYS_MISSING,
                    s == null ? "key state not built yet" : s.keysUnavailable());
        }
        return CachedReplies.serve(r, s.keys(), CACHE_CONTROL);
    }

    private static long unsigned(String v, String name) {
        if (v.isEmpty() || v.length() > 19 || !v.chars().allMatch(Character::isDigit)) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, name).withHttpStatus(400);
        }
        return Long.parseLong(v);
    }
}

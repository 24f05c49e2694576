package net.taler.httpd.keys;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Reply;
import net.taler.http.Request;

/** {@code GET /wire} (exchange-api.md 2.3) from the cached key state. */
public final class WireEndpoint {
    static final String CACHE_CONTROL = "public,max-age=86400";

    private final KeyStateService service;

    public WireEndpoint(KeyStateService service) {
        this.service = service;
    }

    public Reply handle(Request r) {
        KeyState s = service.current();
        if (s == null) {
            throw new TalerErrorException(TalerErrorCode.EXCHANGE_GENERIC_BAD_CONFIGURATION, "wire state not built yet")
                    .withHttpStatus(500);
        }
        if (s.wire() == null) {
            throw new TalerErrorException(s.wireError(), s.wireErrorDetail()).withHttpStatus(500);
        }
        return CachedReplies.serve(r, s.wire(), CACHE_CONTROL);
    }
}

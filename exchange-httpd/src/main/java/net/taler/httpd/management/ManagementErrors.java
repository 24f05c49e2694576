package net.taler.httpd.management;

import java.util.function.Function;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Request;

/** The refusals every management endpoint shares. */
final class ManagementErrors {
    private ManagementErrors() {
    }

    /** Decodes a base32 path argument or answers 400 with {@code code}. */
    static <T> T pathArg(Request r, int i, Function<String, T> decoder, TalerErrorCode code) {
        try {
            return decoder.apply(r.arg(i));
        } catch (RuntimeException e) {
            throw new TalerErrorException(code, "malformed path segment " + (i + 1)).withHttpStatus(400);
        }
    }

    /** 403 with {@code code}: the master (or auditor) signature does not verify. */
    static TalerErrorException forbidden(TalerErrorCode code) {
        return new TalerErrorException(code, "master signature invalid").withHttpStatus(403);
    }
}

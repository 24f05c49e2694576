package net.taler.fakebank;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.http.Request;

/**
 * The paging arguments of {@code history/incoming} and {@code history/outgoing}
 * (wire-gateway.md 2.2): {@code delta} (required, non-zero), {@code start} (optional,
 * exclusive), {@code long_poll_ms} (optional).
 */
record HistoryQuery(long delta, OptionalLong start, Duration longPoll) {

    static HistoryQuery parse(Request req) {
        Optional<String> d = req.queryParam("delta");
        if (d.isEmpty()) {
            throw malformed("delta", "missing");
        }
        long delta = signed("delta", d.get());
        if (delta == 0) {
            throw malformed("delta", "must not be 0");
        }
        OptionalLong start = req.queryParam("start").map(s -> OptionalLong.of(unsigned("start", s)))
                .orElse(OptionalLong.empty());
        long lp = req.queryParam("long_poll_ms").map(s -> unsigned("long_poll_ms", s)).orElse(0L);
        return new HistoryQuery(delta, start, Duration.ofMillis(lp));
    }

    static long unsigned(String name, String text) {
        long v = signed(name, text);
        if (v < 0 || text.startsWith("-") || text.startsWith("+")) {
            throw malformed(name, "unsigned integer expected");
        }
        return v;
    }

    private static long signed(String name, String text) {
        try {
            return Long.parseLong(text.trim().isEmpty() ? "x" : text);
        } catch (NumberFormatException e) {
            throw malformed(name, "integer expected");
        }
    }

    static TalerErrorException malformed(String name, String why) {
        return new TalerErrorException(TalerErrorCode.GENERIC_PARAMETER_MALFORMED, name + ": " + why)
                .withField("parameter", name);
    }
}

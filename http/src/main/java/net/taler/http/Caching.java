package net.taler.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** HTTP caching helpers shared by the cached replies of the services: ETag matching and HTTP dates. */
public final class Caching {
    /** RFC 7231 IMF-fixdate (two-digit day, unlike {@link DateTimeFormatter#RFC_1123_DATE_TIME}). */
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private Caching() {
    }

    /** True if {@code If-None-Match} names {@code etag}: as sent, quoted, weak, in a list, or {@code *}. */
    public static boolean etagMatches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        if (ifNoneMatch.trim().equals(etag)) {
            return true;
        }
        for (String t : ifNoneMatch.split(",")) {
            String s = t.trim();
            if (s.startsWith("W/")) {
                s = s.substring(2);
            }
            if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
                s = s.substring(1, s.length() - 1);
            }
            if (s.equals(etag) || s.equals("*")) {
                return true;
            }
        }
        return false;
    }

    /** The HTTP date of an instant. */
    public static String httpDate(Instant t) {
        return IMF_FIXDATE.format(t);
    }

    /** The HTTP date of epoch milliseconds. */
    public static String httpDate(long epochMillis) {
        return httpDate(Instant.ofEpochMilli(epochMillis));
    }
}

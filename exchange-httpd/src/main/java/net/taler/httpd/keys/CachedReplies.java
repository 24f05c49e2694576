package net.taler.httpd.keys;

import io.netty.handler.codec.http.HttpHeaderNames;
import net.taler.http.Caching;
import net.taler.http.Reply;
import net.taler.http.Request;

/** Serves a {@link CachedReply}: ETag/304, zlib when the client accepts {@code deflate}, caching headers. */
public final class CachedReplies {
    private CachedReplies() {
    }

    public static Reply serve(Request r, CachedReply c, String cacheControl) {
        String inm = r.header("If-None-Match");
        if (Caching.etagMatches(inm, c.etag())) {
            return headers(Reply.bytes(304, null, null), c, cacheControl);
        }
        String ae = r.header("Accept-Encoding");
        Reply reply;
        if (ae != null && acceptsDeflate(ae)) {
            reply = Reply.bytes(200, Reply.JSON, c.deflated()).header(HttpHeaderNames.CONTENT_ENCODING, "deflate");
        } else {
            reply = Reply.jsonBytes(200, c.json());
        }
        return headers(reply, c, cacheControl);
    }

    private static Reply headers(Reply reply, CachedReply c, String cacheControl) {
        reply.header(HttpHeaderNames.ETAG, c.etag());
        reply.header(HttpHeaderNames.CACHE_CONTROL, cacheControl);
        reply.header(HttpHeaderNames.VARY, "Accept-Encoding");
        if (c.builtMillis() > 0) {
            reply.header(HttpHeaderNames.LAST_MODIFIED, httpDate(c.builtMillis()));
        }
        if (c.expiresMillis() > 0) {
            reply.header(HttpHeaderNames.EXPIRES, httpDate(c.expiresMillis()));
        }
        return reply;
    }

    static boolean acceptsDeflate(String acceptEncoding) {
        for (String t : acceptEncoding.split(",")) {
            String[] p = t.trim().split(";");
            if (p[0].trim().equalsIgnoreCase("deflate")) {
                return !(p.length > 1 && p[1].replace(" ", "").equals("q=0"));
            }
        }
        return false;
    }

    /** RFC 7231 IMF-fixdate. */
    public static String httpDate(long epochMillis) {
        return Caching.httpDate(epochMillis);
    }
}

package net.taler.testsupport.wallet;

import java.net.URI;
import java.net.URISyntaxException;

/** Base-URL handling shared by the clients. */
final class Urls {
    private Urls() {
    }

    /**
     * An absolute http(s) base URL ending in {@code /} (Taler base URLs must; relative paths are
     * appended to them). A missing final slash is added.
     */
    static URI base(String url) {
        String u = url.endsWith("/") ? url : url + "/";
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("bad base URL " + url + ": " + e.getMessage(), e);
        }
        if (!uri.isAbsolute() || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("base URL must be absolute http(s): " + url);
        }
        return uri;
    }

    /** {@code base} + relative path (may carry a query); the path must not start with {@code /}. */
    static URI resolve(URI base, String relative) {
        if (relative.startsWith("/")) {
            // keep the base path: the exchange may live below the host root
            relative = relative.substring(1);
        }
        return URI.create(base.toString() + relative);
    }
}

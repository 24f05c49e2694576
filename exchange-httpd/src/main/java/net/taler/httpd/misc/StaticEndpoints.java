package net.taler.httpd.misc;

import java.security.SecureRandom;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.netty.handler.codec.http.HttpHeaderNames;
import net.taler.http.Reply;
import net.taler.http.Request;
import net.taler.httpd.ExchangeSettings;

/** {@code /}, {@code /robots.txt}, {@code /agpl}, {@code /seed} and {@code /config} (exchange-api.md 2.1, 2.5). */
public final class StaticEndpoints {
    /** Where {@code /agpl} points: the source of the program, as the AGPL asks. */
    public static final String DEFAULT_SOURCE_URL = "https://git.taler.net/exchange.git";
    private static final int SEED_BYTES = 32;

    private final ExchangeSettings settings;
    private final String sourceUrl;
    private final SecureRandom random = new SecureRandom();
    private final byte[] config;

    public StaticEndpoints(ExchangeSettings settings, String sourceUrl) {
        this.settings = settings;
        this.sourceUrl = sourceUrl;
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("version", ExchangeSettings.PROTOCOL_VERSION);
        c.put("name", "taler-exchange");
        c.put("currency", settings.currency());
        c.putArray("supported_kyc_requirements");
        this.config = c.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    public Reply root(Request r) {
        return Reply.text(200, "Hello, I'm the Taler exchange. This HTTP server is not for humans.\n");
    }

    public Reply robots(Request r) {
        return Reply.text(200, "User-agent: *\nDisallow: /\n");
    }

    public Reply agpl(Request r) {
        return Reply.text(302, "See " + sourceUrl + "\n").header(HttpHeaderNames.LOCATION, sourceUrl);
    }

    /** 32 fresh random bytes (exchange-api.md 2.5). */
    public Reply seed(Request r) {
        byte[] b = new byte[SEED_BYTES];
        random.nextBytes(b);
        return Reply.bytes(200, "application/octet-stream", b);
    }

    /** The later {@code /config} shape (harmless for the Dec 2022 wallet, needed by newer clients). */
    public Reply config(Request r) {
        return Reply.jsonBytes(200, config).header(HttpHeaderNames.CACHE_CONTROL, "public,max-age=86400");
    }

    public ExchangeSettings settings() {
        return settings;
    }
}

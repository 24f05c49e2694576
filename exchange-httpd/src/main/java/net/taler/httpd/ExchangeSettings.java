package net.taler.httpd;

import net.taler.common.config.ConfigException;
import net.taler.common.config.EffectiveSettings;
import net.taler.common.config.TalerConfig;
import net.taler.common.config.TalerSettings;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.time.RelativeTime;

/**
 * The httpd's settings from {@code [exchange]}, {@code [taler]} and {@code [exchangedb]}
 * (operations.md 3.3). Read once at start; a missing or malformed value is a configuration
 * error (exit 6).
 *
 * @param currency {@code [taler] CURRENCY}
 * @param masterPub {@code MASTER_PUBLIC_KEY}
 * @param baseUrl {@code BASE_URL}, verbatim (clients sign over it, exchange-api.md 11.2)
 * @param assetType {@code ASSET_TYPE}
 * @param maxKeysCaching {@code MAX_KEYS_CACHING}: upper bound of the /keys {@code Expires}
 * @param signkeyLegalDuration {@code SIGNKEY_LEGAL_DURATION}
 * @param reserveClosingDelay {@code [exchangedb] IDLE_RESERVE_EXPIRATION_TIME}
 * @param maxRequests {@code MAX_REQUESTS} (0 = unlimited)
 * @param legalReserveExpiration {@code [exchangedb] LEGAL_RESERVE_EXPIRATION_TIME}: a reserve
 *        with withdrawals is kept at least this long after the last one (its gc date)
 * @param dbAcquireTimeout {@code DB_ACQUIRE_TIMEOUT}: how long a request waits for a database
 *        connection before it is answered 503 (default 1 s; 250 ms to 5 min)
 */
public record ExchangeSettings(String currency, EddsaPublicKey masterPub, String baseUrl, String assetType,
        RelativeTime maxKeysCaching, RelativeTime signkeyLegalDuration, RelativeTime reserveClosingDelay,
        long maxRequests, RelativeTime legalReserveExpiration, java.time.Duration dbAcquireTimeout) {
    public static final String SECTION = "exchange";
    /** Default of {@code DB_ACQUIRE_TIMEOUT}: a request fails fast while the database is down. */
    public static final java.time.Duration DEFAULT_DB_ACQUIRE_TIMEOUT = java.time.Duration.ofSeconds(1);
    /** The protocol version of the Dec 2022 exchange (exchange-api.md 2.2). */
    public static final String PROTOCOL_VERSION = "14:0:2";

    public static ExchangeSettings fromConfig(TalerConfig cfg) {
        String currency = TalerSettings.currency(cfg);
        EddsaPublicKey master = TalerSettings.masterPublicKey(cfg);
        String baseUrl = TalerSettings.exchangeBaseUrl(cfg);
        String assetType = cfg.getString(SECTION, "ASSET_TYPE").map(String::trim).orElse("fiat");
        RelativeTime maxCaching = cfg.getRelativeTime(SECTION, "MAX_KEYS_CACHING").orElse(RelativeTime.FOREVER);
        RelativeTime legal = cfg.getRelativeTime(SECTION, "SIGNKEY_LEGAL_DURATION")
                .orElseThrow(() -> new ConfigException(ConfigException.Kind.MISSING,
                        "configuration option [exchange] SIGNKEY_LEGAL_DURATION is missing"));
        RelativeTime closing = TalerSettings.idleReserveExpiration(cfg);
        long maxRequests = cfg.getNumber(SECTION, "MAX_REQUESTS").orElse(0L);
        if (maxRequests < 0) {
            throw cfg.invalid(SECTION, "MAX_REQUESTS", "a non-negative number", null);
        }
        RelativeTime legalReserve = TalerSettings.legalReserveExpiration(cfg);
        java.time.Duration acquire = cfg.getRelativeTime(SECTION, "DB_ACQUIRE_TIMEOUT")
                .map(RelativeTime::toDuration).orElse(DEFAULT_DB_ACQUIRE_TIMEOUT);
        if (acquire.compareTo(java.time.Duration.ofMillis(250)) < 0 || acquire.compareTo(java.time.Duration.ofMinutes(5)) > 0) {
            throw cfg.invalid(SECTION, "DB_ACQUIRE_TIMEOUT", "a time between 250 ms and 5 min", null);
        }
        return new ExchangeSettings(currency, master, baseUrl, assetType, maxCaching, legal, closing, maxRequests,
                legalReserve, acquire);
    }

    /** Adds these settings to the start-up log. */
    public EffectiveSettings describe(EffectiveSettings s) {
        return s.add("taler", "CURRENCY", currency).add(SECTION, "MASTER_PUBLIC_KEY", masterPub.toBase32())
                .add(SECTION, "BASE_URL", baseUrl).add(SECTION, "ASSET_TYPE", assetType)
                .add(SECTION, "MAX_KEYS_CACHING", maxKeysCaching).add(SECTION, "SIGNKEY_LEGAL_DURATION",
                        signkeyLegalDuration)
                .add(SECTION, "MAX_REQUESTS", maxRequests == 0 ? "unlimited" : maxRequests)
                .add("exchangedb", "IDLE_RESERVE_EXPIRATION_TIME", reserveClosingDelay)
                .add("exchangedb", "LEGAL_RESERVE_EXPIRATION_TIME", legalReserveExpiration)
                .add(SECTION, "DB_ACQUIRE_TIMEOUT", dbAcquireTimeout.toMillis() + " ms");
    }
}

package net.taler.common.config;

import java.util.Locale;

import net.taler.common.amount.Amount;
import net.taler.common.amount.AmountException;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.time.RelativeTime;

/**
 * The one reader of each option that several programs read (operations.md 3.1), so every
 * program applies the same rule. Each throws a {@link ConfigException} naming section and
 * option (exit 6) for a missing or malformed value.
 */
public final class TalerSettings {
    /** {@code [exchangedb] IDLE_RESERVE_EXPIRATION_TIME} when unset. */
    public static final RelativeTime DEFAULT_IDLE_RESERVE_EXPIRATION = RelativeTime.ofSeconds(4L * 7 * 24 * 3600);
    /** {@code [exchangedb] LEGAL_RESERVE_EXPIRATION_TIME} when unset. */
    public static final RelativeTime DEFAULT_LEGAL_RESERVE_EXPIRATION = RelativeTime.ofSeconds(7L * 365 * 24 * 3600);

    private TalerSettings() {
    }

    /** {@code [taler] CURRENCY}: required; 1 to 11 characters of {@code A-Z a-z 0-9 _ - *}. */
    public static String currency(TalerConfig cfg) {
        String currency = cfg.requireString("taler", "CURRENCY").trim();
        try {
            Amount.checkCurrency(currency);
        } catch (AmountException e) {
            throw cfg.invalid("taler", "CURRENCY", "a currency name (at most " + Amount.MAX_CURRENCY_LENGTH
                    + " characters of A-Z a-z 0-9 _ - *)", e);
        }
        return currency;
    }

    /** {@code [exchange] MASTER_PUBLIC_KEY}: required, a base32 EdDSA public key. */
    public static EddsaPublicKey masterPublicKey(TalerConfig cfg) {
        return new EddsaPublicKey(cfg.requireBase32("exchange", "MASTER_PUBLIC_KEY", EddsaPublicKey.SIZE));
    }

    /**
     * {@code [exchange] BASE_URL}: required and taken verbatim (clients sign over it), so it must
     * be an http(s) URL of printable ASCII without blanks that ends in {@code /}.
     */
    public static String exchangeBaseUrl(TalerConfig cfg) {
        String url = cfg.requireString("exchange", "BASE_URL").trim();
        if (!validBaseUrl(url)) {
            throw cfg.invalid("exchange", "BASE_URL", "an http(s) URL ending in `/' without spaces", null);
        }
        return url;
    }

    /** {@code [exchangedb] IDLE_RESERVE_EXPIRATION_TIME}: when an idle reserve is closed (default 4 weeks). */
    public static RelativeTime idleReserveExpiration(TalerConfig cfg) {
        return cfg.getRelativeTime("exchangedb", "IDLE_RESERVE_EXPIRATION_TIME")
                .orElse(DEFAULT_IDLE_RESERVE_EXPIRATION);
    }

    /** {@code [exchangedb] LEGAL_RESERVE_EXPIRATION_TIME}: how long reserve records are kept (default 7 years). */
    public static RelativeTime legalReserveExpiration(TalerConfig cfg) {
        return cfg.getRelativeTime("exchangedb", "LEGAL_RESERVE_EXPIRATION_TIME")
                .orElse(DEFAULT_LEGAL_RESERVE_EXPIRATION);
    }

    /** The charset check of the C exchange: http(s) scheme, printable ASCII, no blanks, final slash. */
    public static boolean validBaseUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("http://") || lower.startsWith("https://")) || !url.endsWith("/")) {
            return false;
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }
}

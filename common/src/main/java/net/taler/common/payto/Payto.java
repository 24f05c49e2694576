package net.taler.common.payto;

import java.math.BigInteger;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

import net.taler.common.crypto.EddsaPublicKey;

/**
 * Validation and field access for {@code payto://} URIs as the exchange accepts them: a narrow
 * character whitelist (stricter than RFC 8905, as upstream), a {@code /} after the method,
 * and for {@code iban} a valid IBAN plus a {@code receiver-name} parameter.
 */
public final class Payto {
    private static final String PREFIX = "payto://";
    private static final String ALLOWED =
            "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/:&?-.,=+";
    /** Upper bound on what we accept at all; real account URIs are far shorter. */
    public static final int MAX_LENGTH = 1024;

    private Payto() {
    }

    /** Why the URI is unacceptable, or empty when it is fine. */
    public static Optional<String> validate(String uri) {
        if (uri.length() > MAX_LENGTH) {
            return Optional.of("payto URI too long");
        }
        if (!uri.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.of("invalid prefix (expected payto://)");
        }
        for (int i = 0; i < uri.length(); i++) {
            if (ALLOWED.indexOf(uri.charAt(i)) < 0) {
                return Optional.of("invalid character '" + uri.charAt(i) + "' at offset " + i);
            }
        }
        String rest = uri.substring(PREFIX.length());
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return Optional.of("missing '/' after the payment method");
        }
        if (rest.substring(0, slash).equalsIgnoreCase("iban")) {
            String iban = uri.substring(uri.lastIndexOf('/') + 1);
            int q = iban.indexOf('?');
            if (q >= 0) {
                iban = iban.substring(0, q);
            }
            Optional<String> err = validateIban(iban);
            if (err.isPresent()) {
                return err;
            }
            if (parameter(uri, "receiver-name").isEmpty()) {
                return Optional.of("'receiver-name' parameter missing");
            }
        }
        return Optional.empty();
    }

    /** Throws {@link IllegalArgumentException} with the reason when the URI is unacceptable. */
    public static void check(String uri) {
        validate(uri).ifPresent(reason -> {
            throw new IllegalArgumentException(reason);
        });
    }

    /** The payment method (e.g. {@code iban}, {@code x-taler-bank}), lower-cased. */
    public static String method(String uri) {
        check(uri);
        String rest = uri.substring(PREFIX.length());
        return rest.substring(0, rest.indexOf('/')).toLowerCase(Locale.ROOT);
    }

    /**
     * The payto URI that names a reserve at an exchange (P2P payments into a reserve):
     * {@code https://HOST/PATH/} becomes {@code payto://taler-reserve/HOST/PATH/<RESERVE_PUB>},
     * {@code http://} becomes {@code payto://taler-reserve-http/...}.
     */
    public static String reservePayto(String exchangeBaseUrl, EddsaPublicKey reservePub) {
        String rest;
        String method;
        if (exchangeBaseUrl.startsWith("https://")) {
            method = "taler-reserve";
            rest = exchangeBaseUrl.substring("https://".length());
        } else if (exchangeBaseUrl.startsWith("http://")) {
            method = "taler-reserve-http";
            rest = exchangeBaseUrl.substring("http://".length());
        } else {
            throw new IllegalArgumentException("exchange base URL must start with http:// or https://");
        }
        if (rest.isEmpty() || !rest.endsWith("/")) {
            throw new IllegalArgumentException("exchange base URL must end with '/'");
        }
        return PREFIX + method + "/" + rest + reservePub.toBase32();
    }

    /** A query parameter's (URL-decoded) value, if present. */
    public static Optional<String> parameter(String uri, String name) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return Optional.empty();
        }
        for (String kv : uri.substring(q + 1).split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    /**
     * ISO 13616 check: length 5..34, two-letter country code, mod-97 remainder 1. (Upstream also
     * checks the country against a table; we accept any A-Z pair.)
     */
    public static Optional<String> validateIban(String iban) {
        if (iban.length() < 5) {
            return Optional.of("IBAN too short to be valid");
        }
        if (iban.length() > 34) {
            return Optional.of("IBAN too long to be valid");
        }
        if (!Character.isUpperCase(iban.charAt(0)) || !Character.isUpperCase(iban.charAt(1))) {
            return Optional.of("IBAN country code invalid");
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder digits = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c >= 'A' && c <= 'Z') {
                digits.append(c - 'A' + 10);
            } else {
                return Optional.of("IBAN contains invalid character '" + c + "'");
            }
        }
        if (!new BigInteger(digits.toString()).mod(BigInteger.valueOf(97)).equals(BigInteger.ONE)) {
            return Optional.of("IBAN checksum incorrect");
        }
        return Optional.empty();
    }
}

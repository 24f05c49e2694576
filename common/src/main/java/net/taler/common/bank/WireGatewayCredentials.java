package net.taler.common.bank;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

import net.taler.common.config.TalerConfig;

/**
 * Where a Wire Gateway is and how to authenticate to it: an {@code exchange-accountcredentials-*}
 * section (operations.md 3.4) with {@code WIRE_GATEWAY_URL} (must end in {@code /}; endpoint
 * paths are appended to it) and {@code WIRE_GATEWAY_AUTH_METHOD} {@code none} or {@code basic}
 * (then {@code USERNAME} and {@code PASSWORD}). {@link #toString()} never shows the password.
 *
 * @param baseUrl the gateway base URL, ending in {@code /}
 * @param authMethod how to authenticate
 * @param username user name for {@link AuthMethod#BASIC}, else null
 * @param password password for {@link AuthMethod#BASIC}, else null
 */
public record WireGatewayCredentials(String baseUrl, AuthMethod authMethod, String username, String password) {
    /** Option names in the credentials section. */
    public static final String URL_OPTION = "WIRE_GATEWAY_URL";
    public static final String AUTH_OPTION = "WIRE_GATEWAY_AUTH_METHOD";
    public static final String USERNAME_OPTION = "USERNAME";
    public static final String PASSWORD_OPTION = "PASSWORD";
    /** Longest base URL accepted (a real one is far shorter). */
    public static final int MAX_URL_LENGTH = 1024;

    /** The supported authentication methods. */
    public enum AuthMethod {
        /** No {@code Authorization} header. */
        NONE,
        /** HTTP Basic authentication with {@code USERNAME}/{@code PASSWORD}. */
        BASIC
    }

    public WireGatewayCredentials {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(authMethod, "authMethod");
        Optional<String> bad = checkBaseUrl(baseUrl);
        if (bad.isPresent()) {
            throw new IllegalArgumentException(bad.get());
        }
        if (authMethod == AuthMethod.BASIC) {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(password, "password");
            if (username.indexOf(':') >= 0) {
                throw new IllegalArgumentException("a Basic-auth user name must not contain ':'");
            }
        } else if (username != null || password != null) {
            throw new IllegalArgumentException("user name and password only go with basic authentication");
        }
    }

    /** Credentials without authentication. */
    public static WireGatewayCredentials none(String baseUrl) {
        return new WireGatewayCredentials(baseUrl, AuthMethod.NONE, null, null);
    }

    /** Credentials with HTTP Basic authentication. */
    public static WireGatewayCredentials basic(String baseUrl, String username, String password) {
        return new WireGatewayCredentials(baseUrl, AuthMethod.BASIC, username, password);
    }

    /**
     * Reads a credentials section. A missing option is a {@code ConfigException} of kind MISSING,
     * an unusable value one of kind INVALID (both: exit code 6 in programs).
     */
    public static WireGatewayCredentials fromConfig(TalerConfig cfg, String section) {
        String url = cfg.requireString(section, URL_OPTION).trim();
        Optional<String> bad = checkBaseUrl(url);
        if (bad.isPresent()) {
            throw cfg.invalid(section, URL_OPTION, "an http(s) URL ending in '/' (" + bad.get() + ")", null);
        }
        String method = cfg.requireChoice(section, AUTH_OPTION, "none", "basic");
        if (method.equals("none")) {
            return none(url);
        }
        String user = cfg.requireString(section, USERNAME_OPTION);
        String pass = cfg.requireString(section, PASSWORD_OPTION);
        if (user.indexOf(':') >= 0) {
            throw cfg.invalid(section, USERNAME_OPTION, "a user name without ':'", null);
        }
        return basic(url, user, pass);
    }

    /** Why {@code url} is not usable as a gateway base URL, or empty. */
    public static Optional<String> checkBaseUrl(String url) {
        if (url.length() > MAX_URL_LENGTH) {
            return Optional.of("URL too long");
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            return Optional.of("not an http(s) URL");
        }
        if (!url.endsWith("/")) {
            return Optional.of("does not end in '/'");
        }
        if (url.indexOf('?') >= 0 || url.indexOf('#') >= 0) {
            return Optional.of("has a query or fragment");
        }
        try {
            URI u = new URI(url);
            if (u.getHost() == null) {
                return Optional.of("no host");
            }
        } catch (URISyntaxException e) {
            return Optional.of("malformed URL: " + e.getReason());
        }
        return Optional.empty();
    }

    /** The {@code Authorization} header value, if this method sends one. */
    public Optional<String> authorizationHeader() {
        if (authMethod != AuthMethod.BASIC) {
            return Optional.empty();
        }
        byte[] raw = (username + ":" + password).getBytes(StandardCharsets.UTF_8);
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(raw));
    }

    @Override
    public String toString() {
        return "WireGatewayCredentials[" + baseUrl + ", " + authMethod
                + (authMethod == AuthMethod.BASIC ? ", user " + username : "") + "]";
    }
}

package net.taler.fakebank;

import java.util.Objects;

import net.taler.common.amount.Amount;

/**
 * How a fakebank runs (operations.md 4).
 *
 * @param currency          the bank's only currency ({@code [taler] CURRENCY})
 * @param hostname          used in generated payto URIs and withdraw URIs ({@code [bank] HOSTNAME})
 * @param port              TCP port on localhost; 0 = any free port
 * @param ramLimit          transactions kept in the ring buffer ({@code [bank] RAM_LIMIT})
 * @param signupBonus       balance of accounts created by {@code /testing/register}; null = zero
 * @param suggestedExchange exchange base URL suggested to wallets; null = none
 * @param bindTo            address to listen on ({@code [bank] BIND_TO}); null = all addresses
 */
public record FakebankSettings(String currency, String hostname, int port, int ramLimit, Amount signupBonus,
        String suggestedExchange, String bindTo) {
    /** {@code [bank] RAM_LIMIT} default. */
    public static final int DEFAULT_RAM_LIMIT = 131072;
    /** {@code [bank] HTTP_PORT} default. */
    public static final int DEFAULT_PORT = 8082;
    /** Upper bound for RAM_LIMIT: one slot costs a few hundred bytes. */
    public static final int MAX_RAM_LIMIT = 1 << 24;

    public FakebankSettings {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(hostname, "hostname");
        Amount.checkCurrency(currency);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (ramLimit < 1 || ramLimit > MAX_RAM_LIMIT) {
            throw new IllegalArgumentException("RAM_LIMIT must be in [1," + MAX_RAM_LIMIT + "]: " + ramLimit);
        }
        if (signupBonus != null && !signupBonus.isCurrency(currency)) {
            throw new IllegalArgumentException("signup bonus must be in " + currency + ": " + signupBonus);
        }
    }

    /** Listening on all addresses. */
    public FakebankSettings(String currency, String hostname, int port, int ramLimit, Amount signupBonus,
            String suggestedExchange) {
        this(currency, hostname, port, ramLimit, signupBonus, suggestedExchange, null);
    }

    /** localhost, ephemeral port, default RAM_LIMIT, no bonus, no suggested exchange. */
    public static FakebankSettings defaults(String currency) {
        return new FakebankSettings(currency, "localhost", 0, DEFAULT_RAM_LIMIT, null, null, null);
    }

    public FakebankSettings withBindTo(String address) {
        return new FakebankSettings(currency, hostname, port, ramLimit, signupBonus, suggestedExchange, address);
    }

    public FakebankSettings withPort(int p) {
        return new FakebankSettings(currency, hostname, p, ramLimit, signupBonus, suggestedExchange, bindTo);
    }

    public FakebankSettings withRamLimit(int n) {
        return new FakebankSettings(currency, hostname, port, n, signupBonus, suggestedExchange, bindTo);
    }

    public FakebankSettings withHostname(String h) {
        return new FakebankSettings(currency, h, port, ramLimit, signupBonus, suggestedExchange, bindTo);
    }

    public FakebankSettings withSignupBonus(Amount bonus) {
        return new FakebankSettings(currency, hostname, port, ramLimit, bonus, suggestedExchange, bindTo);
    }

    public FakebankSettings withSuggestedExchange(String url) {
        return new FakebankSettings(currency, hostname, port, ramLimit, signupBonus, url, bindTo);
    }

    /** The signup bonus, zero if none was set. */
    public Amount bonusOrZero() {
        return signupBonus == null ? Amount.zero(currency) : signupBonus;
    }
}

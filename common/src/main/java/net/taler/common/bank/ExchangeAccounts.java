package net.taler.common.bank;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import net.taler.common.config.TalerConfig;

/**
 * The exchange's bank accounts from the configuration: every {@code [exchange-account-<X>]}
 * section ({@code PAYTO_URI}, {@code ENABLE_CREDIT}, {@code ENABLE_DEBIT}) and its credentials
 * section {@code [exchange-accountcredentials-<X>]} (operations.md 1.8, 3.4). The account is
 * identified everywhere (database {@code exchange_account_section}, shard job names) by its full
 * section name, e.g. {@code exchange-account-1}.
 */
public final class ExchangeAccounts {
    /** Prefix of account sections. */
    public static final String ACCOUNT_PREFIX = "exchange-account-";
    /** Prefix of credentials sections; the suffix after it matches the account's. */
    public static final String CREDENTIALS_PREFIX = "exchange-accountcredentials-";

    private ExchangeAccounts() {
    }

    /**
     * One configured account.
     *
     * @param section the full section name as written, e.g. {@code exchange-account-1}
     * @param paytoUri the account's {@code PAYTO_URI}
     * @param creditEnabled {@code ENABLE_CREDIT = YES}: wirewatch imports its incoming transfers
     * @param debitEnabled {@code ENABLE_DEBIT = YES}: aggregator/transfer pay from it
     */
    public record ExchangeAccount(String section, String paytoUri, boolean creditEnabled, boolean debitEnabled) {
        /** The part after {@code exchange-account-}, e.g. {@code 1}. */
        public String suffix() {
            return section.substring(ACCOUNT_PREFIX.length());
        }

        /** The name of the matching credentials section, e.g. {@code exchange-accountcredentials-1}. */
        public String credentialsSection() {
            return CREDENTIALS_PREFIX + suffix();
        }

        /** Reads this account's gateway credentials (ConfigException if missing or invalid). */
        public WireGatewayCredentials credentials(TalerConfig cfg) {
            return WireGatewayCredentials.fromConfig(cfg, credentialsSection());
        }
    }

    /**
     * All {@code exchange-account-*} sections in configuration order. {@code PAYTO_URI} is
     * required and validated; a malformed {@code ENABLE_*} flag counts as "no", as upstream.
     */
    public static List<ExchangeAccount> all(TalerConfig cfg) {
        List<ExchangeAccount> out = new ArrayList<>();
        for (String section : cfg.sectionsWithPrefix(ACCOUNT_PREFIX)) {
            if (section.length() == ACCOUNT_PREFIX.length()) {
                continue; // "[exchange-account-]" has no suffix to pair credentials with
            }
            out.add(new ExchangeAccount(section, cfg.requirePayto(section, "PAYTO_URI"),
                    cfg.getYesNoOrFalse(section, "ENABLE_CREDIT"), cfg.getYesNoOrFalse(section, "ENABLE_DEBIT")));
        }
        return out;
    }

    /** The accounts with {@code ENABLE_CREDIT = YES} (wirewatch, auditor). */
    public static List<ExchangeAccount> creditAccounts(TalerConfig cfg) {
        return all(cfg).stream().filter(ExchangeAccount::creditEnabled).toList();
    }

    /** The accounts with {@code ENABLE_DEBIT = YES} (aggregator, transfer, closer). */
    public static List<ExchangeAccount> debitAccounts(TalerConfig cfg) {
        return all(cfg).stream().filter(ExchangeAccount::debitEnabled).toList();
    }

    /**
     * The account named {@code name} in {@code accounts}: its full section name or just the
     * suffix after {@code exchange-account-}, case-insensitively (section names are).
     */
    public static Optional<ExchangeAccount> find(List<ExchangeAccount> accounts, String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (ExchangeAccount a : accounts) {
            String s = a.section().toLowerCase(Locale.ROOT);
            if (s.equals(n) || a.suffix().toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }
}

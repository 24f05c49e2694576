package net.taler.wirewatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import net.taler.common.bank.ExchangeAccounts;
import net.taler.common.bank.ExchangeAccounts.ExchangeAccount;
import net.taler.common.bank.WireGatewayCredentials;
import net.taler.common.config.ConfigException;
import net.taler.common.config.TalerConfig;
import org.junit.jupiter.api.Test;

/** Account and credentials sections as the workers read them. */
class ExchangeAccountsTest {
    static TalerConfig config() {
        TalerConfig c = new TalerConfig(Map.of());
        c.set("exchange-account-1", "PAYTO_URI", "payto://x-taler-bank/localhost/a?receiver-name=a");
        c.set("exchange-account-1", "ENABLE_CREDIT", "yes");
        c.set("exchange-account-1", "ENABLE_DEBIT", "NO");
        c.set("exchange-accountcredentials-1", "WIRE_GATEWAY_URL", "http://bank/taler-wire-gateway/a/");
        c.set("exchange-accountcredentials-1", "WIRE_GATEWAY_AUTH_METHOD", "BASIC");
        c.set("exchange-accountcredentials-1", "USERNAME", "a");
        c.set("exchange-accountcredentials-1", "PASSWORD", "pw");
        c.set("Exchange-Account-Debit", "PAYTO_URI", "payto://x-taler-bank/localhost/b");
        c.set("Exchange-Account-Debit", "ENABLE_DEBIT", "YES");
        c.set("exchange-accountcredentials-debit", "WIRE_GATEWAY_URL", "https://bank/b/");
        c.set("exchange-accountcredentials-debit", "WIRE_GATEWAY_AUTH_METHOD", "none");
        c.set("exchange-accountx", "PAYTO_URI", "payto://x-taler-bank/localhost/c");
        return c;
    }

    @Test
    void listsAccountsAndPairsCredentials() {
        TalerConfig c = config();
        List<ExchangeAccount> all = ExchangeAccounts.all(c);
        assertEquals(List.of("exchange-account-1", "Exchange-Account-Debit"),
                all.stream().map(ExchangeAccount::section).toList());
        List<ExchangeAccount> credit = ExchangeAccounts.creditAccounts(c);
        assertEquals(1, credit.size());
        ExchangeAccount a = credit.get(0);
        assertEquals("exchange-accountcredentials-1", a.credentialsSection());
        WireGatewayCredentials cr = a.credentials(c);
        assertEquals(WireGatewayCredentials.AuthMethod.BASIC, cr.authMethod());
        assertEquals("a", cr.username());
        assertEquals("pw", cr.password());
        ExchangeAccount d = ExchangeAccounts.debitAccounts(c).get(0);
        assertEquals(WireGatewayCredentials.AuthMethod.NONE, d.credentials(c).authMethod());
        assertEquals(a, ExchangeAccounts.find(credit, "1").orElseThrow());
        assertEquals(a, ExchangeAccounts.find(credit, "EXCHANGE-ACCOUNT-1").orElseThrow());
        assertTrue(ExchangeAccounts.find(credit, "debit").isEmpty());
    }

    @Test
    void incompleteCredentialsAreConfigErrors() {
        TalerConfig c = config();
        c.remove("exchange-accountcredentials-1", "PASSWORD");
        ConfigException e = assertThrows(ConfigException.class,
                () -> ExchangeAccounts.creditAccounts(c).get(0).credentials(c));
        assertEquals(ConfigException.Kind.MISSING, e.kind());
        c.set("exchange-accountcredentials-1", "PASSWORD", "pw");
        c.set("exchange-accountcredentials-1", "WIRE_GATEWAY_URL", "http://bank/no-slash");
        e = assertThrows(ConfigException.class, () -> ExchangeAccounts.creditAccounts(c).get(0).credentials(c));
        assertEquals(ConfigException.Kind.INVALID, e.kind());
        c.set("exchange-accountcredentials-1", "WIRE_GATEWAY_URL", "http://bank/a/");
        c.set("exchange-accountcredentials-1", "WIRE_GATEWAY_AUTH_METHOD", "token");
        e = assertThrows(ConfigException.class, () -> ExchangeAccounts.creditAccounts(c).get(0).credentials(c));
        assertEquals(ConfigException.Kind.INVALID, e.kind());
        c.set("exchange-account-1", "PAYTO_URI", "not-a-payto");
        assertThrows(ConfigException.class, () -> ExchangeAccounts.all(c));
    }
}

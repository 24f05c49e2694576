package net.taler.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class EffectiveSettingsTest {
    @Test
    void secretOptionsAreMasked() {
        assertEquals("*****", EffectiveSettings.mask("bank", "PASSWORD", "hunter2"));
        assertEquals("*****", EffectiveSettings.mask("x", "access_token", "t0k"));
        assertEquals("*****", EffectiveSettings.mask("kyc-provider", "CLIENT_SECRET", "s"));
        assertEquals("KUDOS", EffectiveSettings.mask("taler", "CURRENCY", "KUDOS"));
    }

    @Test
    void accountCredentialsAreMaskedExceptUrlAndMethod() {
        String s = "exchange-accountcredentials-1";
        assertEquals("*****", EffectiveSettings.mask(s, "USERNAME", "exchange"));
        assertEquals("*****", EffectiveSettings.mask(s, "PASSWORD", "x"));
        assertEquals("http://bank/", EffectiveSettings.mask(s, "WIRE_GATEWAY_URL", "http://bank/"));
        assertEquals("basic", EffectiveSettings.mask(s, "WIRE_GATEWAY_AUTH_METHOD", "basic"));
    }

    @Test
    void passwordsInsideConnectionStringsAreMasked() {
        assertEquals("postgres://taler:*****@db.example/taler",
                EffectiveSettings.mask("exchangedb-postgres", "CONFIG", "postgres://taler:s3cret@db.example/taler"));
        assertEquals("postgres:///taler", EffectiveSettings.mask("exchangedb-postgres", "CONFIG", "postgres:///taler"));
        assertEquals("host=db password=***** dbname=taler",
                EffectiveSettings.mask("exchangedb-postgres", "CONFIG", "host=db password=s3cret dbname=taler"));
    }

    @Test
    void linesShowSectionOptionAndValue() {
        TalerConfig cfg = new TalerConfig(Map.of());
        cfg.set("exchange-accountcredentials-1", "WIRE_GATEWAY_URL", "http://bank/");
        cfg.set("exchange-accountcredentials-1", "PASSWORD", "x");
        List<String> lines = new EffectiveSettings("prog").add("taler", "CURRENCY", "KUDOS")
                .add("exchange", "BASE_URL", null).addSection(cfg, "exchange-accountcredentials-1")
                .note("-t", true).lines();
        assertEquals(List.of("[taler] CURRENCY = KUDOS", "[exchange] BASE_URL = (unset)",
                "[exchange-accountcredentials-1] WIRE_GATEWAY_URL = http://bank/",
                "[exchange-accountcredentials-1] PASSWORD = *****", "-t = true"), lines);
    }

    @Test
    void sharedReadersApplyOneRule() {
        TalerConfig cfg = new TalerConfig(Map.of());
        cfg.set("taler", "CURRENCY", " KUDOS ");
        assertEquals("KUDOS", TalerSettings.currency(cfg));
        cfg.set("taler", "CURRENCY", "TOOLONGCURRENCY");
        ConfigException e = assertThrows(ConfigException.class, () -> TalerSettings.currency(cfg));
        assertTrue(e.getMessage().contains("[taler] CURRENCY"), e.getMessage());
        cfg.set("taler", "CURRENCY", "KU DOS");
        assertThrows(ConfigException.class, () -> TalerSettings.currency(cfg));
        cfg.remove("taler", "CURRENCY");
        assertThrows(ConfigException.class, () -> TalerSettings.currency(cfg));

        cfg.set("exchange", "BASE_URL", "http://localhost:8081/");
        assertEquals("http://localhost:8081/", TalerSettings.exchangeBaseUrl(cfg));
        cfg.set("exchange", "BASE_URL", "http://localhost:8081");
        e = assertThrows(ConfigException.class, () -> TalerSettings.exchangeBaseUrl(cfg));
        assertTrue(e.getMessage().contains("[exchange] BASE_URL"), e.getMessage());

        assertEquals(TalerSettings.DEFAULT_IDLE_RESERVE_EXPIRATION, TalerSettings.idleReserveExpiration(cfg));
        cfg.set("exchangedb", "LEGAL_RESERVE_EXPIRATION_TIME", "1 year");
        assertEquals(365L * 24 * 3600, TalerSettings.legalReserveExpiration(cfg).toDuration().toSeconds());
    }
}

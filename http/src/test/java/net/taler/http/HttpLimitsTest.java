package net.taler.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import net.taler.common.config.ConfigException;
import net.taler.common.config.TalerConfig;

/** Reading the limits from a service's section: defaults, values, and refusal of bad values. */
class HttpLimitsTest {
    private static TalerConfig config(String... kv) {
        TalerConfig c = new TalerConfig(Map.of());
        for (int i = 0; i < kv.length; i += 2) {
            c.set("svc", kv[i], kv[i + 1]);
        }
        return c;
    }

    @Test
    void unsetOptionsKeepTheDefaults() {
        HttpLimits l = HttpLimits.fromConfig(config(), "svc");
        assertEquals(HttpLimits.defaults(), l);
        assertEquals(10_000, l.maxConnections());
        assertEquals(64, l.maxConnectionsPerAddress());
        assertEquals(Duration.ofSeconds(10), l.headTimeout());
        assertEquals(Duration.ofSeconds(30), l.bodyTimeout());
        assertEquals(Duration.ofSeconds(60), l.longPollMax());
        assertEquals(Optional.empty(), HttpLimits.idleTimeoutSeconds(config(), "svc"));
    }

    @Test
    void valuesAreRead() {
        TalerConfig c = config("MAX_CONNECTIONS", "500", "MAX_CONNECTIONS_PER_IP", "0", "REQUEST_HEAD_TIMEOUT", "5 s",
                "REQUEST_BODY_TIMEOUT", "2 m", "LONG_POLL_MAX", "10 m", "IDLE_TIMEOUT", "0");
        HttpLimits l = HttpLimits.fromConfig(c, "svc");
        assertEquals(new HttpLimits(500, 0, Duration.ofSeconds(5), Duration.ofMinutes(2), Duration.ofMinutes(10)), l);
        assertEquals(Optional.of(0), HttpLimits.idleTimeoutSeconds(c, "svc"));
        HttpServer.Options o = HttpServer.Options.defaults().withConfig(config("IDLE_TIMEOUT", "45 s"), "svc");
        assertEquals(45, o.idleTimeoutSeconds());
        assertEquals(HttpLimits.defaults(), o.limits());
    }

    @Test
    void badValuesNameTheOption() {
        String[][] bad = {{"MAX_CONNECTIONS", "0"}, {"MAX_CONNECTIONS", "many"}, {"MAX_CONNECTIONS", "2000000"},
            {"MAX_CONNECTIONS_PER_IP", "-1"}, {"REQUEST_HEAD_TIMEOUT", "0 s"}, {"REQUEST_HEAD_TIMEOUT", "forever"},
            {"REQUEST_BODY_TIMEOUT", "500 ms"}, {"REQUEST_BODY_TIMEOUT", "2 h"}, {"LONG_POLL_MAX", "11 m"},
            {"LONG_POLL_MAX", "soon"}};
        for (String[] b : bad) {
            ConfigException e = assertThrows(ConfigException.class, () -> HttpLimits.fromConfig(config(b), "svc"),
                    b[0] + " = " + b[1]);
            assertTrue(e.getMessage().contains("[svc] " + b[0]), e.getMessage());
        }
        for (String idle : new String[] {"forever", "2 h", "200 ms"}) {
            assertThrows(ConfigException.class, () -> HttpLimits.idleTimeoutSeconds(config("IDLE_TIMEOUT", idle), "svc"));
        }
    }

    @Test
    void clampingKeepsShortWaitsAndCapsLongOnes() {
        HttpLimits l = HttpLimits.defaults();
        assertEquals(Duration.ofSeconds(30), l.clampLongPoll(Duration.ofSeconds(30)));
        assertEquals(Duration.ofSeconds(60), l.clampLongPoll(Duration.ofMillis(Long.MAX_VALUE)));
        assertEquals(Duration.ZERO, l.clampLongPoll(Duration.ofSeconds(-1)));
    }
}

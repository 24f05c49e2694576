package net.taler.httpd.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.time.Timestamp;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.keys.KeysVerifier;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.ExchangeClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code GET /wire} (exchange-api.md 2.3) after the harness's key-up: the account and the wire
 * fees of this year and the next, each signed by the master key, and its caching headers.
 */
class WireEndpointTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();

    private static ApiResponse wire() {
        ApiResponse r = EXCHANGE.exchange().get("wire");
        assertEquals(200, r.status(), r.summary());
        return r;
    }

    @Test
    void accountsAndFeesAreSignedByTheMasterKey() {
        ApiResponse r = wire();
        KeysVerifier.Wire w = KeysVerifier.verifyWire(r.text(), EXCHANGE.masterPub().toBase32());
        assertEquals(List.of(ExchangeKit.PAYTO), w.accounts());
        List<Timestamp> starts = w.feeStarts().get("x-taler-bank");
        assertNotNull(starts, r.summary());
        int year = EXCHANGE.clock().instant().atZone(ZoneOffset.UTC).getYear();
        assertEquals(List.of(KeysVerifier.yearStart(year), KeysVerifier.yearStart(year + 1)), starts.stream()
                .sorted().toList(), r.summary());
        // not vacuous: a fee carrying the account's signature fails
        JsonNode j = KeysVerifier.parse(r.text());
        String accountSig = j.path("accounts").get(0).path("master_sig").asText();
        String feeSig = j.path("fees").path("x-taler-bank").get(0).path("sig").asText();
        String master = EXCHANGE.masterPub().toBase32();
        assertThrows(AssertionError.class, () -> KeysVerifier.verifyWire(r.text().replace(feeSig, accountSig), master));
    }

    @Test
    void ifNoneMatchWithTheEtagGives304() {
        ApiResponse r = wire();
        String etag = r.header("ETag").orElseThrow(() -> new AssertionError("no ETag: " + r.headers()));
        ExchangeClient exchange = EXCHANGE.exchange();
        ApiResponse same = exchange.http().get(exchange.url("wire"), exchange.http().timeout(),
                Map.of("If-None-Match", etag));
        assertEquals(304, same.status(), same.summary());
        assertEquals(0, same.body().length, same.summary());
        assertTrue(same.header("Cache-Control").isPresent(), same.summary());
    }
}

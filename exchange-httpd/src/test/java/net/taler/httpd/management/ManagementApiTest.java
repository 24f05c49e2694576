package net.taler.httpd.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.encoding.Crockford;
import net.taler.common.sig.master.WireFees;
import net.taler.common.time.Timestamp;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.wallet.ApiResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Error replies of the management API (operations.md 3.3) and of the router, after a key-up. */
class ManagementApiTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();

    private static String b32(int size) {
        byte[] b = new byte[size];
        new SecureRandom().nextBytes(b);
        return Crockford.encode(b);
    }

    private static Timestamp yearStart(int year) {
        return Timestamp.ofSeconds(LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
    }

    private static String wireFeeBody(int feeYear, String wireFee, String closingFee, String sig) {
        return "{\"wire_method\":\"x-taler-bank\",\"fee_start\":{\"t_s\":" + yearStart(feeYear).seconds()
                + "},\"fee_end\":{\"t_s\":" + yearStart(feeYear + 1).seconds() + "},\"wire_fee\":\""
                + wireFee + "\",\"closing_fee\":\"" + closingFee + "\",\"master_sig\":\"" + sig + "\"}";
    }

    private static String signedWireFee(int feeYear, String wireFee, String closingFee) {
        EddsaSignature sig = WireFees.forMethod("x-taler-bank", yearStart(feeYear), yearStart(feeYear + 1),
                Amount.parse(wireFee), Amount.parse(closingFee)).sign(EXCHANGE.masterPriv());
        return wireFeeBody(feeYear, wireFee, closingFee, sig.toBase32());
    }

    private static void assertError(ApiResponse r, int status, Integer code, String what) {
        String msg = what + ": " + r.summary();
        assertEquals(status, r.status(), msg);
        JsonNode body = r.json();
        assertTrue(body != null && body.path("code").isIntegralNumber(), "error reply without numeric code: " + msg);
        if (code != null) {
            assertEquals(code.intValue(), body.path("code").intValue(), msg);
        }
    }

    @Test
    void managementApiRejectsBadRequests() {
        int year = EXCHANGE.clock().instant().atZone(ZoneOffset.UTC).getYear();
        List<String> failures = new ArrayList<>();
        record Case(String what, String method, String path, String body, int status, Integer code) {
        }
        List<Case> cases = List.of(
                new Case("wire fee with bad master_sig", "POST", "management/wire-fee",
                        wireFeeBody(year + 60, "TESTKUDOS:0.01", "TESTKUDOS:0.01", b32(64)), 403, 1812),
                new Case("keys with unknown h_denom_pub", "POST", "management/keys",
                        "{\"denom_sigs\":[{\"h_denom_pub\":\"" + b32(64) + "\",\"master_sig\":\"" + b32(64)
                                + "\"}],\"signkey_sigs\":[]}", 404, null),
                new Case("conflicting wire fee", "POST", "management/wire-fee",
                        signedWireFee(year, "TESTKUDOS:0.02", "TESTKUDOS:0.01"), 409, 1813),
                new Case("malformed JSON", "POST", "management/wire-fee", "{\"wire_method\": ", 400, 22),
                new Case("bad base32", "POST", "management/wire-fee",
                        wireFeeBody(year + 60, "TESTKUDOS:0.01", "TESTKUDOS:0.01", "not*base32!"), 400, null),
                new Case("amount in another currency", "POST", "management/wire-fee",
                        signedWireFee(year + 61, "EUR:0.01", "EUR:0.01"), 400, null),
                new Case("unknown path", "GET", "no-such-endpoint", null, 404, 21),
                new Case("GET on a POST-only path", "GET", "management/wire-fee", null, 405, null));
        for (Case c : cases) {
            ApiResponse r = c.method().equals("GET") ? EXCHANGE.exchange().get(c.path())
                    : EXCHANGE.exchange().postBytes(c.path(), c.body().getBytes(StandardCharsets.UTF_8));
            try {
                assertError(r, c.status(), c.code(), c.what() + " (" + c.method() + " /" + c.path() + ")");
            } catch (AssertionError e) {
                failures.add(e.getMessage() + (c.body() == null ? "" : "\n    request body: " + c.body()));
            }
        }
        ApiResponse k = EXCHANGE.exchange().get("keys");
        if (k.status() != 200) {
            failures.add("GET /keys afterwards: " + k.summary());
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}

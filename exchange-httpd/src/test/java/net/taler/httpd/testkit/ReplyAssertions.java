package net.taler.httpd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.sig.Signable;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.sig.exchange.DenominationUnknown;
import net.taler.common.time.Timestamp;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.ExchangeKeys;

/**
 * Checks of the exchange's refusals (exchange-api.md 1.3, 3.6, 4.11): exact status and Taler
 * error code, the signed denomination replies, and the reserve history of a 409.
 */
public final class ReplyAssertions {
    private ReplyAssertions() {
    }

    /** Status, code and a textual {@code hint}. */
    public static void assertStatus(ApiResponse r, int status, TalerErrorCode code) {
        assertEquals(status, r.status(), r.summary());
        assertEquals(code.code(), r.errorCode(), r.summary());
        assertTrue(r.json().path("hint").isTextual(), "hint: " + r.summary());
    }

    /**
     * A signed 404/410 denomination reply: {@code h_denom_pub}, {@code timestamp},
     * {@code exchange_pub} (a signing key of {@code keys}) and {@code exchange_sig} over
     * DenominationUnknown ({@code oper} null, 404) or DenominationExpired (410, with {@code oper}).
     */
    public static void assertSignedDenomReply(ApiResponse r, int status, TalerErrorCode code, HashCode h, String oper,
            ExchangeKeys keys) {
        assertEquals(status, r.status(), r.summary());
        assertEquals(code.code(), r.errorCode(), r.summary());
        JsonNode b = r.json();
        assertEquals(h.toBase32(), b.path("h_denom_pub").asText(), r.summary());
        Timestamp ts = Timestamp.ofSeconds(b.path("timestamp").path("t_s").asLong());
        EddsaPublicKey pub = EddsaPublicKey.fromBase32(b.path("exchange_pub").asText());
        EddsaSignature sig = EddsaSignature.fromBase32(b.path("exchange_sig").asText());
        assertTrue(keys.isSignKey(pub), "exchange_pub is a signing key of /keys: " + r.summary());
        Signable signed;
        if (oper == null) {
            signed = new DenominationUnknown(ts, h);
        } else {
            assertEquals(oper, b.path("oper").asText(), r.summary());
            signed = new DenominationExpired(ts, oper, h);
        }
        assertTrue(signed.verify(pub, sig), "exchange_sig verifies: " + r.summary());
        assertFalse(new DenominationUnknown(ts, HashCode.ZERO).verify(pub, sig), "signature is not vacuous");
    }

    /** Entries of a reserve history with this {@code type}. */
    public static int count(JsonNode history, String type) {
        int n = 0;
        for (JsonNode e : history) {
            if (e.path("type").asText().equals(type)) {
                n++;
            }
        }
        return n;
    }

    /** Exactly one CREDIT entry: the bank row as {@code wire_reference}, the amount, the sender. */
    public static void assertCredit(JsonNode history, long row, Amount amount, ApiResponse r) {
        assertTrue(history.isArray(), r.summary());
        assertEquals(1, count(history, "CREDIT"), r.summary());
        for (JsonNode e : history) {
            if (e.path("type").asText().equals("CREDIT")) {
                assertTrue(e.path("wire_reference").isIntegralNumber(), r.summary());
                assertEquals(row, e.path("wire_reference").asLong(), "wire_reference = bank row: " + r.summary());
                assertEquals(amount.toString(), e.path("amount").asText(), r.summary());
                assertTrue(e.path("sender_account_url").asText().startsWith("payto://x-taler-bank/localhost/testdebtor"),
                        r.summary());
                assertTrue(e.path("timestamp").path("t_s").isIntegralNumber(), r.summary());
            }
        }
    }
}

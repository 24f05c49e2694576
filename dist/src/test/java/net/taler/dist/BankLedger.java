package net.taler.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.encoding.Crockford;
import net.taler.testsupport.pg.PgDatabase;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.JsonHttp;

/**
 * Both sides of the incoming wire transfers: what the fakebank lists in
 * {@code history/incoming} and what the exchange stored in {@code reserves_in} (and the
 * balances in {@code reserves}), keyed by bank row id, for "imported exactly once" checks.
 */
final class BankLedger {
    /** One credit: reserve public key (base32) and amount. */
    record Credit(String reservePub, Amount amount) {
    }

    private BankLedger() {
    }

    /** Rows per history page (the wire gateway's largest {@code delta} we use). */
    static final int PAGE = 1024;

    /** The bank's incoming transfers to the exchange account, by row id (all pages). */
    static Map<Long, Credit> bankCredits(JsonHttp http, String wireGatewayUrl) {
        Map<Long, Credit> out = new TreeMap<>();
        long previous = 0;
        while (true) {
            ApiResponse r = http.get(URI.create(wireGatewayUrl + "history/incoming?delta=" + PAGE
                    + (previous > 0 ? "&start=" + previous : "")));
            if (r.status() == 204) {
                return out;
            }
            JsonNode body = r.expectJson(200);
            JsonNode list = body.path("incoming_transactions");
            assertTrue(list.isArray(), r.summary());
            for (JsonNode t : list) {
                long row = t.path("row_id").asLong();
                assertTrue(row > previous, "bank row ids not increasing: " + r.summary());
                previous = row;
                out.put(row, new Credit(t.path("reserve_pub").asText(), Amount.parse(t.path("amount").asText())));
            }
            if (list.size() < PAGE) {
                return out;
            }
        }
    }

    /** The exchange's {@code reserves_in} rows of one account section, by {@code wire_reference}. */
    static Map<Long, Credit> exchangeCredits(PgDatabase db, String section) throws SQLException {
        Map<Long, Credit> out = new TreeMap<>();
        try (Connection c = db.open(); PreparedStatement ps = c.prepareStatement(
                "SELECT wire_reference, reserve_pub, credit_val, credit_frac FROM exchange.reserves_in"
                        + " WHERE exchange_account_section = ?")) {
            ps.setString(1, section);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Credit prev = out.put(rs.getLong(1), new Credit(Crockford.encode(rs.getBytes(2)),
                            new Amount(ExchangeTestbed.CURRENCY, rs.getLong(3), rs.getInt(4))));
                    assertEquals(null, prev, "wire_reference " + rs.getLong(1) + " imported twice");
                }
            }
        }
        return out;
    }

    /** Number of {@code reserves_in} rows (all sections). */
    static int exchangeCreditCount(PgDatabase db) throws SQLException {
        try (Connection c = db.open(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM exchange.reserves_in"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Reserve balances ({@code reserves.current_balance}) by reserve public key (base32). */
    static Map<String, Amount> reserveBalances(PgDatabase db) throws SQLException {
        Map<String, Amount> out = new TreeMap<>();
        try (Connection c = db.open(); PreparedStatement ps = c.prepareStatement(
                "SELECT reserve_pub, current_balance_val, current_balance_frac FROM exchange.reserves");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(Crockford.encode(rs.getBytes(1)), new Amount(ExchangeTestbed.CURRENCY, rs.getLong(2),
                        rs.getInt(3)));
            }
        }
        return out;
    }
}

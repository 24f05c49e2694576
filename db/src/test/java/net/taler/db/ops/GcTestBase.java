package net.taler.db.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.time.Timestamp;
import net.taler.db.TestKeys;
import net.taler.db.dbinit.SchemaManager;
import net.taler.db.deposit.DepositRepository.DepositStatus;
import net.taler.db.reserve.ReserveRepository.WithdrawStatus;
import org.junit.jupiter.api.Test;

/** exchange_do_gc deletes exactly what operations.md 3.1 lists; run on both layouts. */
abstract class GcTestBase extends MoneyOpsTestBase {
    static final long NOW = 2_000_000_000L; // seconds
    static final List<String> WATCHED = List.of("prewire", "wire_fee", "reserves", "reserves_out", "recoup",
            "denominations", "refresh_commitments", "refresh_revealed_coins", "refresh_transfer_keys", "known_coins",
            "deposits", "refunds", "aggregation_tracking", "cs_nonce_locks", "wire_targets", "wire_out",
            "exchange_sign_keys", "work_shards", "close_requests");

    void sql(String s) throws Exception {
        try (Connection c = pg.open(); Statement st = c.createStatement()) {
            st.execute(s);
        }
    }

    Map<String, Long> counts() throws Exception {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String t : WATCHED) {
            m.put(t, query("SELECT count(*) FROM exchange." + t));
        }
        return m;
    }

    long denomWithExpiry(long expireLegalSeconds) {
        return denoms.insert(TestKeys.denomination(TestKeys.rsaKey(bytes(64)),
                new EddsaSignature(bytes(64)), Timestamp.ofSeconds(1), Timestamp.ofSeconds(2),
                Timestamp.ofSeconds(3), Timestamp.ofSeconds(expireLegalSeconds), amt("5"), amt("0"), amt("0"),
                amt("0"), amt("0")));
    }

    static String hex(byte[] b) {
        return "decode('" + HexFormat.of().formatHex(b) + "','hex')";
    }

    @Test
    void gcDeletesExactlyTheDocumentedRows() throws Exception {
        // start from an empty database (other tests of this class share it)
        for (String t : List.of("aggregation_tracking", "wire_out", "recoup", "refresh_transfer_keys", "refresh_revealed_coins", "refresh_commitments",
                "refunds", "deposits", "known_coins", "reserves_out", "reserves_in",
                "reserves", "cs_nonce_locks", "denominations", "prewire", "wire_fee")) {
            sql("DELETE FROM exchange." + t);
        }
        long dOld = denomWithExpiry(NOW - 10); // expired, unused -> deleted
        long dUsed = denomWithExpiry(NOW - 10); // expired, used by a surviving withdrawal -> kept
        long dLive = denomWithExpiry(NOW + 1000); // kept
        EddsaPublicKey r1 = credit("1"); // emptied, gc_date past -> deleted with its withdrawal
        EddsaPublicKey r2 = credit("2"); // balance left -> kept
        EddsaPublicKey r3 = credit("0.5"); // emptied but gc_date in the future -> kept
        HashCode h1 = new HashCode(bytes(64));
        HashCode h2 = new HashCode(bytes(64));
        HashCode h3 = new HashCode(bytes(64));
        assertEquals(WithdrawStatus.DONE, reserves.withdraw(withdrawOf(r1, h1, dLive, "1")).status());
        assertEquals(WithdrawStatus.DONE, reserves.withdraw(withdrawOf(r2, h2, dUsed, "1")).status());
        assertEquals(WithdrawStatus.DONE, reserves.withdraw(withdrawOf(r3, h3, dLive, "0.5")).status());
        long pastUs = (NOW - 5) * 1_000_000L;
        sql("UPDATE exchange.reserves SET gc_date = " + pastUs + " WHERE reserve_pub IN (" + hex(r1.bytes()) + ","
                + hex(r2.bytes()) + ")");
        sql("UPDATE exchange.reserves SET gc_date = " + (NOW + 5) * 1_000_000L + " WHERE reserve_pub = "
                + hex(r3.bytes()));
        // a coin with a deposit and a refund (all survive)
        HashCode liveHash;
        try (Connection c = pg.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT denom_pub_hash FROM exchange.denominations WHERE denominations_serial="
                     + dLive)) {
            rs.next();
            liveHash = new HashCode(rs.getBytes(1));
        }
        EddsaPublicKey coin = new EddsaPublicKey(bytes(32));
        coins.ensure(coin, liveHash, new byte[] {1}, null);
        EddsaPublicKey merchant = new EddsaPublicKey(bytes(32));
        HashCode contract = new HashCode(bytes(64));
        assertEquals(DepositStatus.DONE, deposits.deposit(depositOf(coin, merchant, contract, "1")).status());
        deposits.refund(coin, merchant, contract, 1, new EddsaSignature(bytes(64)), amt("0.1"));
        sql("INSERT INTO exchange.prewire (wire_method, finished, buf) VALUES ('x-taler-bank', TRUE, '\\x01'), "
                + "('x-taler-bank', FALSE, '\\x02')");
        long ancient = NOW - 10L * 365 * 86400;
        sql("INSERT INTO exchange.wire_fee (wire_method, start_date, end_date, wire_fee_val, wire_fee_frac, "
                + "closing_fee_val, closing_fee_frac, master_sig) VALUES "
                + "('x-taler-bank', 0, " + (ancient - 1) * 1_000_000L + ", 0, 1, 0, 1, " + hex(new byte[64]) + "), "
                + "('x-taler-bank', " + (ancient - 1) * 1_000_000L + ", " + (NOW + 10) * 1_000_000L + ", 0, 1, 0, 1, "
                + hex(new byte[64]) + ")");
        sql("INSERT INTO exchange.cs_nonce_locks (nonce, op_hash, max_denomination_serial) VALUES "
                + "(" + hex(bytes(32)) + "," + hex(bytes(64)) + "," + dOld + "), "
                + "(" + hex(bytes(32)) + "," + hex(bytes(64)) + "," + dLive + ")");

        Map<String, Long> before = counts();
        new SchemaManager(db).gc(Timestamp.ofSeconds(NOW), Timestamp.ofSeconds(ancient));
        Map<String, Long> after = counts();

        Map<String, Long> expected = new LinkedHashMap<>(before);
        expected.put("prewire", before.get("prewire") - 1);
        expected.put("wire_fee", before.get("wire_fee") - 1);
        expected.put("reserves", before.get("reserves") - 1);
        expected.put("reserves_out", before.get("reserves_out") - 1);
        expected.put("denominations", before.get("denominations") - 1);
        expected.put("cs_nonce_locks", before.get("cs_nonce_locks") - 1);
        assertEquals(expected, after);
        assertEquals(0, query("SELECT count(*) FROM exchange.reserves WHERE reserve_pub = " + hex(r1.bytes())));
        assertEquals(0, query("SELECT count(*) FROM exchange.reserves_out WHERE h_blind_ev = " + hex(h1.bytes())));
        assertEquals(0, query("SELECT count(*) FROM exchange.denominations WHERE denominations_serial = " + dOld));
        assertEquals(0, query("SELECT count(*) FROM exchange.reserves_out_by_reserve WHERE h_blind_ev = "
                + hex(h1.bytes())));
        // idempotent
        new SchemaManager(db).gc(Timestamp.ofSeconds(NOW), Timestamp.ofSeconds(ancient));
        assertEquals(after, counts());
    }
}

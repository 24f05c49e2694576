package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.SigningKey;
import net.taler.db.TestKeys;
import net.taler.db.conn.DbException;
import org.junit.jupiter.api.Test;


/** POST /management/keys and the denomination look-up. Real PostgreSQL, plain layout (these tables are never partitioned). */
class KeyUploadRepositoryTest extends ManagementTestBase {
    // ------------------------------------------------------------------ keys

    @Test
    void uploadKeysStoresAllAndIsIdempotent() throws Exception {
        Denomination d1 = denom("1", 1_000, 2_000_000_000);
        Denomination d2 = denom("5", 2_000, 2_000_000_000);
        SigningKey k1 = signkey(1_000, 2_000_000_000);
        SigningKey k2 = signkey(2_000, 2_000_000_000);
        var first = notified(() -> {
            keyUpload.uploadKeySignatures(List.of(d1, d2), List.of(k1, k2));
            return null;
        });
        assertEquals(KEYS, first.channels());
        assertSameDenomination(d1, denoms.find(d1.hDenomPub()).orElseThrow());
        assertSameDenomination(d2, denoms.find(d2.hDenomPub()).orElseThrow());
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));

        // the same keys again (one with another signature): nothing changes, no notification
        Denomination d1Again = Denomination.of(d1.key(), d1.value(), d1.fees(), d1.validFrom(), d1.expireWithdraw(),
                d1.expireDeposit(), d1.expireLegal(), sig());
        var again = notified(() -> {
            keyUpload.uploadKeySignatures(List.of(d1Again, d2), List.of(k1, k2));
            return null;
        });
        assertEquals(NONE, again.channels());
        assertEquals(d1.masterSig(), denoms.find(d1.hDenomPub()).orElseThrow().masterSig());
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.denominations"));
        assertEquals(2, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));

        // a partly new upload inserts the new key only
        SigningKey k3 = signkey(3_000, 2_000_000_000);
        assertEquals(KEYS, notified(() -> {
            keyUpload.uploadKeySignatures(List.of(d1, d2), List.of(k1, k3));
            return null;
        }).channels());
        assertEquals(3, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));
    }

    @Test
    void uploadKeysIsOneTransaction() throws Exception {
        Denomination good = denom("1", 1_000, 2_000_000_000);
        // typed denominations cannot be malformed, so a test-only constraint makes the database refuse this one
        Denomination broken = TestKeys.denomination(TestKeys.rsaKey(bytes(64)), sig(), t(1), t(2), t(3), t(4),
                amt("1"), amt("0"), amt("0"), amt("0"), amt("0"));
        exec("ALTER TABLE exchange.denominations ADD CONSTRAINT test_broken CHECK (valid_from <> 1000000)");
        try {
            assertThrows(DbException.class, () -> keyUpload.uploadKeySignatures(List.of(good, broken), List.of()));
            assertTrue(denoms.find(good.hDenomPub()).isEmpty());
            // nothing of a failed upload remains, also not the signing keys uploaded with it
            SigningKey k = signkey(1, 2_000_000_000);
            assertThrows(DbException.class, () -> keyUpload.uploadKeySignatures(List.of(broken), List.of(k)));
            assertEquals(0, count("SELECT COUNT(*) FROM exchange.exchange_sign_keys"));
            assertEquals(0, count("SELECT COUNT(*) FROM exchange.denominations"));
        } finally {
            exec("ALTER TABLE exchange.denominations DROP CONSTRAINT test_broken");
        }
    }

    @Test
    void findDenomination() {
        Denomination d = denom("2", 10, 2_000_000_000);
        assertTrue(denoms.find(d.hDenomPub()).isEmpty());
        denoms.insert(d);
        assertSameDenomination(d, denoms.find(d.hDenomPub()).orElseThrow());
    }

}

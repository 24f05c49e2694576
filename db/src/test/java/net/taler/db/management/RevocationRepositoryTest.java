package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.SigningKey;
import org.junit.jupiter.api.Test;


/** Denomination and signing-key revocations. Real PostgreSQL, plain layout (these tables are never partitioned). */
class RevocationRepositoryTest extends ManagementTestBase {
    @Test
    void revokeDenomination() throws Exception {
        var unknown = notified(() -> revocations.revokeDenomination(new HashCode(bytes(64)), sig()));
        assertEquals(Change.UNKNOWN, unknown.result());
        assertEquals(NONE, unknown.channels());
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.denomination_revocations"));

        Denomination d = denom("1", 1_000, 2_000_000_000);
        Denomination other = denom("2", 1_000, 2_000_000_000);
        keyUpload.uploadKeySignatures(List.of(d, other), List.of());
        EddsaSignature first = sig();
        var revoked = notified(() -> revocations.revokeDenomination(d.hDenomPub(), first));
        assertEquals(Change.APPLIED, revoked.result());
        assertEquals(KEYS, revoked.channels());
        var repeat = notified(() -> revocations.revokeDenomination(d.hDenomPub(), sig()));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.denomination_revocations"));
        try (Connection c = pg.open(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT master_sig FROM exchange.denomination_revocations")) {
            rs.next();
            assertArrayEquals(first.bytes(), rs.getBytes(1));
        }
        Map<HashCode, Boolean> flags = new java.util.HashMap<>();
        for (Denomination e : keyState.readKeyState(NOW).denominations()) {
            flags.put(e.hDenomPub(), e.revoked());
        }
        assertEquals(Map.of(d.hDenomPub(), true, other.hDenomPub(), false), flags);
    }

    @Test
    void revokeSigningKey() throws Exception {
        var unknown = notified(() -> revocations.revokeSigningKey(pub(), sig()));
        assertEquals(Change.UNKNOWN, unknown.result());
        assertEquals(NONE, unknown.channels());

        SigningKey k = signkey(1_000, 2_000_000_000);
        SigningKey other = signkey(2_000, 2_000_000_000);
        keyUpload.uploadKeySignatures(List.of(), List.of(k, other));
        var revoked = notified(() -> revocations.revokeSigningKey(k.exchangePub(), sig()));
        assertEquals(Change.APPLIED, revoked.result());
        assertEquals(KEYS, revoked.channels());
        var repeat = notified(() -> revocations.revokeSigningKey(k.exchangePub(), sig()));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.signkey_revocations"));
        List<SigningKey> keys = keyState.readKeyState(NOW).signingKeys();
        assertEquals(List.of(k.exchangePub(), other.exchangePub()), keys.stream().map(SigningKey::exchangePub).toList());
        assertTrue(keys.get(0).revoked());
        assertFalse(keys.get(1).revoked());
    }

}

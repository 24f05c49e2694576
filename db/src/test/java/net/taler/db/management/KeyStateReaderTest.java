package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.keys.Auditor;
import net.taler.common.keys.AuditorDenominationSignature;
import net.taler.common.keys.Denomination;
import net.taler.common.keys.KeyStateSnapshot;
import net.taler.common.keys.SigningKey;
import net.taler.common.keys.WireAccount;
import org.junit.jupiter.api.Test;


/** The key-state snapshot. Real PostgreSQL, plain layout (these tables are never partitioned). */
class KeyStateReaderTest extends ManagementTestBase {
    // ------------------------------------------------------------------ key state

    @Test
    void keyStateContents() throws Exception {
        long now = NOW.seconds();
        Denomination old = denom("1", 1_000, now + 10);
        Denomination mid = denom("2", 2_000, now + 1_000_000);
        Denomination recent = denom("4", 3_000, now + 1_000_000);
        Denomination expired = denom("8", 500, now);
        SigningKey k1 = signkey(2_000, now + 100);
        SigningKey k2 = signkey(1_000, now + 100);
        SigningKey kExpired = signkey(10, now - 1);
        keyUpload.uploadKeySignatures(List.of(mid, expired, old, recent), List.of(k1, kExpired, k2));
        revocations.revokeDenomination(mid.hDenomPub(), sig());
        revocations.revokeSigningKey(k1.exchangePub(), sig());

        EddsaPublicKey active = pub();
        EddsaPublicKey inactive = pub();
        auditors.enableAuditor(active, "https://a/", "A", t(1));
        auditors.enableAuditor(inactive, "https://b/", "B", t(1));
        EddsaSignature sActiveOld = sig();
        EddsaSignature sActiveRecent = sig();
        assertTrue(auditors.insertAuditorDenomSig(active, old.hDenomPub(), sActiveOld));
        assertTrue(auditors.insertAuditorDenomSig(active, recent.hDenomPub(), sActiveRecent));
        assertTrue(auditors.insertAuditorDenomSig(active, expired.hDenomPub(), sig()));
        assertTrue(auditors.insertAuditorDenomSig(inactive, old.hDenomPub(), sig()));
        auditors.disableAuditor(inactive, t(2));

        wireAccounts.enableWire("payto://iban/B", sig(), t(1));
        wireAccounts.enableWire("payto://iban/A", sig(), t(1));
        wireAccounts.enableWire("payto://iban/C", sig(), t(1));
        wireAccounts.disableWire("payto://iban/C", t(2));

        KeyStateSnapshot ks = keyState.readKeyState(NOW);
        List<Denomination> ds = ks.denominations();
        assertEquals(List.of(recent.hDenomPub(), mid.hDenomPub(), old.hDenomPub()),
                ds.stream().map(e -> e.hDenomPub()).toList());
        assertEquals(List.of(false, true, false), ds.stream().map(Denomination::revoked).toList());
        for (Denomination e : ds) {
            assertEquals(denoms.serialOf(e.hDenomPub()).orElseThrow(), e.serial());
        }
        assertSameDenomination(recent, ds.get(0));

        assertEquals(List.of(k2.exchangePub(), k1.exchangePub()),
                ks.signingKeys().stream().map(SigningKey::exchangePub).toList());
        assertEquals(List.of(false, true), ks.signingKeys().stream().map(SigningKey::revoked).toList());
        assertEquals(k2, ks.signingKeys().get(0));

        assertEquals(List.of(new Auditor(active, "https://a/", "A", true, t(1))),
                ks.activeAuditors());
        assertEquals(List.of(new AuditorDenominationSignature(active, old.hDenomPub(), sActiveOld),
                new AuditorDenominationSignature(active, recent.hDenomPub(), sActiveRecent)), ks.auditorDenomSigs());
        assertEquals(List.of("payto://iban/A", "payto://iban/B"),
                ks.activeWireAccounts().stream().map(WireAccount::paytoUri).toList());

        // later, the short-lived denomination and the signing keys have expired
        KeyStateSnapshot later = keyState.readKeyState(t(now + 10));
        assertEquals(List.of(recent.hDenomPub(), mid.hDenomPub()),
                later.denominations().stream().map(e -> e.hDenomPub()).toList());
        assertEquals(List.of(new AuditorDenominationSignature(active, recent.hDenomPub(), sActiveRecent)),
                later.auditorDenomSigs());
        assertEquals(List.of(), keyState.readKeyState(t(now + 100)).signingKeys());
    }

    @Test
    void keyStateIsOneSnapshot() throws Exception {
        // a writer adds a denomination and a signing key per transaction; every snapshot must see
        // both or neither (separately committed reads would see a denomination without its key)
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        ExecutorService ex = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> reader = ex.submit(() -> {
                int reads = 0;
                while (!done.get()) {
                    KeyStateSnapshot ks = keyState.readKeyState(NOW);
                    assertEquals(ks.denominations().size(), ks.signingKeys().size());
                    reads++;
                }
                return reads;
            });
            for (int i = 0; i < 300; i++) {
                keyUpload.uploadKeySignatures(List.of(denom("1", i, 2_000_000_000)), List.of(signkey(i, 2_000_000_000)));
            }
            done.set(true);
            assertTrue(reader.get() > 0);
        } finally {
            ex.shutdownNow();
        }
        // and the pooled connections are back at SERIALIZABLE read-write afterwards
        String level = db.inTransaction(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT current_setting('transaction_isolation') || '/' || current_setting('transaction_read_only')")) {
                rs.next();
                return rs.getString(1);
            }
        });
        assertEquals("serializable/off", level);
    }

}

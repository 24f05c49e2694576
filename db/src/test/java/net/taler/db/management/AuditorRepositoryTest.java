package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.keys.Auditor;
import net.taler.common.keys.AuditorDenominationSignature;
import net.taler.common.keys.Denomination;
import org.junit.jupiter.api.Test;


/** Auditors and their denomination signatures. Real PostgreSQL, plain layout (these tables are never partitioned). */
class AuditorRepositoryTest extends ManagementTestBase {
    // ------------------------------------------------------------------ auditors

    @Test
    void enableAuditorOrderingRules() throws Exception {
        EddsaPublicKey a = pub();
        assertTrue(auditors.auditor(a).isEmpty());
        var enabled = notified(() -> auditors.enableAuditor(a, "https://aud/", "Aud", t(100)));
        assertEquals(Change.APPLIED, enabled.result());
        assertEquals(KEYS, enabled.channels());
        assertEquals(new Auditor(a, "https://aud/", "Aud", true, t(100)),
                auditors.auditor(a).orElseThrow());

        var same = notified(() -> auditors.enableAuditor(a, "https://aud/", "Aud", t(100)));
        assertEquals(Change.APPLIED, same.result());
        assertEquals(NONE, same.channels());

        var older = notified(() -> auditors.enableAuditor(a, "https://old/", "Old", t(99)));
        assertEquals(Change.MORE_RECENT_PRESENT, older.result());
        assertEquals(NONE, older.channels());
        assertEquals("https://aud/", auditors.auditor(a).orElseThrow().url());

        assertEquals(Change.APPLIED, auditors.enableAuditor(a, "https://new/", "New", t(200)));
        assertEquals(new Auditor(a, "https://new/", "New", true, t(200)),
                auditors.auditor(a).orElseThrow());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.auditors"));
    }

    @Test
    void disableAuditorOrderingRules() throws Exception {
        var unknown = notified(() -> auditors.disableAuditor(pub(), t(100)));
        assertEquals(Change.UNKNOWN, unknown.result());
        assertEquals(NONE, unknown.channels());
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.auditors"));

        EddsaPublicKey a = pub();
        auditors.enableAuditor(a, "https://aud/", "Aud", t(100));
        assertEquals(Change.MORE_RECENT_PRESENT, auditors.disableAuditor(a, t(50)));
        assertTrue(auditors.auditor(a).orElseThrow().active());

        var disabled = notified(() -> auditors.disableAuditor(a, t(150)));
        assertEquals(Change.APPLIED, disabled.result());
        assertEquals(KEYS, disabled.channels());
        assertEquals(new Auditor(a, "https://aud/", "Aud", false, t(150)),
                auditors.auditor(a).orElseThrow());
        var repeat = notified(() -> auditors.disableAuditor(a, t(150)));
        assertEquals(Change.APPLIED, repeat.result());
        assertEquals(NONE, repeat.channels());

        // re-enabling with a timestamp before the disable is refused; after it works
        assertEquals(Change.MORE_RECENT_PRESENT, auditors.enableAuditor(a, "https://aud/", "Aud", t(120)));
        assertFalse(auditors.auditor(a).orElseThrow().active());
        assertEquals(Change.APPLIED, auditors.enableAuditor(a, "https://aud/", "Aud", t(160)));
        assertTrue(auditors.auditor(a).orElseThrow().active());
    }

    @Test
    void auditorDenominationSignatures() throws Exception {
        EddsaPublicKey a = pub();
        Denomination d = denom("1", 1_000, 2_000_000_000);
        keyUpload.uploadKeySignatures(List.of(d), List.of());
        assertFalse(auditors.insertAuditorDenomSig(a, d.hDenomPub(), sig()));
        auditors.enableAuditor(a, "https://aud/", "Aud", t(1));
        assertFalse(auditors.insertAuditorDenomSig(a, new HashCode(bytes(64)), sig()));
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.auditor_denom_sigs"));

        EddsaSignature s = sig();
        var inserted = notified(() -> auditors.insertAuditorDenomSig(a, d.hDenomPub(), s));
        assertTrue(inserted.result());
        assertEquals(KEYS, inserted.channels());
        var repeat = notified(() -> auditors.insertAuditorDenomSig(a, d.hDenomPub(), sig()));
        assertTrue(repeat.result());
        assertEquals(NONE, repeat.channels());
        assertEquals(List.of(new AuditorDenominationSignature(a, d.hDenomPub(), s)), keyState.readKeyState(NOW).auditorDenomSigs());
    }

}

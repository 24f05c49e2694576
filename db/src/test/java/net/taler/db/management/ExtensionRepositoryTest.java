package net.taler.db.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.keys.KeyStateSnapshot;
import org.junit.jupiter.api.Test;


/** Extension manifests. Real PostgreSQL, plain layout (these tables are never partitioned). */
class ExtensionRepositoryTest extends ManagementTestBase {
    // ------------------------------------------------------------------ extensions

    @Test
    void extensionsRoundTrip() throws Exception {
        KeyStateSnapshot empty = keyState.readKeyState(NOW);
        assertEquals(Map.of(), empty.extensions());
        assertNull(empty.extensionsSig());

        Map<String, String> m1 = Map.of("age_restriction", "{\"critical\":false,\"version\":\"1\",\"config\":"
                + "{\"age_groups\":\"8:10:12:14:16:18:21\"}}", "policy_brandt_vickrey", "{\"ü\":\"ß\"}");
        EddsaSignature s1 = sig();
        var set = notified(() -> {
            extensions.setExtensions(m1, s1);
            return null;
        });
        assertEquals(EXT, set.channels());
        KeyStateSnapshot ks = keyState.readKeyState(NOW);
        assertEquals(m1, ks.extensions());
        assertEquals(List.of("age_restriction", "policy_brandt_vickrey"), new ArrayList<>(ks.extensions().keySet()));
        assertEquals(s1, ks.extensionsSig());

        var same = notified(() -> {
            extensions.setExtensions(Map.copyOf(m1), s1);
            return null;
        });
        assertEquals(NONE, same.channels());

        // replace: one removed, one changed, signature removed
        Map<String, String> m2 = Map.of("age_restriction", "{\"critical\":true}");
        var replaced = notified(() -> {
            extensions.setExtensions(m2, null);
            return null;
        });
        assertEquals(EXT, replaced.channels());
        ks = keyState.readKeyState(NOW);
        assertEquals(m2, ks.extensions());
        assertNull(ks.extensionsSig());
        assertEquals(1, count("SELECT COUNT(*) FROM exchange.extensions"));

        // only the signature changes
        EddsaSignature s2 = sig();
        assertEquals(EXT, notified(() -> {
            extensions.setExtensions(m2, s2);
            return null;
        }).channels());
        assertEquals(s2, keyState.readKeyState(NOW).extensionsSig());

        extensions.setExtensions(Map.of(), null);
        ks = keyState.readKeyState(NOW);
        assertEquals(Map.of(), ks.extensions());
        assertNull(ks.extensionsSig());
        assertEquals(0, count("SELECT COUNT(*) FROM exchange.extensions_sig"));
    }

}

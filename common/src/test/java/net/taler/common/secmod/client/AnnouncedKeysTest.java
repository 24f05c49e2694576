package net.taler.common.secmod.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.Messages;
import net.taler.common.secmod.ProtocolException;

class AnnouncedKeysTest {
    private static final int AVAIL = 1;
    private static final int PURGE = 2;
    private static final int SYNCED = 3;

    /** An announced key: its id, the SM key that signed it, whether that signature verifies. */
    record Key(HashCode id, EddsaPublicKey sm, boolean valid) {
    }

    /** Frames carry only the key id; the key behind it comes from {@code announced}. */
    private final Map<HashCode, Key> announced = new HashMap<>();
    private final Announcements<HashCode, Key> decoder = new Announcements<>() {
        @Override
        public PushTypes types() {
            return new PushTypes(AVAIL, PURGE, SYNCED);
        }

        @Override
        public Key decodeAvail(Frame f) throws ProtocolException {
            return announced.get(new HashCode(Messages.parseKeyId(f, HashCode.SIZE)));
        }

        @Override
        public boolean verifyAvail(Key key) {
            return key.valid();
        }

        @Override
        public HashCode keyId(Key key) {
            return key.id();
        }

        @Override
        public EddsaPublicKey smKeyOf(Key key) {
            return key.sm();
        }

        @Override
        public HashCode decodePurge(Frame f) throws ProtocolException {
            return new HashCode(Messages.parseKeyId(f, HashCode.SIZE));
        }
    };

    private static final EddsaPublicKey SM1 = new EddsaPublicKey(filled(32, 1));
    private static final EddsaPublicKey SM2 = new EddsaPublicKey(filled(32, 2));

    private static byte[] filled(int n, int v) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) v);
        return b;
    }

    private Key key(int n, EddsaPublicKey sm, boolean valid) {
        Key k = new Key(new HashCode(filled(HashCode.SIZE, n)), sm, valid);
        announced.put(k.id(), k);
        return k;
    }

    private static Frame frame(int type, HashCode id) throws ProtocolException {
        return Frame.of(Messages.withKeyId(type, id));
    }

    private AnnouncedKeys<HashCode, Key> empty(EddsaPublicKey pinned) {
        return new AnnouncedKeys<>(decoder, pinned, Map.of(), null);
    }

    @Test
    void availAddsAndPurgeRemoves() throws Exception {
        Key a = key(1, SM1, true);
        Key b = key(2, SM1, true);
        AnnouncedKeys<HashCode, Key> keys = empty(null);
        assertNull(keys.smKey());
        keys.apply(frame(AVAIL, a.id()));
        keys.apply(frame(AVAIL, b.id()));
        assertEquals(SM1, keys.smKey());
        Map<HashCode, Key> before = keys.snapshot();
        keys.apply(frame(PURGE, a.id()));
        assertEquals(Map.of(b.id(), b), keys.snapshot());
        assertEquals(2, before.size(), "a snapshot does not change afterwards");
        assertThrows(UnsupportedOperationException.class, () -> before.clear());
    }

    @Test
    void invalidSignatureIsAProtocolError() throws Exception {
        Key bad = key(1, SM1, false);
        assertThrows(ProtocolException.class, () -> empty(null).apply(frame(AVAIL, bad.id())));
    }

    @Test
    void allAnnouncementsMustComeFromOneSmKey() throws Exception {
        Key a = key(1, SM1, true);
        Key b = key(2, SM2, true);
        AnnouncedKeys<HashCode, Key> keys = empty(null);
        keys.apply(frame(AVAIL, a.id()));
        ProtocolException e = assertThrows(ProtocolException.class, () -> keys.apply(frame(AVAIL, b.id())));
        assertTrue(e.getMessage().contains("different SM keys"), e.getMessage());
    }

    @Test
    void pinnedSmKeyIsEnforced() throws Exception {
        Key a = key(1, SM1, true);
        assertThrows(ProtocolException.class, () -> empty(SM2).apply(frame(AVAIL, a.id())));
        AnnouncedKeys<HashCode, Key> pinned = empty(SM1);
        pinned.apply(frame(AVAIL, a.id()));
        assertEquals(1, pinned.snapshot().size());
    }

    @Test
    void syncedOrOtherTypesAreNotAnnouncements() throws Exception {
        Key a = key(1, SM1, true);
        assertThrows(ProtocolException.class, () -> empty(null).apply(frame(SYNCED, a.id())));
        assertThrows(ProtocolException.class, () -> empty(null).apply(frame(99, a.id())));
    }

    @Test
    void pushTypesTellPushesFromReplies() {
        PushTypes t = new PushTypes(AVAIL, PURGE, SYNCED);
        assertTrue(t.isPush(AVAIL) && t.isPush(PURGE) && t.isPush(SYNCED));
        assertTrue(!t.isPush(4));
    }
}

package net.taler.common.secmod.client;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.ProtocolException;

/**
 * A key set being built from AVAIL/PURGE messages: every announcement must carry a valid SM
 * signature, all must come from one SM key, and that key must be the pinned one if any.
 * Not thread safe; {@link KeyWatcher} publishes {@link #snapshot()}s.
 */
final class AnnouncedKeys<I extends FixedBytes, K> {
    private final Announcements<I, K> decoder;
    private final EddsaPublicKey pinnedSmKey;
    private final Map<I, K> keys;
    private EddsaPublicKey smKey;

    /** Starts from {@code keys} (empty for an initial set) signed by {@code smKey} (null if unknown). */
    AnnouncedKeys(Announcements<I, K> decoder, EddsaPublicKey pinnedSmKey, Map<I, K> keys, EddsaPublicKey smKey) {
        this.decoder = decoder;
        this.pinnedSmKey = pinnedSmKey;
        this.keys = new LinkedHashMap<>(keys);
        this.smKey = smKey;
    }

    /** Applies an AVAIL or PURGE message; anything else is a protocol error. */
    void apply(Frame f) throws ProtocolException {
        PushTypes t = decoder.types();
        if (f.type() == t.avail()) {
            K k = decoder.decodeAvail(f);
            EddsaPublicKey keySm = decoder.smKeyOf(k);
            if (pinnedSmKey != null && !pinnedSmKey.equals(keySm)) {
                throw new ProtocolException("announcement signed by SM key " + keySm.toBase32()
                        + ", not the pinned " + pinnedSmKey.toBase32());
            }
            if (smKey != null && !smKey.equals(keySm)) {
                throw new ProtocolException("announcements signed by different SM keys");
            }
            if (!decoder.verifyAvail(k)) {
                throw new ProtocolException("invalid SM signature on announcement of " + decoder.keyId(k).toBase32());
            }
            smKey = keySm;
            keys.put(decoder.keyId(k), k);
        } else if (f.type() == t.purge()) {
            keys.remove(decoder.decodePurge(f));
        } else {
            throw new ProtocolException("unexpected message type " + f.type() + " on the key watch");
        }
    }

    /** The SM key of the announcements so far (null if none). */
    EddsaPublicKey smKey() {
        return smKey;
    }

    /** An unmodifiable copy of the current keys. */
    Map<I, K> snapshot() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
}

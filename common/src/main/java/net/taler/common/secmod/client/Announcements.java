package net.taler.common.secmod.client;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.secmod.Frame;
import net.taler.common.secmod.ProtocolException;

/**
 * How one helper's key announcements are read: the cipher-specific part of the key watch.
 *
 * @param <I> the key id type
 * @param <K> the announced key type
 */
interface Announcements<I extends FixedBytes, K> {
    /** The message types of pushed announcements and of the end of the initial set. */
    PushTypes types();

    /** Decodes an AVAIL message (without checking its signature). */
    K decodeAvail(Frame f) throws ProtocolException;

    /** Checks the SM signature of an announcement. */
    boolean verifyAvail(K key);

    I keyId(K key);

    EddsaPublicKey smKeyOf(K key);

    I decodePurge(Frame f) throws ProtocolException;
}

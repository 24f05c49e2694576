package net.taler.secmod.server;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * What the shared key lifecycle ({@link KeyRing}) needs to know about one helper's private
 * keys: their id, their file content and their announcements. Implementations are stateless.
 *
 * @param <K> the private key type
 */
public interface KeyCipher<K> {
    /** The id clients use for the key: RSA/CS the 64-byte helper hash, EdDSA the public key. */
    FixedBytes id(K key);

    /** File content of the key. */
    byte[] encode(K key);

    /**
     * Reads a key file's content.
     *
     * @throws IllegalArgumentException if it is not a key
     */
    K decode(byte[] data);

    /** The AVAIL message of a key, signed with the SM key. */
    byte[] availMessage(String seriesName, Timestamp anchor, RelativeTime duration, K key, EddsaPrivateKey smKey);

    /** The PURGE message for a key id. */
    byte[] purgeMessage(FixedBytes id);

    /** The SYNCED message. */
    byte[] syncedMessage();

    /** True if expiry is announced with PURGE (EdDSA); RSA/CS drop expired keys silently. */
    default boolean purgeOnExpiry() {
        return false;
    }
}

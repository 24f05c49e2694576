package net.taler.secmod.server;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.secmod.MessageBuilder;
import net.taler.common.secmod.Messages;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * A minimal cipher for testing the shared core: EdDSA keys, AVAIL (type 2) = anchor || pub ||
 * section name, PURGE (type 1) = reserved || pub, SYNCED (type 10).
 */
final class TestCipher implements KeyCipher<EddsaPrivateKey> {
    static final int PURGE = 1;
    static final int AVAIL = 2;
    static final int SYNCED = 10;
    private final boolean purgeOnExpiry;

    TestCipher(boolean purgeOnExpiry) {
        this.purgeOnExpiry = purgeOnExpiry;
    }

    @Override
    public FixedBytes id(EddsaPrivateKey key) {
        return key.publicKey();
    }

    @Override
    public byte[] encode(EddsaPrivateKey key) {
        return key.bytes();
    }

    @Override
    public EddsaPrivateKey decode(byte[] data) {
        return new EddsaPrivateKey(data);
    }

    @Override
    public byte[] availMessage(String seriesName, Timestamp anchor, RelativeTime duration, EddsaPrivateKey key,
            EddsaPrivateKey smKey) {
        return MessageBuilder.of(AVAIL).timestamp(anchor).bytes(key.publicKey()).cString(seriesName).build();
    }

    @Override
    public byte[] purgeMessage(FixedBytes id) {
        return Messages.withKeyId(PURGE, (EddsaPublicKey) id);
    }

    @Override
    public byte[] syncedMessage() {
        return Messages.headerOnly(SYNCED);
    }

    @Override
    public boolean purgeOnExpiry() {
        return purgeOnExpiry;
    }
}

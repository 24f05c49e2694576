package net.taler.secmod.eddsa;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.secmod.EddsaProtocol;
import net.taler.common.secmod.SigningKeyInfo;
import net.taler.secmod.server.KeyCipher;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/** Online signing keys: raw 32-byte EdDSA private keys, identified by their public key. */
final class EddsaCipher implements KeyCipher<EddsaPrivateKey> {
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
        return EddsaProtocol.avail(SigningKeyInfo.signed(key.publicKey(), anchor, duration, smKey));
    }

    @Override
    public byte[] purgeMessage(FixedBytes id) {
        return EddsaProtocol.purge((EddsaPublicKey) id);
    }

    @Override
    public byte[] syncedMessage() {
        return EddsaProtocol.synced();
    }

    @Override
    public boolean purgeOnExpiry() {
        return true;
    }
}

package net.taler.secmod.rsa;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.secmod.RsaKeyInfo;
import net.taler.common.secmod.RsaProtocol;
import net.taler.secmod.server.KeyCipher;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/** RSA denomination keys: libgcrypt S-expression files, identified by {@code h_rsa}. */
final class RsaCipher implements KeyCipher<RsaPrivateKey> {
    @Override
    public FixedBytes id(RsaPrivateKey key) {
        return key.publicKey().hash();
    }

    @Override
    public byte[] encode(RsaPrivateKey key) {
        return key.encode();
    }

    @Override
    public RsaPrivateKey decode(byte[] data) {
        return RsaPrivateKey.decode(data);
    }

    @Override
    public byte[] availMessage(String seriesName, Timestamp anchor, RelativeTime duration, RsaPrivateKey key,
            EddsaPrivateKey smKey) {
        return RsaProtocol.avail(RsaKeyInfo.signed(seriesName, anchor, duration, key.publicKey(), smKey));
    }

    @Override
    public byte[] purgeMessage(FixedBytes id) {
        return RsaProtocol.purge((HashCode) id);
    }

    @Override
    public byte[] syncedMessage() {
        return RsaProtocol.synced();
    }
}

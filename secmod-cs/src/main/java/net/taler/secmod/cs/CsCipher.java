package net.taler.secmod.cs;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.secmod.CsKeyInfo;
import net.taler.common.secmod.CsProtocol;
import net.taler.secmod.server.KeyCipher;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/** Clause-Schnorr denomination keys: raw 32-byte scalars, identified by {@code h_cs}. */
final class CsCipher implements KeyCipher<CsPrivateKey> {
    @Override
    public FixedBytes id(CsPrivateKey key) {
        return key.publicKey().secmodHash();
    }

    @Override
    public byte[] encode(CsPrivateKey key) {
        return key.bytes();
    }

    @Override
    public CsPrivateKey decode(byte[] data) {
        return new CsPrivateKey(data);
    }

    @Override
    public byte[] availMessage(String seriesName, Timestamp anchor, RelativeTime duration, CsPrivateKey key,
            EddsaPrivateKey smKey) {
        return CsProtocol.avail(CsKeyInfo.signed(seriesName, anchor, duration, key.publicKey(), smKey));
    }

    @Override
    public byte[] purgeMessage(FixedBytes id) {
        return CsProtocol.purge((HashCode) id);
    }

    @Override
    public byte[] syncedMessage() {
        return CsProtocol.synced();
    }
}

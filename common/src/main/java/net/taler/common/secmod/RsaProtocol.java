package net.taler.common.secmod;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.rsa.RsaPublicKey;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/** Messages of {@code taler-exchange-secmod-rsa} in the C encoding (secmod.md 5). */
public final class RsaProtocol {
    public static final int PURGE = 1;
    public static final int AVAIL = 2;
    public static final int REQ_BATCH_SIGN = 3;
    /** Defined by C, never used. */
    public static final int REQ_INIT = 4;
    public static final int REQ_SIGN = 5;
    public static final int REQ_REVOKE = 6;
    public static final int RES_SIGNATURE = 7;
    public static final int RES_SIGN_FAILURE = 8;
    public static final int RES_BATCH_FAILURE = 9;
    public static final int SYNCED = 10;

    /** Size of a REQ_SIGN without the blinded message: header, reserved, h_rsa. */
    public static final int SIGN_REQUEST_FIXED = Frame.HEADER_SIZE + 4 + HashCode.SIZE;
    private static final int AVAIL_FIXED = 2 + 2 + 8 + 8 + EddsaPublicKey.SIZE + EddsaSignature.SIZE;

    private RsaProtocol() {
    }

    /** A signing request: the key's {@code h_rsa} and the blinded message bytes as the wallet sent them. */
    public record SignRequest(HashCode hRsa, byte[] blindedMessage) {
        public SignRequest {
            Objects.requireNonNull(hRsa, "hRsa");
            Objects.requireNonNull(blindedMessage, "blindedMessage");
            if (blindedMessage.length == 0) {
                throw new IllegalArgumentException("empty blinded message");
            }
        }

        /** Size of the encoded REQ_SIGN. */
        public int encodedSize() {
            return SIGN_REQUEST_FIXED + blindedMessage.length;
        }
    }

    public static byte[] avail(RsaKeyInfo k) {
        byte[] pub = k.publicKey().encode();
        return MessageBuilder.of(AVAIL)
                .u16(pub.length)
                .u16(MessageBuilder.cStringLength(k.section()))
                .timestamp(k.anchor())
                .relativeTime(k.durationWithdraw())
                .bytes(k.smPublicKey())
                .bytes(k.smSignature())
                .bytes(pub)
                .cString(k.section())
                .build();
    }

    /** Decodes an AVAIL; the SM signature is not checked here (see {@link RsaKeyInfo#verifySmSignature()}). */
    public static RsaKeyInfo parseAvail(Frame f) throws ProtocolException {
        MessageReader r = f.body();
        if (f.bodySize() < AVAIL_FIXED) {
            throw new ProtocolException("RSA AVAIL too short");
        }
        int pubSize = r.u16();
        int nameLen = r.u16();
        Timestamp anchor = r.timestamp();
        RelativeTime duration = r.relativeTime();
        EddsaPublicKey smPub = new EddsaPublicKey(r.bytes(EddsaPublicKey.SIZE));
        EddsaSignature smSig = new EddsaSignature(r.bytes(EddsaSignature.SIZE));
        if (r.remaining() != pubSize + nameLen) {
            throw new ProtocolException("RSA AVAIL sizes do not match the message");
        }
        byte[] pub = r.bytes(pubSize);
        String section = r.cString(nameLen);
        RsaPublicKey key;
        try {
            key = RsaPublicKey.decode(pub);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("RSA AVAIL with undecodable public key", e);
        }
        return new RsaKeyInfo(section, anchor, duration, key, smPub, smSig);
    }

    public static byte[] purge(HashCode hRsa) {
        return Messages.withKeyId(PURGE, hRsa);
    }

    public static HashCode parsePurge(Frame f) throws ProtocolException {
        return new HashCode(Messages.parseKeyId(f, HashCode.SIZE));
    }

    public static byte[] signRequest(SignRequest req) {
        return MessageBuilder.of(REQ_SIGN).u32(0).bytes(req.hRsa()).bytes(req.blindedMessage()).build();
    }

    public static SignRequest parseSignRequest(Frame f) throws ProtocolException {
        if (f.size() <= SIGN_REQUEST_FIXED) {
            throw new ProtocolException("RSA sign request without message");
        }
        MessageReader r = f.body();
        r.u32();
        HashCode h = new HashCode(r.bytes(HashCode.SIZE));
        return new SignRequest(h, r.rest());
    }

    public static byte[] revoke(HashCode hRsa) {
        return Messages.withKeyId(REQ_REVOKE, hRsa);
    }

    public static HashCode parseRevoke(Frame f) throws ProtocolException {
        return new HashCode(Messages.parseKeyId(f, HashCode.SIZE));
    }

    public static byte[] signature(RsaSignature sig) {
        return MessageBuilder.of(RES_SIGNATURE).u32(0).bytes(sig.encode()).build();
    }

    public static RsaSignature parseSignature(Frame f) throws ProtocolException {
        MessageReader r = f.body();
        r.u32();
        try {
            return RsaSignature.decode(r.rest());
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("undecodable RSA signature", e);
        }
    }

    public static byte[] signFailure(int ec) {
        return Messages.failure(RES_SIGN_FAILURE, ec);
    }

    public static byte[] batchFailure(int ec) {
        return Messages.failure(RES_BATCH_FAILURE, ec);
    }

    public static byte[] synced() {
        return Messages.headerOnly(SYNCED);
    }
}

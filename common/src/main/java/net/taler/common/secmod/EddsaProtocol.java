package net.taler.common.secmod;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/** Messages of {@code taler-exchange-secmod-eddsa} in the C encoding (secmod.md 5). */
public final class EddsaProtocol {
    public static final int PURGE = 11;
    public static final int AVAIL = 12;
    /** Defined by C, never used. */
    public static final int REQ_INIT = 14;
    public static final int REQ_SIGN = 15;
    public static final int REQ_REVOKE = 16;
    public static final int RES_SIGNATURE = 17;
    public static final int RES_SIGN_FAILURE = 18;
    public static final int SYNCED = 19;

    /** Smallest REQ_SIGN: header, reserved, the 8-byte purpose header. */
    public static final int SIGN_REQUEST_MIN = Frame.HEADER_SIZE + 4 + PurposeBlock.HEADER_SIZE;
    /** Largest purpose block a REQ_SIGN can carry. */
    public static final int MAX_PURPOSE_SIZE = Frame.MAX_SIZE - Frame.HEADER_SIZE - 4;
    private static final int AVAIL_BODY = 4 + 8 + 8 + EddsaPublicKey.SIZE + EddsaSignature.SIZE + EddsaPublicKey.SIZE;

    private EddsaProtocol() {
    }

    /** A signature by an online signing key, with that key (RES_SIGNATURE). */
    public record Signed(EddsaPublicKey exchangePublicKey, EddsaSignature signature) {
    }

    public static byte[] avail(SigningKeyInfo k) {
        return MessageBuilder.of(AVAIL)
                .u32(0)
                .timestamp(k.anchor())
                .relativeTime(k.duration())
                .bytes(k.smPublicKey())
                .bytes(k.smSignature())
                .bytes(k.exchangePublicKey())
                .build();
    }

    /** Decodes an AVAIL; the SM signature is not checked here (see {@link SigningKeyInfo#verifySmSignature()}). */
    public static SigningKeyInfo parseAvail(Frame f) throws ProtocolException {
        if (f.bodySize() != AVAIL_BODY) {
            throw new ProtocolException("EdDSA AVAIL of wrong size " + f.size());
        }
        MessageReader r = f.body();
        r.u32();
        Timestamp anchor = r.timestamp();
        RelativeTime duration = r.relativeTime();
        EddsaPublicKey smPub = new EddsaPublicKey(r.bytes(EddsaPublicKey.SIZE));
        EddsaSignature smSig = new EddsaSignature(r.bytes(EddsaSignature.SIZE));
        EddsaPublicKey pub = new EddsaPublicKey(r.bytes(EddsaPublicKey.SIZE));
        return new SigningKeyInfo(pub, anchor, duration, smPub, smSig);
    }

    public static byte[] purge(EddsaPublicKey pub) {
        return Messages.withKeyId(PURGE, pub);
    }

    public static EddsaPublicKey parsePurge(Frame f) throws ProtocolException {
        return new EddsaPublicKey(Messages.parseKeyId(f, EddsaPublicKey.SIZE));
    }

    /** REQ_SIGN: reserved, then the purpose block filling the rest of the message. */
    public static byte[] signRequest(PurposeBlock block) {
        if (block.size() > MAX_PURPOSE_SIZE) {
            throw new IllegalArgumentException("purpose block of " + block.size() + " bytes does not fit a message");
        }
        return MessageBuilder.of(REQ_SIGN).u32(0).bytes(block.toBytes()).build();
    }

    /** The raw purpose block bytes of a REQ_SIGN (their size field is checked by the signer). */
    public static byte[] parseSignRequest(Frame f) throws ProtocolException {
        if (f.size() < SIGN_REQUEST_MIN) {
            throw new ProtocolException("EdDSA sign request too short");
        }
        MessageReader r = f.body();
        r.u32();
        return r.rest();
    }

    public static byte[] revoke(EddsaPublicKey pub) {
        return Messages.withKeyId(REQ_REVOKE, pub);
    }

    public static EddsaPublicKey parseRevoke(Frame f) throws ProtocolException {
        return new EddsaPublicKey(Messages.parseKeyId(f, EddsaPublicKey.SIZE));
    }

    public static byte[] signature(Signed s) {
        return MessageBuilder.of(RES_SIGNATURE).u32(0).bytes(s.exchangePublicKey()).bytes(s.signature()).build();
    }

    public static Signed parseSignature(Frame f) throws ProtocolException {
        if (f.bodySize() != 4 + EddsaPublicKey.SIZE + EddsaSignature.SIZE) {
            throw new ProtocolException("EdDSA signature reply of wrong size " + f.size());
        }
        MessageReader r = f.body();
        r.u32();
        return new Signed(new EddsaPublicKey(r.bytes(EddsaPublicKey.SIZE)),
                new EddsaSignature(r.bytes(EddsaSignature.SIZE)));
    }

    public static byte[] signFailure(int ec) {
        return Messages.failure(RES_SIGN_FAILURE, ec);
    }

    public static byte[] synced() {
        return Messages.headerOnly(SYNCED);
    }
}

package net.taler.common.secmod;

import java.util.Objects;

import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPublicKey;
import net.taler.common.crypto.cs.CsRPublic;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Messages of {@code taler-exchange-secmod-cs} in the C encoding (secmod.md 5).
 *
 * <p>All integers are big-endian as secmod.md states. (The Dec 2022 C helper copies the
 * {@code b} of a signature reply in host byte order; {@link #parseSignature} therefore also
 * accepts a little-endian 1.)
 */
public final class CsProtocol {
    public static final int PURGE = 1;
    public static final int AVAIL = 2;
    /** Defined by C, never used. */
    public static final int REQ_INIT = 3;
    public static final int REQ_BATCH_SIGN = 4;
    public static final int REQ_SIGN = 5;
    public static final int REQ_REVOKE = 6;
    public static final int REQ_BATCH_RDERIVE = 7;
    public static final int REQ_RDERIVE = 8;
    public static final int RES_SIGNATURE = 9;
    public static final int RES_SIGN_FAILURE = 10;
    public static final int RES_BATCH_SIGN_FAILURE = 11;
    public static final int RES_RDERIVE = 12;
    public static final int RES_RDERIVE_FAILURE = 13;
    public static final int RES_BATCH_RDERIVE_FAILURE = 14;
    public static final int SYNCED = 15;

    /** Exact size of a REQ_SIGN: header, for_melt, h_cs, c0, c1, nonce. */
    public static final int SIGN_REQUEST_SIZE = Frame.HEADER_SIZE + 4 + HashCode.SIZE + CsBlindedMessage.SIZE;
    /** Exact size of a REQ_RDERIVE: header, for_melt, h_cs, nonce. */
    public static final int RDERIVE_REQUEST_SIZE = Frame.HEADER_SIZE + 4 + HashCode.SIZE + CsNonce.SIZE;
    private static final int AVAIL_FIXED = 4 + 8 + 8 + EddsaPublicKey.SIZE + EddsaSignature.SIZE + CsPublicKey.SIZE;

    private CsProtocol() {
    }

    /** A blind-signing request (withdraw or melt). */
    public record SignRequest(HashCode hCs, CsBlindedMessage planchet, boolean forMelt) {
        public SignRequest {
            Objects.requireNonNull(hCs, "hCs");
            Objects.requireNonNull(planchet, "planchet");
        }
    }

    /** An R-derivation request (withdraw or melt). */
    public record RDeriveRequest(HashCode hCs, CsNonce nonce, boolean forMelt) {
        public RDeriveRequest {
            Objects.requireNonNull(hCs, "hCs");
            Objects.requireNonNull(nonce, "nonce");
        }
    }

    public static byte[] avail(CsKeyInfo k) {
        return MessageBuilder.of(AVAIL)
                .u32(MessageBuilder.cStringLength(k.section()))
                .timestamp(k.anchor())
                .relativeTime(k.durationWithdraw())
                .bytes(k.smPublicKey())
                .bytes(k.smSignature())
                .bytes(k.publicKey())
                .cString(k.section())
                .build();
    }

    /** Decodes an AVAIL; the SM signature is not checked here (see {@link CsKeyInfo#verifySmSignature()}). */
    public static CsKeyInfo parseAvail(Frame f) throws ProtocolException {
        if (f.bodySize() < AVAIL_FIXED) {
            throw new ProtocolException("CS AVAIL too short");
        }
        MessageReader r = f.body();
        long nameLen = r.u32();
        Timestamp anchor = r.timestamp();
        RelativeTime duration = r.relativeTime();
        EddsaPublicKey smPub = new EddsaPublicKey(r.bytes(EddsaPublicKey.SIZE));
        EddsaSignature smSig = new EddsaSignature(r.bytes(EddsaSignature.SIZE));
        CsPublicKey pub = new CsPublicKey(r.bytes(CsPublicKey.SIZE));
        if (r.remaining() != nameLen) {
            throw new ProtocolException("CS AVAIL section name length does not match the message");
        }
        String section = r.cString((int) nameLen);
        return new CsKeyInfo(section, anchor, duration, pub, smPub, smSig);
    }

    public static byte[] purge(HashCode hCs) {
        return Messages.withKeyId(PURGE, hCs);
    }

    public static HashCode parsePurge(Frame f) throws ProtocolException {
        return new HashCode(Messages.parseKeyId(f, HashCode.SIZE));
    }

    public static byte[] signRequest(SignRequest req) {
        return MessageBuilder.of(REQ_SIGN).u32(req.forMelt() ? 1 : 0).bytes(req.hCs()).bytes(req.planchet()).build();
    }

    public static SignRequest parseSignRequest(Frame f) throws ProtocolException {
        if (f.size() != SIGN_REQUEST_SIZE) {
            throw new ProtocolException("CS sign request of wrong size " + f.size());
        }
        MessageReader r = f.body();
        boolean melt = r.u32() != 0;
        HashCode h = new HashCode(r.bytes(HashCode.SIZE));
        return new SignRequest(h, new CsBlindedMessage(r.bytes(CsBlindedMessage.SIZE)), melt);
    }

    public static byte[] rDeriveRequest(RDeriveRequest req) {
        return MessageBuilder.of(REQ_RDERIVE).u32(req.forMelt() ? 1 : 0).bytes(req.hCs()).bytes(req.nonce()).build();
    }

    public static RDeriveRequest parseRDeriveRequest(Frame f) throws ProtocolException {
        if (f.size() != RDERIVE_REQUEST_SIZE) {
            throw new ProtocolException("CS R-derive request of wrong size " + f.size());
        }
        MessageReader r = f.body();
        boolean melt = r.u32() != 0;
        HashCode h = new HashCode(r.bytes(HashCode.SIZE));
        return new RDeriveRequest(h, new CsNonce(r.bytes(CsNonce.SIZE)), melt);
    }

    public static byte[] revoke(HashCode hCs) {
        return Messages.withKeyId(REQ_REVOKE, hCs);
    }

    public static HashCode parseRevoke(Frame f) throws ProtocolException {
        return new HashCode(Messages.parseKeyId(f, HashCode.SIZE));
    }

    /** RES_SIGNATURE: reserved, b (u32), s (32 bytes). */
    public static byte[] signature(CsBlindSignature sig) {
        return MessageBuilder.of(RES_SIGNATURE).u32(0).u32(sig.b()).bytes(sig.s()).build();
    }

    public static CsBlindSignature parseSignature(Frame f) throws ProtocolException {
        if (f.bodySize() != 4 + 4 + 32) {
            throw new ProtocolException("CS signature reply of wrong size " + f.size());
        }
        MessageReader r = f.body();
        r.u32();
        long b = r.u32();
        int bit;
        if (b == 0) {
            bit = 0;
        } else if (b == 1 || b == 0x01000000L) {
            bit = 1;
        } else {
            throw new ProtocolException("CS signature reply with b = " + b);
        }
        return new CsBlindSignature(bit, r.bytes(32));
    }

    /** RES_RDERIVE: reserved, R0, R1. */
    public static byte[] rDerive(CsRPublicPair r) {
        return MessageBuilder.of(RES_RDERIVE).u32(0).bytes(r.r0()).bytes(r.r1()).build();
    }

    public static CsRPublicPair parseRDerive(Frame f) throws ProtocolException {
        if (f.bodySize() != 4 + 2 * CsRPublic.SIZE) {
            throw new ProtocolException("CS R-derive reply of wrong size " + f.size());
        }
        MessageReader r = f.body();
        r.u32();
        return new CsRPublicPair(new CsRPublic(r.bytes(CsRPublic.SIZE)), new CsRPublic(r.bytes(CsRPublic.SIZE)));
    }

    public static byte[] synced() {
        return Messages.headerOnly(SYNCED);
    }
}

package net.taler.common.secmod;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import net.taler.common.crypto.PurposeBlock;
import net.taler.common.crypto.cs.CsBlindSignature;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsPrivateKey;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.crypto.rsa.RsaSignature;
import net.taler.common.sig.Purposes;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

import org.junit.jupiter.api.Test;

/** The C wire layouts of secmod.md 5 and the SM signatures over announcements (5.3). */
class ProtocolCodecTest {
    private static final EddsaPrivateKey SM = EddsaPrivateKey.generate();
    private static final Timestamp ANCHOR = Timestamp.ofSeconds(1_700_000_000L);
    private static final RelativeTime WEEK = RelativeTime.ofSeconds(7 * 86400);

    @Test
    void rsaAvailLayoutAndSignature() throws Exception {
        RsaPrivateKey key = RsaPrivateKey.generate(1024);
        RsaKeyInfo info = RsaKeyInfo.signed("COIN_a", ANCHOR, WEEK, key.publicKey(), SM);
        byte[] msg = RsaProtocol.avail(info);
        byte[] pub = key.publicKey().encode();
        // header, pub_size, name_len, anchor, duration, secm_pub, secm_sig, pub, name + NUL
        assertEquals(4 + 2 + 2 + 8 + 8 + 32 + 64 + pub.length + 7, msg.length);
        assertEquals(RsaProtocol.AVAIL, Frame.of(msg).type());
        assertEquals(pub.length, ((msg[4] & 0xff) << 8) | (msg[5] & 0xff));
        assertEquals(7, msg[7]);
        assertEquals(0, msg[msg.length - 1]);
        assertArrayEquals(pub, Arrays.copyOfRange(msg, 120, 120 + pub.length));
        RsaKeyInfo back = RsaProtocol.parseAvail(Frame.of(msg));
        assertEquals(info, back);
        assertTrue(back.verifySmSignature());
        assertEquals(Hashes.sha512(pub), back.hRsa());
        // the signed block is purpose 1250 over h_rsa, h_section (with NUL), anchor, duration
        PurposeBlock expected = PurposeBlock.builder(Purposes.SM_RSA_DENOMINATION_KEY).bytes(Hashes.sha512(pub))
                .bytes(Hashes.sha512("COIN_a\0".getBytes())).timestamp(ANCHOR).relativeTime(WEEK).build();
        assertEquals(expected, back.announcement().toPurposeBlock());
        // another section name does not verify
        RsaKeyInfo renamed = new RsaKeyInfo("COIN_b", ANCHOR, WEEK, key.publicKey(), info.smPublicKey(),
                info.smSignature());
        assertFalse(renamed.verifySmSignature());
        // sizes that do not add up are protocol errors
        byte[] bad = msg.clone();
        bad[7] = 8;
        assertThrows(ProtocolException.class, () -> RsaProtocol.parseAvail(Frame.of(bad)));
    }

    @Test
    void rsaRequestsAndReplies() throws Exception {
        HashCode h = Hashes.sha512(new byte[] {1});
        RsaProtocol.SignRequest req = new RsaProtocol.SignRequest(h, new byte[] {5, 6, 7});
        byte[] m = RsaProtocol.signRequest(req);
        assertEquals(req.encodedSize(), m.length);
        RsaProtocol.SignRequest back = RsaProtocol.parseSignRequest(Frame.of(m));
        assertEquals(h, back.hRsa());
        assertArrayEquals(new byte[] {5, 6, 7}, back.blindedMessage());
        byte[] noMessage = Arrays.copyOf(m, RsaProtocol.SIGN_REQUEST_FIXED);
        noMessage[1] = (byte) RsaProtocol.SIGN_REQUEST_FIXED;
        assertThrows(ProtocolException.class, () -> RsaProtocol.parseSignRequest(Frame.of(noMessage)));
        assertEquals(h, RsaProtocol.parseRevoke(Frame.of(RsaProtocol.revoke(h))));
        assertEquals(72, RsaProtocol.purge(h).length);
        RsaSignature sig = RsaSignature.of(java.math.BigInteger.valueOf(123456789));
        assertEquals(sig, RsaProtocol.parseSignature(Frame.of(RsaProtocol.signature(sig))));
        assertEquals(1005, Messages.parseFailure(Frame.of(RsaProtocol.signFailure(1005))));
        byte[] batch = Messages.batch(RsaProtocol.REQ_BATCH_SIGN, List.of(m, m));
        assertEquals(4 + 4 + 2 * m.length, batch.length);
        assertEquals(2, Frame.of(batch).body().u32());
        assertArrayEquals(new byte[] {0, 4, 0, 10}, RsaProtocol.synced());
    }

    @Test
    void batchesAreSplitBySizeAndCount() {
        assertEquals(256, Messages.batchEnd(0, 1000, i -> 10));
        assertEquals(1000, Messages.batchEnd(900, 1000, i -> 10));
        // 64 KiB limit: (65535 - 8) / 300 = 218 entries of 300 bytes
        assertEquals(218, Messages.batchEnd(0, 1000, i -> 300));
        assertThrows(IllegalArgumentException.class, () -> Messages.batchEnd(0, 1, i -> 70000));
    }

    @Test
    void csLayouts() throws Exception {
        CsPrivateKey key = CsPrivateKey.generate();
        CsKeyInfo info = CsKeyInfo.signed("coin-cs", ANCHOR, WEEK, key.publicKey(), SM);
        byte[] msg = CsProtocol.avail(info);
        assertEquals(4 + 4 + 8 + 8 + 32 + 64 + 32 + 8, msg.length);
        CsKeyInfo back = CsProtocol.parseAvail(Frame.of(msg));
        assertEquals(info, back);
        assertTrue(back.verifySmSignature());
        assertEquals(Hashes.sha512(key.publicKey().bytes()), back.hCs());

        CsProtocol.SignRequest sr = new CsProtocol.SignRequest(back.hCs(),
                new CsBlindedMessage(new byte[96]), true);
        byte[] srm = CsProtocol.signRequest(sr);
        assertEquals(CsProtocol.SIGN_REQUEST_SIZE, srm.length);
        CsProtocol.SignRequest srb = CsProtocol.parseSignRequest(Frame.of(srm));
        assertTrue(srb.forMelt());
        assertEquals(sr.hCs(), srb.hCs());
        assertThrows(ProtocolException.class,
                () -> CsProtocol.parseSignRequest(Frame.of(MessageBuilder.of(5).bytes(new byte[100]).build())));

        CsProtocol.RDeriveRequest rr = new CsProtocol.RDeriveRequest(back.hCs(), CsNonce.random(), false);
        byte[] rrm = CsProtocol.rDeriveRequest(rr);
        assertEquals(CsProtocol.RDERIVE_REQUEST_SIZE, rrm.length);
        assertEquals(rr, CsProtocol.parseRDeriveRequest(Frame.of(rrm)));

        CsBlindSignature bs = new CsBlindSignature(1, new byte[32]);
        byte[] sm = CsProtocol.signature(bs);
        assertEquals(4 + 4 + 4 + 32, sm.length);
        assertEquals(bs, CsProtocol.parseSignature(Frame.of(sm)));
        // the C helper writes b in host order: a little-endian 1 is accepted too
        byte[] le = sm.clone();
        le[11] = 0;
        le[8] = 1;
        assertEquals(bs, CsProtocol.parseSignature(Frame.of(le)));
        le[9] = 1;
        assertThrows(ProtocolException.class, () -> CsProtocol.parseSignature(Frame.of(le)));
    }

    @Test
    void eddsaLayouts() throws Exception {
        EddsaPrivateKey k = EddsaPrivateKey.generate();
        SigningKeyInfo info = SigningKeyInfo.signed(k.publicKey(), ANCHOR, WEEK, SM);
        byte[] msg = EddsaProtocol.avail(info);
        assertEquals(4 + 4 + 8 + 8 + 32 + 64 + 32, msg.length);
        SigningKeyInfo back = EddsaProtocol.parseAvail(Frame.of(msg));
        assertEquals(info, back);
        assertTrue(back.verifySmSignature());
        SigningKeyInfo shifted = new SigningKeyInfo(k.publicKey(), ANCHOR.plus(WEEK), WEEK, info.smPublicKey(),
                info.smSignature());
        assertFalse(shifted.verifySmSignature());

        PurposeBlock block = PurposeBlock.builder(Purposes.EXCHANGE_TEST_EDDSA).u32(99).build();
        byte[] req = EddsaProtocol.signRequest(block);
        assertEquals(4 + 4 + block.size(), req.length);
        assertArrayEquals(block.toBytes(), EddsaProtocol.parseSignRequest(Frame.of(req)));
        assertEquals(40, EddsaProtocol.purge(k.publicKey()).length);
        assertEquals(k.publicKey(), EddsaProtocol.parsePurge(Frame.of(EddsaProtocol.purge(k.publicKey()))));
        assertThrows(ProtocolException.class, () -> EddsaProtocol.parseRevoke(Frame.of(
                MessageBuilder.of(EddsaProtocol.REQ_REVOKE).u32(0).bytes(new byte[33]).build())));
    }
}

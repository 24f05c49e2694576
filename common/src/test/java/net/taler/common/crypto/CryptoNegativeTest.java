package net.taler.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rejection of tampered, mis-sized and malformed input. */
class CryptoNegativeTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final EddsaPrivateKey PRIV = new EddsaPrivateKey(
            HEX.parseHex("9710d42521da21ca8b7941c1c5cd81a01c3bfc2ebc51a4029f9c68ec96c27b7b"));
    private static final EddsaPublicKey PUB = PRIV.publicKey();
    private static final PurposeBlock BLOCK = PurposeBlock.builder(1303).u32(42).build();
    private static final EddsaSignature SIG = Eddsa.sign(PRIV, BLOCK);

    @Test
    void validSignatureVerifies() {
        assertTrue(Eddsa.verify(PUB, BLOCK, SIG));
        assertTrue(Eddsa.verify(PUB, 1303, BLOCK.toBytes(), SIG));
    }

    @Test
    void everyFlippedSignatureBitIsRejected() {
        byte[] sig = SIG.bytes();
        for (int i = 0; i < sig.length * 8; i++) {
            byte[] t = sig.clone();
            t[i / 8] ^= (byte) (1 << (i % 8));
            assertFalse(Eddsa.verify(PUB, BLOCK, new EddsaSignature(t)), "bit " + i);
        }
    }

    @Test
    void everyFlippedMessageBitIsRejected() {
        byte[] msg = BLOCK.toBytes();
        for (int i = 0; i < msg.length * 8; i++) {
            byte[] t = msg.clone();
            t[i / 8] ^= (byte) (1 << (i % 8));
            assertFalse(Eddsa.verifyRaw(PUB, t, SIG), "bit " + i);
            assertFalse(Eddsa.verify(PUB, 1303, t, SIG), "bit " + i);
        }
    }

    @Test
    void nonCanonicalSIsRejected() {
        // S + L is the same scalar but not canonical; libsodium and BC must refuse it
        byte[] sig = SIG.bytes();
        BigInteger s = Edwards25519.scalarFromLe(Arrays.copyOfRange(sig, 32, 64));
        byte[] big = Edwards25519.scalarToLe(s.add(Edwards25519.L));
        System.arraycopy(big, 0, sig, 32, 32);
        assertFalse(Eddsa.verify(PUB, BLOCK, new EddsaSignature(sig)));
    }

    @Test
    void wrongPurposeNumberIsRejected() {
        assertFalse(Eddsa.verify(PUB, 1304, BLOCK.toBytes(), SIG));
        PurposeBlock other = PurposeBlock.builder(1304).u32(42).build();
        assertFalse(Eddsa.verify(PUB, other, SIG));
    }

    @Test
    void inconsistentOrShortBlocksAreRejected() {
        byte[] b = BLOCK.toBytes();
        byte[] longer = Arrays.copyOf(b, b.length + 1);
        assertFalse(Eddsa.verify(PUB, 1303, longer, SIG));
        assertFalse(Eddsa.verify(PUB, 1303, Arrays.copyOf(b, 7), SIG));
        assertFalse(Eddsa.verify(PUB, 1303, new byte[0], SIG));
        assertFalse(Eddsa.verify(PUB, 1303, null, SIG));
        assertThrows(IllegalArgumentException.class, () -> PurposeBlock.parse(longer));
        assertThrows(IllegalArgumentException.class, () -> PurposeBlock.parse(new byte[4]));
        assertEquals(BLOCK, PurposeBlock.parse(b));
    }

    @Test
    void wrongKeyIsRejected() {
        EddsaPublicKey other = EddsaPrivateKey.generate().publicKey();
        assertFalse(Eddsa.verify(other, BLOCK, SIG));
    }

    @Test
    void wrongSizesAndNullsGiveFalse() {
        byte[] msg = BLOCK.toBytes();
        assertFalse(Eddsa.verifyRaw(Arrays.copyOf(PUB.bytes(), 31), msg, SIG.bytes()));
        assertFalse(Eddsa.verifyRaw(Arrays.copyOf(PUB.bytes(), 33), msg, SIG.bytes()));
        assertFalse(Eddsa.verifyRaw(PUB.bytes(), msg, Arrays.copyOf(SIG.bytes(), 63)));
        assertFalse(Eddsa.verifyRaw(PUB.bytes(), msg, Arrays.copyOf(SIG.bytes(), 65)));
        assertFalse(Eddsa.verifyRaw((byte[]) null, msg, SIG.bytes()));
        assertFalse(Eddsa.verifyRaw(PUB.bytes(), null, SIG.bytes()));
        assertFalse(Eddsa.verify(null, BLOCK, SIG));
        assertFalse(Eddsa.verify(PUB, BLOCK, null));
        assertFalse(Eddsa.verify(PUB, (PurposeBlock) null, SIG));
    }

    @Test
    void invalidPublicKeyEncodingGivesFalse() {
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2; // y = 2 has no x on the curve
        assertFalse(Eddsa.verifyRaw(new EddsaPublicKey(notOnCurve), BLOCK.toBytes(), SIG));
        byte[] nonCanonical = HEX.parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertFalse(Eddsa.verifyRaw(new EddsaPublicKey(nonCanonical), BLOCK.toBytes(), SIG));
    }

    @Test
    void fixedTypesCheckTheirSize() {
        assertThrows(IllegalArgumentException.class, () -> new HashCode(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new EddsaPublicKey(new byte[64]));
        assertThrows(IllegalArgumentException.class, () -> new EddsaSignature(new byte[63]));
        assertThrows(IllegalArgumentException.class, () -> new ShortHash(new byte[0]));
        assertThrows(IllegalArgumentException.class, () -> new WireSalt(new byte[32]));
        assertThrows(IllegalArgumentException.class, () -> new Edx25519PrivateKey(new byte[32]));
        assertThrows(NullPointerException.class, () -> new EddsaPrivateKey(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", // empty
        "0EVK5T13GG55BA08MGF2VR0TPBG5MGREDR0PNC2F6F78SDJERA0", // 51 chars
        "0EVK5T13GG55BA08MGF2VR0TPBG5MGREDR0PNC2F6F78SDJERA0G0", // 53 chars
        "0EVK5T13GG55BA08MGF2VR0TPBG5MGREDR0PNC2F6F78SDJERA0-", // bad character
        "0EVK5T13GG55BA08MGF2VR0TPBG5MGREDR0PNC2F6F78SDJERA0 ", // space
        "0EVK5T13GG55BA08MGF2VR0TPBG5MGREDR0PNC2F6F78SDJE@A0G", // '@'
        "0EVK5T13GG55BA08MGF2VR0TPBG5MGREDR0PNC2F6F78SDJERA0G=", // padding char
    })
    void malformedBase32IsRejected(String text) {
        assertThrows(IllegalArgumentException.class, () -> EddsaPublicKey.fromBase32(text));
        assertThrows(IllegalArgumentException.class, () -> EcdhePublicKey.fromBase32(text));
        assertThrows(IllegalArgumentException.class, () -> HashCode.fromBase32(text));
    }

    @Test
    void base32OfOtherSizeIsRejected() {
        String pub32 = PUB.toBase32();
        assertThrows(IllegalArgumentException.class, () -> HashCode.fromBase32(pub32));
        assertThrows(IllegalArgumentException.class, () -> EddsaSignature.fromBase32(pub32));
        assertThrows(IllegalArgumentException.class, () -> WireSalt.fromBase32(pub32));
        assertThrows(IllegalArgumentException.class, () -> EddsaPublicKey.fromBase32(SIG.toBase32()));
        assertThrows(NullPointerException.class, () -> EddsaPublicKey.fromBase32(null));
    }

    @Test
    void base32DecodingAcceptsTheWalletAliases() {
        String canonical = PUB.toBase32();
        assertEquals(PUB, EddsaPublicKey.fromBase32(canonical.toLowerCase()));
        assertEquals(canonical.length(), 52);
        assertEquals(103, SIG.toBase32().length());
    }

    @Test
    void secretsAreNotPrinted() {
        String hex = HEX.formatHex(PRIV.bytes());
        for (Object secret : new Object[] {PRIV, new EcdhePrivateKey(PRIV.bytes()),
                Edx25519.privateKeyFromSeed(PRIV.bytes()), new TransferSecret(new byte[64]),
                new PlanchetMasterSecret(PRIV.bytes())}) {
            String s = secret.toString();
            assertFalse(s.contains(((FixedBytes) secret).toBase32()), s);
            assertFalse(s.contains(hex), s);
        }
        assertTrue(PUB.toString().contains(PUB.toBase32()));
    }

    @Test
    void valuesAreImmutableAndTyped() {
        byte[] raw = PUB.bytes();
        raw[0] ^= 1;
        assertNotEquals(HEX.formatHex(raw), HEX.formatHex(PUB.bytes()));
        byte[] src = PUB.bytes();
        EddsaPublicKey copy = new EddsaPublicKey(src);
        src[0] ^= 1;
        assertEquals(PUB, copy);
        assertEquals(PUB.hashCode(), copy.hashCode());
        // same bytes, different meaning: not equal
        assertNotEquals(new EcdhePublicKey(PUB.bytes()), PUB);
        assertNotEquals(new Edx25519PublicKey(PUB.bytes()), PUB);
    }

    @Test
    void ecdhRejectsSmallOrderAndInvalidKeys() {
        EcdhePrivateKey t = EcdhePrivateKey.generate();
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertTrue(Ecdh.ecdhEddsa(t, new EddsaPublicKey(identity)).isEmpty());
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        assertTrue(Ecdh.ecdhEddsa(t, new EddsaPublicKey(notOnCurve)).isEmpty());
        // u = 0 and u = 1 are small order: the shared point is zero
        assertTrue(Ecdh.eddsaEcdh(PRIV, new EcdhePublicKey(new byte[32])).isEmpty());
        assertTrue(Ecdh.eddsaEcdh(PRIV, new EcdhePublicKey(identity)).isEmpty());
        assertTrue(TransferSecret.derive(PRIV, new EcdhePublicKey(new byte[32])).isEmpty());
        assertTrue(Ecdh.x25519(new byte[31], new byte[32]).isEmpty());
    }

    @Test
    void edxRejectsInvalidPublicKeys() {
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertTrue(Edx25519.derivePublic(new Edx25519PublicKey(identity), new byte[64]).isEmpty());
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        assertTrue(Edx25519.derivePublic(new Edx25519PublicKey(notOnCurve), new byte[64]).isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Edx25519.privateKeyFromSeed(new byte[31]));
    }

    @Test
    void kdfRejectsImpossibleLengths() {
        assertThrows(IllegalArgumentException.class, () -> Kdf.kdf(-1, null, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> Kdf.kdf(Kdf.MAX_LENGTH + 1, null, new byte[1]));
        assertEquals(0, Kdf.kdf(0, null, new byte[1]).length);
        assertEquals(Kdf.MAX_LENGTH, Kdf.kdf(Kdf.MAX_LENGTH, null, new byte[1]).length);
        assertThrows(IllegalArgumentException.class, () -> Kdf.kdfMod(BigInteger.ZERO, null, new byte[1], null));
    }

    @Test
    void hashContextIsSingleUse() {
        Hashes.HashContext ctx = Hashes.sha512Context().update(new byte[] {1});
        assertArrayEquals(Hashes.sha512(new byte[] {1}).bytes(), ctx.finish().bytes());
        assertThrows(IllegalStateException.class, ctx::finish);
        assertThrows(IllegalStateException.class, () -> ctx.update(new byte[1]));
    }
}

package net.taler.common.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** The worked examples printed in crypto.md (2.2, 2.5.1, 2.5.2, 3.1, 11.3, 11.8). */
class SpecExamplesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] h(String hex) {
        return HEX.parseHex(hex.replace(" ", ""));
    }

    private static byte[] a(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void kdfExamples() {
        assertEquals("19dc1bc57db8d76c14d50abe6287b26c", HEX.formatHex(Kdf.kdf(16, a("salt"), a("ikm"), a("ctx"))));
        assertEquals("19dc1bc57db8d76c14d50abe6287b26cf93e9b4fbd4b8dd474044007aea9f049"
                + "3e0b59fae4f57c37cbb3ced6c8726b62e78c4d3dfde391e426a9d5566e66e41e",
                HEX.formatHex(Kdf.kdf(64, a("salt"), a("ikm"), a("ctx"))));
        assertEquals("48c52d881d2d1611324920ff6f500438c570453a8dcb1c55efcc21bd8dd4cedd7ff8400a4da25b67",
                HEX.formatHex(Kdf.kdf(40, new byte[0], a("ikm"))));
    }

    @Test
    void paytoAndWireHashes() {
        String payto = "payto://x-taler-bank/localhost/42";
        assertEquals("af7a8bb8ec3a4a0477d2b292cc63ce843daca74fe08ba151a25375a5a092e49d",
                HEX.formatHex(Hashes.hPayto(payto).bytes()));
        WireSalt salt = WireSalt.fromBase32("008J4CT4ANK7F24SNAXWSQFEZW");
        assertArrayEquals(h("00112233445566778899aabbccddeeff"), salt.bytes());
        assertEquals("8f9a3ae407746693fca79647f5611c9a9b01458468d0039d2fdf2dde58c35027"
                + "516c69f56983e2e6481fd8122b676386fd7523c24fad50768f0b7f1f26f25320",
                HEX.formatHex(Hashes.hWire(payto, salt).bytes()));
    }

    @Test
    void eddsaPurposeBlockExample() {
        EddsaPrivateKey priv = new EddsaPrivateKey(h("9710d42521da21ca8b7941c1c5cd81a01c3bfc2ebc51a4029f9c68ec96c27b7b"));
        assertEquals("e49a61ddaf26efe244fab3124fdfd437c5234b209fddf2f1737af28f7ea7de04",
                HEX.formatHex(priv.publicKey().bytes()));
        PurposeBlock block = PurposeBlock.builder(1303).u32(42).build();
        assertEquals("0000000c000005170000002a", HEX.formatHex(block.toBytes()));
        assertEquals(12, block.size());
        assertEquals(1303, block.purpose());
        assertEquals("5c89ff5c62fe7704507ee4d1dba1a0443b7f6f3aa76e15490ea5db8cef22a88d"
                + "bda147ba61aaeacc615948258166bc495a9344b9e891a89c78b719f49e59af03",
                HEX.formatHex(Eddsa.sign(priv, block).bytes()));
    }

    @Test
    void transferSecretAndRefreshCoinDerivation() {
        EddsaPrivateKey oldCoin = new EddsaPrivateKey(h("9710d42521da21ca8b7941c1c5cd81a01c3bfc2ebc51a4029f9c68ec96c27b7b"));
        EcdhePrivateKey transferPriv = new EcdhePrivateKey(h("3fedf0c942e083030f97a1574fae25ac076f650f0a06e3e86257c4860f048ff9"));
        EcdhePublicKey transferPub = transferPriv.publicKey();
        assertEquals("8d92d93497f9d689b01c4dbd0129d6092cd4982489a6a8f34fc3c30d02d3387f", HEX.formatHex(transferPub.bytes()));
        TransferSecret ts = TransferSecret.derive(transferPriv, oldCoin.publicKey()).orElseThrow();
        assertEquals(ts, TransferSecret.derive(oldCoin, transferPub).orElseThrow());
        assertEquals("b2f426d52d23adfb925f8ae0b0d780bfedc914c7753d54fef67cb11a3fbc0dcf"
                + "41611d841c1698c19c4e6bbdde76787553a83fb392297c794a574ecb61484b52", HEX.formatHex(ts.bytes()));
        PlanchetMasterSecret ps = ts.planchetSecret(0);
        assertEquals("1b1e70e1988c5a750ff47a567fc75d1a7b83380ca24260117ccce76415dac72b", HEX.formatHex(ps.bytes()));
        assertEquals("8f684e77061ee453ea8e72771e97fd93523a78680d98e163ea4c2d0cd7e619db",
                HEX.formatHex(ps.coinPrivateKey().bytes()));
        assertEquals("e77f2436475cb25de5a11012f17e537be65934923a94950d4565b9bbeed75ab4",
                HEX.formatHex(ps.blindingKeySecret().bytes()));
    }

    @Test
    void edx25519Example() {
        Edx25519PrivateKey priv = Edx25519.privateKeyFromSeed(
                h("7d26bd9925ff539dcd1a1a30dc52c5ee295d7bd1094958880bf10a9345ce795d"));
        assertEquals("084cd4f7b6635db6080050dace2701a7de55166bad0f6041cd93b79b32bac57b"
                + "ca56ab925b661bebf05cc50a19fdfd77ad26e48fd2e0d9b58c679250c2b6f9fa", HEX.formatHex(priv.bytes()));
        Edx25519PublicKey pub = priv.publicKey();
        assertEquals("1897c800c0c62f7c72a7263f2378afaa1c31f6000a603109c13fa5bc7f30e055", HEX.formatHex(pub.bytes()));
        byte[] seed = h("ce4331fa8051512388392db925e414c944d8f1e9208f2b42e42f8576d77de728"
                + "60cd3bb069751a433e99f2580b75473fa16817ca053b0056a99bd1899ee10ce4");
        Edx25519PrivateKey dPriv = Edx25519.derivePrivate(priv, seed);
        assertEquals("6f14c488e724525e5bbdd10958ee9c993052cb791df398f40110e720070b3104"
                + "d849b9a69c7320192ad21eed60de543d90e904dc856a3f7cb58e32953461522b", HEX.formatHex(dPriv.bytes()));
        Edx25519PublicKey dPub = Edx25519.derivePublic(pub, seed).orElseThrow();
        assertEquals("adad44ef48d776c78e25e7ab088d01ed56021f34da33a7bb9b8bd7d1b3a9724b", HEX.formatHex(dPub.bytes()));
        assertEquals(dPub, dPriv.publicKey());
        PurposeBlock block = PurposeBlock.builder(1207).u32(0x00255501).u32(13).build();
        assertEquals("00000010000004b7002555010000000d", HEX.formatHex(block.toBytes()));
        EddsaSignature sig = Edx25519.sign(dPriv, block);
        assertEquals("70c70ce7d09a65ca20a1f11da043ff7263d580eef315eb73c0fb4b65795d8005"
                + "f68b9055599c21880f10ef6311010890bf1a84c4c0ab77c1ef49b67ad7943a02", HEX.formatHex(sig.bytes()));
        assertTrue(Edx25519.verify(dPub, block, sig));
    }

    @Test
    void twiceDerivedEdxKeysStayConsistent() {
        Edx25519PrivateKey priv = Edx25519.privateKeyFromSeed(new byte[32]);
        Edx25519PublicKey pub = priv.publicKey();
        for (int i = 1; i <= 3; i++) {
            byte[] seed = Hashes.sha512(new byte[] {(byte) i}).bytes();
            priv = Edx25519.derivePrivate(priv, seed);
            pub = Edx25519.derivePublic(pub, seed).orElseThrow();
            assertEquals(pub, priv.publicKey(), "level " + i);
        }
    }

    @Test
    void edwardsBaseMultMatchesBouncyCastle() {
        for (int i = 0; i < 4; i++) {
            EddsaPrivateKey k = EddsaPrivateKey.generate();
            byte[] scalar = Edwards25519.clamp(java.util.Arrays.copyOf(Hashes.sha512(k.bytes()).bytes(), 32));
            assertArrayEquals(k.publicKey().bytes(), Edwards25519.scalarMultBaseNoclamp(scalar));
            byte[] one = new byte[32];
            one[0] = 1;
            assertArrayEquals(k.publicKey().bytes(), Edwards25519.scalarMultNoclamp(one, k.publicKey().bytes()));
            byte[] two = new byte[32];
            two[0] = 2;
            assertArrayEquals(Edwards25519.scalarMultNoclamp(two, k.publicKey().bytes()),
                    Edwards25519.pointAdd(k.publicKey().bytes(), k.publicKey().bytes()));
            assertTrue(Edwards25519.isValidPoint(k.publicKey().bytes()));
        }
    }
}

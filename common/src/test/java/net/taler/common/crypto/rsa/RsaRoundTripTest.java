package net.taler.common.crypto.rsa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import net.taler.common.crypto.BlindingKeySecret;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.Hashes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Fresh keys through the whole withdraw flow, plus the spec example of crypto.md 11.4/11.6. */
class RsaRoundTripTest {

    @ParameterizedTest
    @ValueSource(ints = {1024, 1030, 2048})
    void generatedKeyFullFlow(int bits) {
        RsaPrivateKey key = RsaPrivateKey.generate(bits);
        RsaPublicKey pub = key.publicKey();
        assertEquals(bits, pub.bitLength());
        assertEquals(BigInteger.valueOf(65537), pub.exponent());
        assertEquals(pub, RsaPublicKey.decode(pub.encode()));
        for (int i = 0; i < 5; i++) {
            HashCode m = Hashes.sha512(new byte[] {(byte) i, (byte) bits});
            BlindingKeySecret bks = new BlindingKeySecret(Hashes.sha512(new byte[] {(byte) i}).truncate().bytes());
            byte[] blinded = RsaBlinding.blind(pub, m, bks);
            assertTrue(blinded.length <= pub.modulusBytes());
            assertNotEquals(0, blinded[0]);
            RsaSignature blindSig = RsaBlinding.sign(key, blinded);
            assertTrue(RsaBlinding.verifyBlind(pub, blinded, blindSig));
            assertFalse(RsaBlinding.verifyBlind(pub, blinded, RsaSignature.of(blindSig.value().add(BigInteger.ONE))));
            byte[] other = blinded.clone();
            other[other.length - 1] ^= 1;
            assertFalse(RsaBlinding.verifyBlind(pub, other, blindSig));
            RsaSignature sig = RsaBlinding.unblind(pub, blindSig, bks);
            assertTrue(RsaBlinding.verify(pub, m, sig));
            assertEquals(RsaBlinding.signFdh(key, m), sig);
            assertFalse(RsaBlinding.verify(pub, Hashes.sha512(m.bytes()), sig));
        }
    }

    /** Many signatures from many threads on one key: the shared blinding state stays correct. */
    @Test
    void concurrentSigning() throws Exception {
        RsaPrivateKey key = RsaNegativeTest.key("rsa-key-1024");
        RsaPublicKey pub = key.publicKey();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        HashCode m = Hashes.sha512(new byte[] {(byte) thread, (byte) i});
                        if (!RsaBlinding.verify(pub, m, RsaBlinding.signFdh(key, m))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** crypto.md 11.3/11.4: the 1024-bit example key (d given, no primes), FDH at counter 1. */
    @Test
    void specExample114() {
        BigInteger n = new BigInteger("c7beda988f051d2956509b64468a303fee5eb93fdb18f17e60a790234aa64481ae292e193a65bc76e47b362256b3bbc1"
                + "6439b72f969c7c2136587d5897b94957a60daebf1f3ffb04b7cf5dee3007d43eb16e1b62775de8cf37cec32991b13f"
                + "a03b3ddc5b73a25c320b1c517e4947c7b3147b92ca191eb9533e22d21245fa1bef", 16);
        BigInteger d = new BigInteger("062db5f218873e5e142bd3bc47ebe7f55f189eff1f76414212b1b5cbae783fc3098b4c8cf19fe3ffb647f9664ceb78be"
                + "844657f5dc1464af5bea30cffe54ab4e74bfb7b1cbdbae9f9a541c2258f033dc019ac987848d8454d6aa8369a0a96f"
                + "d6983834255740962531f63b797f1a9c72b44bfddd01661c9a3f0e4ebf808c7381", 16);
        RsaPublicKey pub = RsaPublicKey.of(n, BigInteger.valueOf(65537));
        assertEquals("020000Y7QVD9H3R53MMNCM4VCH38MC1ZXSFBJFYV33RQWR57J0HMN9J4G6Q2JBGS79JVRXQ4FCV24NNKQF0P8EDQ5YB9RZ116SC7TP4QQ54NF9GDNTZHYFZV0JVWYQFE603X8FNHDRDP4XTXX37KFKP3568V2FX07CYXRPVKM9E342RWA5Z4JHY7PCA7Q4PA34FBJMSY4B914HFT3FQG2001",
                pub.toBase32());
        assertEquals("5d9d5eec6f37f85c3123901643ced18c32e92414fae1e95d3af7b78850e1ea43"
                + "92854ae06ccd02dc218f81e4812ef5c16adefc3946e9349b0eb2a82abdc459aa", hex(pub.hash().bytes()));
        assertEquals("ff2e6911467de232356201e99d2e91cb0b516bb4ae32b2e65f5f094661bca5e2"
                + "24a6027505fdb4925cfce27899e21dd04414f8d6c3bd73e4959c76264ccd43fb", hex(pub.denominationHash(0).bytes()));
        HashCode m = new HashCode(unhex("f8daf57a3347cc4d6b9d575b31fe6077e2cb487f60a96233c08cb479dbf31538"
                + "cc915ec6d48bdbaa96ddc1a16db4f4f96f37276cfcb3510b8246241770d5952c"));
        BlindingKeySecret bks = new BlindingKeySecret(unhex("2605136c570b0ed4cb938b9e82e1242f63eeb72adce3bb01f2187e2571aa6e7d"));
        assertEquals("a59f4a4f202db8549ab053fce1a56518c00e497244a66b1cdaaa1c64516c1aef"
                + "3e6e05bc67601c78532358cd1765740c82bd5a83a780e94e161e522fd3cf4d81f500122bc75877a6c3d0dda9af0e0a25"
                + "dbccb46d2e9705d9bb1e8ad29d9232edc745e5507aaa37527bd6d814e01c32525b4a528bc2a25376829b60e0c4cddee3",
                hex(Mpi.toUnsigned(RsaBlinding.fullDomainHash(pub, m), 128)));
        assertEquals("c6524d8defc2ad14d4d9c9ae2842e4a022d32be353447025dfbb1591e7c30571"
                + "de2f35c6cb527445b8bf70dcb5bd83c5d9749c13db4e4cc266cdf067e2623726b1b1a7801ed08ea7407349cdf8c515da"
                + "f1b9a46b4c474d330f31c15482697e29218bb161bf85c44858029fa9172ed927ebba6f15185d1f084df128069c1bb095",
                hex(Mpi.toUnsigned(RsaBlinding.blindingFactor(pub, bks), 128)));
        byte[] blinded = RsaBlinding.blind(pub, m, bks);
        assertEquals("2532e8f6ac3215360b976659fc6ccfc61ea4794d6f262c7f4d6e4068b0adb3a5"
                + "9f4b5462f3365f4cd97fee726f34f5a7d4e6c424108d660c686fa16b9ea79ec8ae09ba508c0a272f9eba4615ef56e5d7"
                + "34c4e678e9df2efa09138232ce49f24154dc4ed78a9f2b384b022dcab2aaab654d95f5b2227af7fc0ff3b6c0f33609a1",
                hex(blinded));
        // signer side with the plain exponent (no primes given in the spec)
        BigInteger blindSig = new BigInteger(1, blinded).modPow(d, n);
        assertEquals("b8b789a9636c6005b6bc4e57e396c1e70b551dc274b7ada35193c0a774bf246f"
                + "d2c4e3da61b1b0eaff583851f8e469d62deb2931c511ecf1d979d7dec78ea93ccfe12c830c01db2b6e6726280fef7a5e"
                + "21cd4a65a40844c07690c6af383b87432ff73effce2d6ed2ea2c5c653d4dece0ac5af3065bb1b775793920a4adbcaca7",
                hex(Mpi.toUnsigned(blindSig)));
        RsaSignature sig = RsaBlinding.unblind(pub, RsaSignature.of(blindSig), bks);
        assertEquals("98ee5b26ea9ecf4c6db8687241b16d90ebbdb8aa336e01063792eed040498e1a"
                + "63fac57615342c82596eab6d847b21e857aa2033b7295a6427161b0ec80d8ce9e14dc5a9f660705dab1c62466308ea60"
                + "347cdb9e5c0144c020abf8433f3a1b0fbb925becc3ea3f41b291f997c8e04564f1909ad275a29dac81db944cb592f65a",
                hex(sig.encode()));
        assertTrue(RsaBlinding.verify(pub, m, sig));

        // 11.6: withdraw with the wallet's bks and coin pub; envelope hash over the planchet
        HashCode coinPubHash = new HashCode(unhex("60a1e53c34b2b96882b6c666b5b371976ab5aa54073e8ce9d95781b3b15e4d7f"
                + "54f1e43c3e93a4432919e8d40a2c9f1ee73f8787401656509c13d62a844b4503"));
        assertEquals(coinPubHash, RsaBlinding.coinPubHash(new net.taler.common.crypto.EddsaPublicKey(
                unhex("c2cc4af33ebf5ed61ab1e6795cfd9902f3e662851a8cdb7d6da4c4909f7cd425")), null));
        byte[] coinEv = RsaBlinding.blind(pub, coinPubHash,
                new BlindingKeySecret(unhex("a29d94413b4a0c948389f0a384277006ebaa20d68b759ffb11f2429440895a60")));
        assertEquals("191dcd0d05a37758b572dc6053764b25f16e10ed4ec26cfb452a76e1d94f7271de1cddaaf3d755f6f007cf90eadc5d1f"
                + "9a0ad95fcab39977ff1b479130f975c15897103e11a8ddf9d40ce6137fb0d291067cf553612b213ded513dbf0d0765e2"
                + "1108a6c0b296c3ff41379871155855872cd38e88fa7b726b5548688dbf1f5405", hex(coinEv));
        assertEquals("973dd86439dd9afb79a3437053d2d737a603a6e64b0491cbf2f34c30eebd89d9a9f60f6ae06801927323f43d3d85fe38"
                + "2ea0782397a1a0ed89f6966ff8641ac1",
                hex(RsaBlinding.coinEnvelopeHash(pub.denominationHash(0), coinEv).bytes()));
    }

    private static String hex(byte[] b) {
        return java.util.HexFormat.of().formatHex(b);
    }

    private static byte[] unhex(String s) {
        return java.util.HexFormat.of().parseHex(s);
    }
}

package net.taler.common.crypto.cs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;

import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PlanchetMasterSecret;
import org.junit.jupiter.api.Test;

/**
 * The GNUnet-generated Clause-Schnorr example of crypto.md 11.7 (independent of
 * cs.json: different key, and c'1 needs kdf_mod counter 1).
 */
class CsSpecExampleTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] h(String s) {
        return HEX.parseHex(s.replace(" ", ""));
    }

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    @Test
    void crypto11_7() {
        CsPrivateKey x = new CsPrivateKey(h("41360af3540cb7b66ed934be6a3316ef7f79983c5f00a9d13f037695d612d00b"));
        CsPublicKey pub = x.publicKey();
        assertEquals("930c3c075840e92839d92c46ddd0893904ab8f0b41b6f6748e58830a65c307b2", hex(pub.bytes()));
        assertEquals("2d8655e75ad5910d125a01123cc6ad7041ecb51f61ac55fbfd49046f6392f138"
                + "ef4a9fe946b047730c7fa155660b94452ea39dba7ccf1836759a17aa22d19356", hex(pub.secmodHash().bytes()));
        CsNonce nonce = new CsNonce(h("638bc6c199a5d242dc26328b040be8d2f05dce09ccf036a39076ac77116f2986"));
        CsRSecretPair rs = Cs.deriveRSecrets(x, nonce, false);
        assertEquals("10865056960a6a3aa255fc65a444e22ac6e8a3153ac446fda6a9f628414af654", hex(rs.r0().bytes()));
        assertEquals("d8503eed28d7c5993eb7b900ce281e0132965be2b49fab0011085ddfc0ad7b5b", hex(rs.r1().bytes()));
        CsRPublicPair r = Cs.deriveRPublic(x, nonce, false);
        assertEquals("4e45a896788643297632df26e5ff5fbba187c7f7c8f23b653081f0ab03f31b37", hex(r.r0().bytes()));
        assertEquals("db611e77756489a4148508a6c7dc5680a0f445e8b001401ae648fca688997f51", hex(r.r1().bytes()));

        CsBlindingSecrets bs = CsBlindingSecrets.derive(
                h("aa8d8421ceee0781378b577a157f5a03bfa5d6057c38b07cea553248031fd48f"));
        assertEquals("600d2b2f3baea9116adfef40415f4103a648b715fd45d4afdf8dbcef52127d6f", hex(bs.alpha(0)));
        assertEquals("0871ce8bd95a49c55bccff96777f839bd130792f612b16de5518dad2c9834b69", hex(bs.beta(0)));
        assertEquals("00595787bfc1e9a01618e3985e1ab5f6c46de3e348c644d387fe0bc2e6eed76d", hex(bs.alpha(1)));
        assertEquals("306365606827d22a266a81a5e57192d5ebbd6b2c115f3069828384663d1a7472", hex(bs.beta(1)));

        HashCode m = new HashCode(h("f8daf57a3347cc4d6b9d575b31fe6077e2cb487f60a96233c08cb479dbf31538"
                + "cc915ec6d48bdbaa96ddc1a16db4f4f96f37276cfcb3510b8246241770d5952c"));
        CsBlindingResult blinded = Cs.blind(pub, r, bs, m, nonce);
        assertEquals("a52a23b74129427c35d92133070369dd36c5dbbdd298277876ef2b74f52a76c8",
                hex(blinded.blindedR().r0().bytes()));
        assertEquals("47a69d86d625e15e90d100bddbde3c2292c443359bfcd7c232adb06631b2a33b",
                hex(blinded.blindedR().r1().bytes()));
        assertEquals("93cec200fc53510cf4d6cde4a7401f3a84170298734a34bbb900d5389445290b",
                hex(Cs.fdh(blinded.blindedR().r1().bytes(), m.bytes(), pub)));
        assertEquals("d711ae0ae6484c63704c0c5f84af15c162d27e3888e9349196d9de5af9b6880c", hex(blinded.message().c0()));
        assertEquals("48666fd6abc5a2ce3df7891577dd987d6fd56dc484a964243c84599fd15f9d0d", hex(blinded.message().c1()));

        assertEquals(1, Cs.deriveB(x, nonce));
        CsBlindSignature bsig = Cs.sign(x, blinded.message(), false);
        assertEquals(1, bsig.b());
        assertEquals("995a5c23630a9da99da84999520e5c8f3596df65660f966a33c3786acc73bd0c", hex(bsig.s()));
        CsSignature sig = Cs.unblind(bsig, bs, blinded.blindedR());
        assertEquals("1ee8fa1f6a1606e2d77667bd9a53f8f3f903c349afd5da3dbbc1842cb362950a", hex(sig.s()));
        assertEquals("47a69d86d625e15e90d100bddbde3c2292c443359bfcd7c232adb06631b2a33b", hex(sig.r().bytes()));
        assertTrue(Cs.verify(sig, pub, m));
    }

    @Test
    void crypto11_7TalerDerivations() {
        PlanchetMasterSecret ps = new PlanchetMasterSecret(
                h("c4f2d51105ae958929bbeb547ec774f5c8ff167d34762f9b32af8277587e1c18"));
        CsRPublicPair r = new CsRPublicPair(
                new CsRPublic(h("4e45a896788643297632df26e5ff5fbba187c7f7c8f23b653081f0ab03f31b37")),
                new CsRPublic(h("db611e77756489a4148508a6c7dc5680a0f445e8b001401ae648fca688997f51")));
        assertEquals("a8b0079963e6b54667cf3d7b7dae1b5b968477e98d0f32e34adf9ff7caa657c7",
                hex(CsNonce.forWithdraw(ps).bytes()));
        assertEquals("36348f765606b5d03fa140a5ada641e7af31ab94be97b2f9f51e22ef5ff1bf46",
                hex(ps.csBlindingSeed(r.r0().bytes(), r.r1().bytes())));
        assertEquals(CsBlindingSecrets.derive(ps.csBlindingSeed(r.r0().bytes(), r.r1().bytes())),
                CsBlindingSecrets.forPlanchet(ps, r));
        assertEquals("cea65bf4d4d69f216208b3f1b811f68db560e455e48dd170b5d62dd617ed30ce",
                hex(CsNonce.forRefresh(h("eeffadf5ec7c9f7ee269ffaf4545b3e9092fcbc9b3b2256f9cd0cfd0685dc9aa"), 1)
                        .bytes()));
    }
}

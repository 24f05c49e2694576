package net.taler.testsupport.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.age.AgeMask;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.encoding.Crockford;
import org.junit.jupiter.api.Test;

/** The cipher-tagged JSON objects of exchange-api.md 1.2, both directions. */
class CipherJsonTest {
    private static Set<String> fields(JsonNode o) {
        Set<String> s = new TreeSet<>();
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        s.addAll(names);
        return s;
    }

    private static PreparedCoin prepare(Denomination d, byte[] seed) {
        PlanchetMasterSecret ps = Seeds.planchetSecret(seed, 0);
        CsRPublicPair r = d.isCs() ? Cs.deriveRPublic(Fixtures.CS, CsNonce.forWithdraw(ps), false) : null;
        return PreparedCoin.create(0, Reserve.fromSeed(seed), d, ps, r, null);
    }

    @Test
    void rsaPlanchetJson() {
        Denomination d = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), "1", "0.01");
        BlindedPlanchet ev = prepare(d, new byte[] {1}).planchet().blinded();
        ObjectNode o = CipherJson.blindedPlanchet(ev);
        assertEquals(Set.of("cipher", "rsa_blinded_planchet"), fields(o));
        assertEquals("RSA", o.get("cipher").textValue());
        assertArrayEquals(ev.envelope(), Crockford.decodeVariable(o.get("rsa_blinded_planchet").textValue()));
        assertEquals(ev, CipherJson.parseBlindedPlanchet(o));
    }

    @Test
    void csPlanchetJson() {
        Denomination d = Fixtures.denomination(Fixtures.csKey(AgeMask.NONE), "1", "0.01");
        PreparedCoin p = prepare(d, new byte[] {2});
        BlindedPlanchet.Cs ev = (BlindedPlanchet.Cs) p.planchet().blinded();
        ObjectNode o = CipherJson.blindedPlanchet(ev);
        assertEquals(Set.of("cipher", "cs_nonce", "cs_blinded_c0", "cs_blinded_c1"), fields(o));
        assertEquals("CS", o.get("cipher").textValue());
        for (String f : List.of("cs_nonce", "cs_blinded_c0", "cs_blinded_c1")) {
            assertEquals(52, o.get(f).textValue().length(), f);
        }
        assertEquals(p.planchet().csNonce().orElseThrow().toBase32(), o.get("cs_nonce").textValue());
        assertArrayEquals(ev.message().c0(), Crockford.decodeFixed(o.get("cs_blinded_c0").textValue(), 32));
        BlindedPlanchet back = CipherJson.parseBlindedPlanchet(o);
        assertArrayEquals(ev.envelope(), back.envelope());
        // the hash the reserve signs is computed from exactly these bytes
        assertEquals(p.planchet().envelopeHash(), back.envelopeHash(d.hash()));
    }

    @Test
    void denomPubJson() {
        DenominationKey rsa = Fixtures.rsaKey(Fixtures.RSA, AgeMask.DEFAULT);
        ObjectNode o = CipherJson.denomPub(rsa);
        assertEquals(Set.of("cipher", "age_mask", "rsa_public_key"), fields(o));
        assertTrue(o.get("age_mask").isIntegralNumber());
        assertEquals(AgeMask.DEFAULT.bits(), o.get("age_mask").intValue());
        assertEquals(rsa.hash(), CipherJson.parseDenomPub(o).hash());

        DenominationKey cs = Fixtures.csKey(AgeMask.NONE);
        ObjectNode c = CipherJson.denomPub(cs);
        assertEquals(Set.of("cipher", "age_mask", "cs_public_key"), fields(c));
        assertEquals(0, c.get("age_mask").intValue());
        assertEquals(cs.hash(), CipherJson.parseDenomPub(c).hash());

        c.remove("age_mask");
        assertThrows(WalletException.class, () -> CipherJson.parseDenomPub(c));
        o.put("cipher", "ECDSA");
        assertThrows(WalletException.class, () -> CipherJson.parseDenomPub(o));
    }

    @Test
    void blindSignaturesAndUnblindedSignatures() {
        for (DenominationKey key : List.of(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), Fixtures.csKey(AgeMask.NONE))) {
            Denomination d = Fixtures.denomination(key, "2", "0.5");
            PreparedCoin p = prepare(d, new byte[] {3});
            BlindSignature bs = Fixtures.blindSign(key, p.planchet().blinded());
            ObjectNode o = CipherJson.blindSignature(bs);
            if (key instanceof DenominationKey.Rsa) {
                assertEquals(Set.of("cipher", "blinded_rsa_signature"), fields(o));
            } else {
                assertEquals(Set.of("cipher", "b", "s"), fields(o));
                assertTrue(o.get("b").isInt());
            }
            // what the wallet does with the exchange's reply: parse, unblind, verify
            WithdrawnCoin coin = p.toCoin(CipherJson.parseBlindSignature(o));
            assertTrue(coin.coin().verify());

            ObjectNode ub = CipherJson.denominationSignature(coin.coin().signature());
            assertEquals(key instanceof DenominationKey.Rsa ? Set.of("cipher", "rsa_signature")
                    : Set.of("cipher", "cs_signature_r", "cs_signature_s"), fields(ub));
            assertTrue(CipherJson.parseDenominationSignature(ub).verify(key, coin.coin().coinPubHash()));
        }
    }

    @Test
    void badCsBitIsRejected() {
        ObjectNode o = CipherJson.blindSignature(new BlindSignature.Cs(
                new net.taler.common.crypto.cs.CsBlindSignature(1, new byte[32])));
        o.put("b", 2);
        assertThrows(WalletException.class, () -> CipherJson.parseBlindSignature(o));
        o.put("b", "1");
        assertThrows(WalletException.class, () -> CipherJson.parseBlindSignature(o));
    }

    @Test
    void exchangeWithdrawValues() {
        CsRPublicPair r = Cs.deriveRPublic(Fixtures.CS, CsNonce.random(), false);
        ObjectNode o = CipherJson.exchangeWithdrawValues(r);
        assertEquals(Set.of("cipher", "r_pub_0", "r_pub_1"), fields(o));
        assertEquals(r, CipherJson.parseCsWithdrawValues(o));
        ObjectNode rsa = CipherJson.exchangeWithdrawValues(null);
        assertEquals(Set.of("cipher"), fields(rsa));
        assertThrows(WalletException.class, () -> CipherJson.parseCsWithdrawValues(rsa));
    }
}

package net.taler.testsupport.wallet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.age.AgeMask;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import net.taler.common.sig.wallet.WithdrawRequest;
import org.junit.jupiter.api.Test;

/**
 * The withdraw request as the exchange checks it (exchange-api.md 3.2, crypto.md 3.4.5): the
 * reserve signature over (value + fee, h_denom_pub, h_coin_envelope), rebuilt from the JSON the
 * wallet sends, and the tampered variants negative tests use.
 */
class WithdrawRequestTest {
    private static final Reserve RESERVE = Reserve.random();

    private static PreparedCoin prepare(Denomination d, int index) {
        PlanchetMasterSecret ps = Seeds.planchetSecret(new byte[] {42}, index);
        CsRPublicPair r = d.isCs() ? Cs.deriveRPublic(Fixtures.CS, CsNonce.forWithdraw(ps), false) : null;
        return PreparedCoin.create(index, RESERVE, d, ps, r, null);
    }

    /** The exchange's check, from the wire form only. */
    private static boolean exchangeAccepts(JsonNode body, Amount expectedAmountWithFee) {
        HashCode hDenom = HashCode.fromBase32(body.get("denom_pub_hash").textValue());
        BlindedPlanchet ev = CipherJson.parseBlindedPlanchet(body.get("coin_ev"));
        EddsaSignature sig = EddsaSignature.fromBase32(body.get("reserve_sig").textValue());
        return new WithdrawRequest(expectedAmountWithFee, hDenom, ev.envelopeHash(hDenom)).verify(RESERVE.pub(), sig);
    }

    private static List<Denomination> bothCiphers() {
        return List.of(Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), "5", "0.25"),
                Fixtures.denomination(Fixtures.csKey(AgeMask.NONE), "5", "0.25"));
    }

    @Test
    void reserveSignatureVerifiesFromTheWireForm() {
        for (Denomination d : bothCiphers()) {
            PreparedCoin p = prepare(d, 0);
            ObjectNode json = p.request().toJson();
            Set<String> names = new TreeSet<>();
            json.fieldNames().forEachRemaining(names::add);
            assertEquals(Set.of("coin_ev", "denom_pub_hash", "reserve_sig"), names);
            assertEquals(103, json.get("denom_pub_hash").textValue().length());
            assertEquals(103, json.get("reserve_sig").textValue().length());
            assertEquals(d.hash().toBase32(), json.get("denom_pub_hash").textValue());

            Amount cost = Fixtures.amount("5.25");
            assertEquals(cost, d.withdrawCost());
            assertTrue(exchangeAccepts(json, cost), d.cipher());
            assertTrue(p.request().signedBlock(cost).verify(RESERVE.pub(), p.request().reserveSig()));
            assertEquals(p.planchet().envelopeHash(), p.request().envelopeHash());
            // the value alone (without the fee) is not what was signed
            assertFalse(exchangeAccepts(json, Fixtures.amount("5")), d.cipher());
            assertEquals(p.request(), SignedPlanchet.fromJson(json));
        }
    }

    @Test
    void tamperedRequestsDoNotVerify() {
        Denomination d = bothCiphers().get(0);
        Denomination other = Fixtures.denomination(Fixtures.rsaKey(Fixtures.RSA2, AgeMask.NONE), "5", "0.25");
        PreparedCoin p = prepare(d, 0);
        Amount cost = d.withdrawCost();
        SignedPlanchet good = p.request();

        SignedPlanchet wrongAmount = SignedPlanchet.sign(p.planchet(), Fixtures.amount("0.01"), RESERVE.priv());
        assertFalse(exchangeAccepts(wrongAmount.toJson(), cost));
        assertFalse(exchangeAccepts(good.withDenomPubHash(other.hash()).toJson(), cost));
        assertFalse(exchangeAccepts(good.withReserveSig(prepare(d, 1).request().reserveSig()).toJson(), cost));
        assertFalse(exchangeAccepts(good.withCoinEv(prepare(d, 1).planchet().blinded()).toJson(), cost));
        SignedPlanchet otherReserve = SignedPlanchet.sign(p.planchet(), cost, Reserve.random().priv());
        assertFalse(exchangeAccepts(otherReserve.toJson(), cost));
        assertTrue(exchangeAccepts(good.toJson(), cost));
    }

    @Test
    void batchBody() {
        List<SignedPlanchet> list = List.of(prepare(bothCiphers().get(0), 0).request(),
                prepare(bothCiphers().get(1), 1).request());
        ObjectNode body = SignedPlanchet.batchJson(list);
        assertEquals(1, body.size());
        assertEquals(2, body.get("planchets").size());
        assertEquals(list.get(1), SignedPlanchet.fromJson(body.get("planchets").get(1)));
    }

    @Test
    void badSignaturesAreNotAcceptedAsCoins() {
        Denomination rsa = bothCiphers().get(0);
        PreparedCoin p = prepare(rsa, 0);
        // a signature that is not the denomination key's unblinds to garbage (a fixed value:
        // signing the message with another key fails whenever the message exceeds its modulus)
        BlindSignature foreign = new BlindSignature.Rsa(net.taler.common.crypto.rsa.RsaSignature.of(
                java.math.BigInteger.valueOf(0x1234567890L)));
        assertThrows(WalletException.class, () -> p.toCoin(foreign));
        // a signature over another planchet
        BlindSignature otherPlanchet = Fixtures.blindSign(rsa.key(), prepare(rsa, 1).planchet().blinded());
        assertThrows(WalletException.class, () -> p.toCoin(otherPlanchet));
        // cipher mismatch
        Denomination cs = bothCiphers().get(1);
        PreparedCoin c = prepare(cs, 0);
        assertThrows(WalletException.class, () -> p.toCoin(Fixtures.blindSign(cs.key(), c.planchet().blinded())));
        // the right ones work, and the coin carries what recoup needs
        WithdrawnCoin coin = p.toCoin(Fixtures.blindSign(rsa.key(), p.planchet().blinded()));
        assertTrue(coin.coin().verify());
        assertEquals(p.planchet().blindingKeySecret(), coin.blindingKeySecret());
        assertEquals(p.request().envelopeHash(), coin.envelopeHash());
        assertTrue(c.toCoin(Fixtures.blindSign(cs.key(), c.planchet().blinded())).coin().verify());
    }

    @Test
    void csCoinKeyDependsOnTheExchangeValues() {
        Denomination cs = bothCiphers().get(1);
        PlanchetMasterSecret ps = Seeds.planchetSecret(new byte[] {7}, 0);
        CsRPublicPair r = Cs.deriveRPublic(Fixtures.CS, CsNonce.forWithdraw(ps), false);
        CsRPublicPair melt = Cs.deriveRPublic(Fixtures.CS, CsNonce.forWithdraw(ps), true);
        PreparedCoin a = PreparedCoin.create(0, RESERVE, cs, ps, r, null);
        PreparedCoin b = PreparedCoin.create(0, RESERVE, cs, ps, melt, null);
        assertNotEquals(a.planchet().coinPub(), b.planchet().coinPub());
        assertEquals(DenominationKey.CIPHER_CS, a.planchet().blinded().cipher());
    }
}

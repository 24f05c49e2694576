package net.taler.httpd.withdraw;

import static net.taler.httpd.testkit.ReplyAssertions.assertCredit;
import static net.taler.httpd.testkit.ReplyAssertions.assertStatus;
import static net.taler.httpd.testkit.ReplyAssertions.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.crypto.EddsaPrivateKey;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.EddsaSignature;
import net.taler.common.crypto.cs.CsBlindedMessage;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.sig.wallet.WithdrawRequest;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.httpd.testkit.ExchangeKit.Funded;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.Reserve;
import net.taler.testsupport.wallet.SignedPlanchet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every refusal of {@code POST /reserves/$R/withdraw} (and the batch's for the same cause) with
 * its exact status and Taler error code (exchange-api.md 3.3); refused requests debit nothing.
 */
class WithdrawRefusalTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();
    static final Amount TEN = Amount.parse("TESTKUDOS:10");


    /** A reserve of 10 and a valid request for one coin of 1 from it (not sent). */
    private record Setup(Funded f, PreparedCoin p) {
        EddsaPublicKey pub() {
            return f.reserve().pub();
        }

        SignedPlanchet req() {
            return p.request();
        }
    }

    private static Setup setup() {
        Funded f = EXCHANGE.fundNew(TEN);
        return new Setup(f, EXCHANGE.prepare(f.reserve(), EXCHANGE.rsa1()));
    }

    @Test
    void withdrawBeyondTheBalance() {
        Funded small = EXCHANGE.fundNew(Amount.parse("TESTKUDOS:1"));
        PreparedCoin big = EXCHANGE.prepare(small.reserve(), EXCHANGE.rsa1());
        ApiResponse r = EXCHANGE.exchange().withdrawRaw(small.reserve().pub(), big.request());
        assertStatus(r, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertEquals("TESTKUDOS:1", r.json().path("balance").asText(), r.summary());
        assertEquals("TESTKUDOS:1.01", r.json().path("requested_amount").asText(), r.summary());
        assertCredit(r.json().path("history"), small.row(), Amount.parse("TESTKUDOS:1"), r);
        assertEquals(0, count(r.json().path("history"), "WITHDRAW"), r.summary());
        // after a small withdrawal the history lists it
        PreparedCoin ct = EXCHANGE.prepare(small.reserve(), EXCHANGE.rsa01());
        EXCHANGE.exchange().withdraw(small.reserve().pub(), ct.request());
        ApiResponse r2 = EXCHANGE.exchange().withdrawRaw(small.reserve().pub(), big.request());
        assertStatus(r2, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertEquals("TESTKUDOS:0.89", r2.json().path("balance").asText(), r2.summary());
        JsonNode h = r2.json().path("history");
        assertEquals(1, count(h, "WITHDRAW"), r2.summary());
        for (JsonNode e : h) {
            if (e.path("type").asText().equals("WITHDRAW")) {
                assertEquals(ct.request().envelopeHash().toBase32(), e.path("h_coin_envelope").asText());
                assertEquals(EXCHANGE.rsa01().hash().toBase32(), e.path("h_denom_pub").asText());
                assertEquals(ct.request().reserveSig().toBase32(), e.path("reserve_sig").asText());
                assertEquals("TESTKUDOS:0.11", e.path("amount").asText());
                assertEquals("TESTKUDOS:0.01", e.path("withdraw_fee").asText());
            }
        }
        ApiResponse batch = EXCHANGE.exchange().batchWithdrawRaw(small.reserve().pub(), List.of(big.request()));
        assertStatus(batch, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertEquals(Amount.parse("TESTKUDOS:0.89"), EXCHANGE.balance(small.reserve()));
    }

    @Test
    void badReserveSignature() {
        Setup s = setup();
        EddsaSignature other = s.req().signedBlock(EXCHANGE.rsa1().withdrawCost()).sign(EddsaPrivateKey.generate());
        assertStatus(EXCHANGE.exchange().withdrawRaw(s.pub(), s.req().withReserveSig(other)), 403,
                TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID);
        assertStatus(EXCHANGE.exchange().batchWithdrawRaw(s.pub(), List.of(s.req().withReserveSig(other))), 403,
                TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID);
        assertEquals(TEN, EXCHANGE.balance(s.f().reserve()), "refusals debit nothing");
    }

    @Test
    void signatureOverAnotherAmount() {
        Setup s = setup();
        for (String amount : new String[] {"TESTKUDOS:1", "TESTKUDOS:0.11", "TESTKUDOS:1.02"}) {
            SignedPlanchet tampered = SignedPlanchet.sign(s.p().planchet(), Amount.parse(amount),
                    s.f().reserve().priv());
            assertStatus(EXCHANGE.exchange().withdrawRaw(s.pub(), tampered), 403,
                    TalerErrorCode.EXCHANGE_WITHDRAW_RESERVE_SIGNATURE_INVALID);
        }
        assertEquals(TEN, EXCHANGE.balance(s.f().reserve()), "refusals debit nothing");
    }

    @Test
    void unknownReserve() {
        Reserve nobody = EXCHANGE.wallet().createReserve();
        PreparedCoin c = EXCHANGE.prepare(nobody, EXCHANGE.rsa1());
        assertStatus(EXCHANGE.exchange().withdrawRaw(nobody.pub(), c.request()), 404,
                TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);
        assertStatus(EXCHANGE.exchange().batchWithdrawRaw(nobody.pub(), List.of(c.request())), 404,
                TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);
    }

    @Test
    void malformedPlanchet() {
        Setup s = setup();
        ObjectNode noEv = s.req().toJson();
        noEv.remove("coin_ev");
        assertStatus(EXCHANGE.exchange().withdrawRaw(s.pub(), noEv), 400, TalerErrorCode.GENERIC_JSON_INVALID);
        ObjectNode badEv = s.req().toJson();
        ((ObjectNode) badEv.path("coin_ev")).put("rsa_blinded_planchet", "not*base32!");
        assertStatus(EXCHANGE.exchange().withdrawRaw(s.pub(), badEv), 400, TalerErrorCode.GENERIC_JSON_INVALID);
        ObjectNode badSig = s.req().toJson();
        badSig.put("reserve_sig", "ABC");
        assertStatus(EXCHANGE.exchange().withdrawRaw(s.pub(), badSig), 400, TalerErrorCode.GENERIC_JSON_INVALID);
        assertStatus(EXCHANGE.exchange().postBytes("reserves/" + s.pub().toBase32() + "/withdraw",
                "{\"denom_pub_hash\":".getBytes(StandardCharsets.UTF_8)), 400, TalerErrorCode.GENERIC_JSON_INVALID);
        assertEquals(TEN, EXCHANGE.balance(s.f().reserve()), "refusals debit nothing");
    }

    @Test
    void malformedReservePub() {
        ExchangeClient exchange = EXCHANGE.exchange();
        Setup s = setup();
        assertStatus(exchange.post("reserves/NOT-A-KEY/withdraw", s.req().toJson()), 400,
                TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED);
        assertStatus(exchange.post("reserves/NOT-A-KEY/batch-withdraw", SignedPlanchet.batchJson(List.of(s.req()))),
                400, TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED);
        assertStatus(exchange.get("reserves/NOT-A-KEY"), 400, TalerErrorCode.GENERIC_RESERVE_PUB_MALFORMED);
    }

    @Test
    void cipherMismatch() {
        Setup s = setup();
        assertStatus(EXCHANGE.exchange().withdrawRaw(s.pub(), s.req().withDenomPubHash(EXCHANGE.cs1().hash())), 400,
                TalerErrorCode.EXCHANGE_GENERIC_CIPHER_MISMATCH);
        assertEquals(TEN, EXCHANGE.balance(s.f().reserve()), "refusals debit nothing");
    }

    /**
     * An envelope the RSA security module refuses to sign (not below the modulus), validly
     * signed by a reserve key: if the exchange asked for a signature before looking at the
     * reserve, the helper's refusal would surface as a 5xx. An unknown or empty reserve must be
     * refused first, without any signing (issue 14: unfunded batches made the secmod sign 64
     * times per request).
     */
    @Test
    void reserveIsCheckedBeforeAnySignatureIsAsked() {
        Denomination rsa1 = EXCHANGE.rsa1();
        ExchangeClient exchange = EXCHANGE.exchange();
        byte[] unsignable = new byte[256];
        java.util.Arrays.fill(unsignable, (byte) 0xff);
        BlindedPlanchet ev = new BlindedPlanchet.Rsa(unsignable);
        Reserve nobody = Reserve.random();
        SignedPlanchet forNobody = new SignedPlanchet(rsa1.hash(), new WithdrawRequest(rsa1.withdrawCost(),
                rsa1.hash(), ev.envelopeHash(rsa1.hash())).sign(nobody.priv()), ev);
        assertStatus(exchange.withdrawRaw(nobody.pub(), forNobody), 404, TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);
        assertStatus(exchange.batchWithdrawRaw(nobody.pub(), List.of(forNobody, forNobody)), 404,
                TalerErrorCode.EXCHANGE_GENERIC_RESERVE_UNKNOWN);

        Funded poor = EXCHANGE.fundNew(Amount.parse("TESTKUDOS:0.5"));
        SignedPlanchet tooBig = new SignedPlanchet(rsa1.hash(), new WithdrawRequest(rsa1.withdrawCost(),
                rsa1.hash(), ev.envelopeHash(rsa1.hash())).sign(poor.reserve().priv()), ev);
        assertStatus(exchange.withdrawRaw(poor.reserve().pub(), tooBig), 409,
                TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertStatus(exchange.batchWithdrawRaw(poor.reserve().pub(), List.of(tooBig)), 409,
                TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertEquals(Amount.parse("TESTKUDOS:0.5"), EXCHANGE.balance(poor.reserve()), "refusals debit nothing");
    }

    @Test
    void csNonceReusedForAnotherEnvelope() {
        Denomination cs1 = EXCHANGE.cs1();
        ExchangeClient exchange = EXCHANGE.exchange();
        Funded f = EXCHANGE.fundNew(TEN);
        EddsaPublicKey pub = f.reserve().pub();
        PreparedCoin c = EXCHANGE.prepare(f.reserve(), cs1);
        assertTrue(c.toCoin(exchange.withdraw(pub, c.request())).coin().verify());
        Amount before = EXCHANGE.balance(f.reserve());
        CsBlindedMessage m = ((BlindedPlanchet.Cs) c.request().coinEv()).message();
        byte[] c0 = m.c0();
        c0[0] ^= 1;
        BlindedPlanchet other = new BlindedPlanchet.Cs(new CsBlindedMessage(c0, m.c1(), m.nonce()));
        EddsaSignature sig = new WithdrawRequest(cs1.withdrawCost(), cs1.hash(), other.envelopeHash(cs1.hash()))
                .sign(f.reserve().priv());
        SignedPlanchet reuse = new SignedPlanchet(cs1.hash(), sig, other);
        assertStatus(exchange.withdrawRaw(pub, reuse), 409, TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE);
        ApiResponse batch = exchange.batchWithdrawRaw(pub, List.of(reuse));
        assertStatus(batch, 400, TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE); // 400 in batches (3.3)
        assertEquals(before, EXCHANGE.balance(f.reserve()), "nonce reuse debits nothing");
        // the original envelope is still a plain replay
        assertEquals(200, exchange.withdrawRaw(pub, c.request()).status());
        // two envelopes with one fresh nonce within one batch: refused, and the nonce stays free
        PreparedCoin c2 = EXCHANGE.prepare(f.reserve(), cs1);
        CsBlindedMessage m2 = ((BlindedPlanchet.Cs) c2.request().coinEv()).message();
        byte[] c02 = m2.c0();
        c02[0] ^= 1;
        BlindedPlanchet other2 = new BlindedPlanchet.Cs(new CsBlindedMessage(c02, m2.c1(), m2.nonce()));
        SignedPlanchet twin = new SignedPlanchet(cs1.hash(), new WithdrawRequest(cs1.withdrawCost(), cs1.hash(),
                other2.envelopeHash(cs1.hash())).sign(f.reserve().priv()), other2);
        assertStatus(exchange.batchWithdrawRaw(pub, List.of(c2.request(), twin)), 400,
                TalerErrorCode.EXCHANGE_WITHDRAW_NONCE_REUSE);
        assertEquals(before, EXCHANGE.balance(f.reserve()), "refused batch debits nothing");
        assertTrue(c2.toCoin(exchange.withdraw(pub, c2.request())).coin().verify());
        // only the two CS coins were debited
        assertEquals(TEN.subtract(cs1.withdrawCost().multiply(2)), EXCHANGE.balance(f.reserve()));
    }
}

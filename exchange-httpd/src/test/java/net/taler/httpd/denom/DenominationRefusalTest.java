package net.taler.httpd.denom;

import static net.taler.httpd.testkit.ReplyAssertions.assertSignedDenomReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.TimeUnit;

import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.HashCode;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.httpd.testkit.ExchangeKit.Funded;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.SignedPlanchet;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawnCoin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The signed denomination refusals of exchange-api.md 4.11 for withdrawals: unknown keys (404)
 * and revoked keys (410), with replays of earlier envelopes still answered.
 */
class DenominationRefusalTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.create();
    static final Amount TEN = Amount.parse("TESTKUDOS:10");


    private static HashCode randomHash() {
        byte[] b = new byte[HashCode.SIZE];
        new SecureRandom().nextBytes(b);
        return HashCode.fromBase32(Crockford.encode(b));
    }

    @Test
    void unknownDenominationIsASigned404() {
        Funded f = EXCHANGE.fundNew(TEN);
        EddsaPublicKey pub = f.reserve().pub();
        SignedPlanchet req = EXCHANGE.prepare(f.reserve(), EXCHANGE.rsa1())
                .request();
        HashCode h = randomHash();
        assertSignedDenomReply(EXCHANGE.exchange().withdrawRaw(pub, req.withDenomPubHash(h)), 404,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, null, EXCHANGE.wallet().refreshKeys());
        assertSignedDenomReply(EXCHANGE.exchange().batchWithdrawRaw(pub, List.of(req.withDenomPubHash(h))), 404,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, null, EXCHANGE.wallet().refreshKeys());
        assertSignedDenomReply(EXCHANGE.exchange().csrWithdrawRaw(CsNonce.random(), h), 404,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, h, null, EXCHANGE.wallet().refreshKeys());
        assertEquals(TEN, EXCHANGE.balance(f.reserve()), "refusals debit nothing");
    }

    /** Revokes EXCHANGE.rsa01(): the other tests of this class do not use it. */
    @Test
    void revokedDenominationRefusesNewEnvelopesButReplaysOldOnes() throws Exception {
        Denomination rsa01 = EXCHANGE.rsa01();
        ExchangeClient exchange = EXCHANGE.exchange();
        TestWallet wallet = EXCHANGE.wallet();
        Funded f = EXCHANGE.fundNew(Amount.parse("TESTKUDOS:5"));
        PreparedCoin old = EXCHANGE.prepare(f.reserve(), rsa01);
        BlindSignature oldSig = exchange.withdraw(f.reserve().pub(), old.request());
        assertTrue(old.toCoin(oldSig).coin().verify());
        PreparedCoin fresh = EXCHANGE.prepare(f.reserve(), rsa01);
        Amount before = EXCHANGE.balance(f.reserve());

        EXCHANGE.offline("revoke-denomination", rsa01.hash().toBase32(), "upload");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!wallet.refreshKeys().recoup().contains(rsa01.hash())) {
            assertTrue(System.nanoTime() < deadline, "revocation not in /keys after 30 s");
            Thread.sleep(50);
        }

        assertSignedDenomReply(exchange.withdrawRaw(f.reserve().pub(), fresh.request()), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_REVOKED, rsa01.hash(), DenominationExpired.OP_WITHDRAW,
                wallet.refreshKeys());
        assertSignedDenomReply(exchange.batchWithdrawRaw(f.reserve().pub(), List.of(fresh.request())), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_REVOKED, rsa01.hash(), DenominationExpired.OP_WITHDRAW,
                wallet.refreshKeys());

        ApiResponse replay = exchange.withdrawRaw(f.reserve().pub(), old.request());
        assertEquals(200, replay.status(), replay.summary());
        assertEquals(CoinJson.blindSignature(oldSig), replay.json().path("ev_sig"), "the stored signature comes back");
        assertEquals(before, EXCHANGE.balance(f.reserve()), "neither the refusal nor the replay debits");

        // the other denominations still work
        List<WithdrawnCoin> more = wallet.withdraw(f.reserve(), List.of(EXCHANGE.rsa1(), EXCHANGE.cs1()), true);
        assertTrue(more.stream().allMatch(c -> c.coin().verify()));
        assertEquals(before.subtract(Amount.parse("TESTKUDOS:2.02")), EXCHANGE.balance(f.reserve()));
    }
}

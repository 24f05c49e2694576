package net.taler.httpd.withdraw;

import static net.taler.httpd.testkit.ReplyAssertions.assertCredit;
import static net.taler.httpd.testkit.ReplyAssertions.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.httpd.testkit.ExchangeKit.Funded;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.ExchangeKeys;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawOptions;
import net.taler.testsupport.wallet.WithdrawnCoin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /reserves/$R/withdraw} (and batches of it) through the wallet (exchange-api.md
 * 3.3): RSA and CS coins that verify, amounts and fees, idempotent repeats, and concurrent
 * requests on one reserve that never overdraw.
 */
class WithdrawEndpointTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();
    static final Amount TEN = Amount.parse("TESTKUDOS:10");

    final SecureRandom random = new SecureRandom();

    static Amount cost(List<Denomination> ds) {
        Amount sum = Amount.zero(ExchangeKit.CURRENCY);
        for (Denomination d : ds) {
            sum = sum.add(d.withdrawCost());
        }
        return sum;
    }

    static JsonNode sigJson(BlindSignature s) {
        return CoinJson.blindSignature(s);
    }

    @Test
    void withdrawRsaAndCsSingleAndBatchAndEveryCoinVerifies() {
        Denomination rsa1 = EXCHANGE.rsa1();
        Denomination rsa01 = EXCHANGE.rsa01();
        Denomination cs1 = EXCHANGE.cs1();
        TestWallet wallet = EXCHANGE.wallet();
        Funded main = EXCHANGE.fundNew(TEN);
        List<Denomination> single = List.of(rsa1, rsa01, cs1);
        List<Denomination> batch = List.of(rsa1, rsa01, rsa01, cs1, cs1);
        List<WithdrawnCoin> coins = new ArrayList<>(wallet.withdraw(main.reserve(), single, false));
        coins.addAll(wallet.withdraw(main.reserve(), batch, true));
        assertEquals(8, coins.size());

        ExchangeKeys keys = EXCHANGE.exchange().keys(EXCHANGE.masterPub());
        List<Denomination> all = new ArrayList<>(single);
        all.addAll(batch);
        for (int i = 0; i < coins.size(); i++) {
            WithdrawnCoin c = coins.get(i);
            Denomination listed = keys.requireDenomination(c.denomination().hash());
            assertEquals(all.get(i).hash(), listed.hash(), "coin " + i + " has the requested denomination");
            assertTrue(listed.verify(EXCHANGE.masterPub()), "denomination of coin " + i + " is master-signed");
            assertEquals(listed.key(), c.coin().denomination(), "coin " + i + " key as listed in /keys");
            assertTrue(c.coin().verify(), "coin " + i + " signature verifies");
        }
        assertEquals(coins.size(), coins.stream().map(WithdrawnCoin::coinPub).distinct().count());
        assertEquals(TEN.subtract(cost(all)), EXCHANGE.balance(main.reserve()), "10 - sum(value + fee)");
        assertEquals(Amount.parse("TESTKUDOS:4.62"), EXCHANGE.balance(main.reserve()));
    }

    @Test
    void walletSelectsDenominationsForAnAmountAndWithdrawsThem() {
        Funded f = EXCHANGE.fundNew(Amount.parse("TESTKUDOS:5"));
        EXCHANGE.wallet().refreshKeys();
        var sel = EXCHANGE.wallet().selectDenominations(Amount.parse("TESTKUDOS:5"));
        List<WithdrawnCoin> coins = EXCHANGE.wallet().withdrawAmount(f.reserve(), Amount.parse("TESTKUDOS:5"));
        assertEquals(sel.size(), coins.size());
        assertEquals(12, coins.size(), "4 coins of 1 and 8 of 0.1: " + sel);
        assertEquals(Amount.parse("TESTKUDOS:4.8"), sel.totalValue());
        assertTrue(coins.stream().allMatch(c -> c.coin().verify()));
        assertEquals(Amount.parse("TESTKUDOS:5").subtract(sel.totalCost()), EXCHANGE.balance(f.reserve()));
        assertEquals(Amount.parse("TESTKUDOS:0.08"), EXCHANGE.balance(f.reserve()));
    }

    @Test
    void repeatedWithdrawReturnsTheSameSignatureAndDebitsOnce() {
        Funded f = EXCHANGE.fundNew(TEN);
        byte[] seed = new byte[32];
        random.nextBytes(seed);
        List<Denomination> ds = List.of(EXCHANGE.rsa1(), EXCHANGE.cs1(), EXCHANGE.rsa01());
        WithdrawOptions opts = WithdrawOptions.DEFAULT.withSeed(seed);
        List<PreparedCoin> first = EXCHANGE.wallet().prepareWithdraw(f.reserve(), ds, opts);
        List<WithdrawnCoin> coins = EXCHANGE.wallet().complete(f.reserve(), first, false);
        Amount after = TEN.subtract(cost(ds));
        assertEquals(after, EXCHANGE.balance(f.reserve()));

        // the very same requests again
        List<WithdrawnCoin> again = EXCHANGE.wallet().complete(f.reserve(), first, false);
        // the same seed gives byte-identical requests (CS: same nonce, same R from /csr-withdraw)
        List<PreparedCoin> second = EXCHANGE.wallet().prepareWithdraw(f.reserve(), ds, opts);
        for (int i = 0; i < ds.size(); i++) {
            assertEquals(first.get(i).request(), second.get(i).request(), "seeded request " + i);
        }
        List<WithdrawnCoin> third = EXCHANGE.wallet().complete(f.reserve(), second, false);
        for (int i = 0; i < ds.size(); i++) {
            assertEquals(sigJson(coins.get(i).blindSignature()), sigJson(again.get(i).blindSignature()), "coin " + i);
            assertEquals(sigJson(coins.get(i).blindSignature()), sigJson(third.get(i).blindSignature()), "coin " + i);
            assertEquals(coins.get(i).coinPub(), third.get(i).coinPub());
        }
        assertEquals(after, EXCHANGE.balance(f.reserve()), "repeats must not debit again");
    }

    @Test
    void concurrentRepeatsOfOneRequestDebitOnce() throws Exception {
        Funded f = EXCHANGE.fundNew(TEN);
        for (Denomination d : List.of(EXCHANGE.rsa1(), EXCHANGE.cs1())) {
            PreparedCoin p = EXCHANGE.prepare(f.reserve(), d);
            Amount before = EXCHANGE.balance(f.reserve());
            int n = 8;
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(n);
            List<Future<ApiResponse>> fs = new ArrayList<>();
            try {
                for (int i = 0; i < n; i++) {
                    fs.add(pool.submit(() -> {
                        go.await();
                        return EXCHANGE.exchange().withdrawRaw(f.reserve().pub(), p.request());
                    }));
                }
                go.countDown();
                JsonNode first = null;
                for (Future<ApiResponse> fu : fs) {
                    ApiResponse r = fu.get(60, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), r.summary());
                    JsonNode sig = r.json().path("ev_sig");
                    if (first == null) {
                        first = sig;
                        assertTrue(p.toCoin(CoinJson.blindSignature(sig)).coin().verify());
                    }
                    assertEquals(first, sig, d + ": every repeat gets the same signature");
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(before.subtract(d.withdrawCost()), EXCHANGE.balance(f.reserve()), d + " debited once");
        }
    }

    /**
     * Identical copies of one request racing on a reserve that can pay for exactly one coin: a
     * copy that waited for the reserve's lock while the first committed is a replay (200, same
     * signature), not a refusal for lack of funds (issue 14: 1-3 of 16 copies got 409).
     */
    @Test
    void racingCopiesOnAnExactlyFundedReserveAllGetTheSignature() throws Exception {
        Denomination rsa1 = EXCHANGE.rsa1();
        int n = 16;
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            for (int round = 0; round < 5; round++) {
                Funded f = EXCHANGE.fundNew(rsa1.withdrawCost());
                PreparedCoin p = EXCHANGE.prepare(f.reserve(), rsa1);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<ApiResponse>> fs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    fs.add(pool.submit(() -> {
                        go.await();
                        return EXCHANGE.exchange().withdrawRaw(f.reserve().pub(), p.request());
                    }));
                }
                go.countDown();
                JsonNode first = null;
                for (Future<ApiResponse> fu : fs) {
                    ApiResponse r = fu.get(60, TimeUnit.SECONDS);
                    assertEquals(200, r.status(), "round " + round + ": " + r.summary());
                    if (first == null) {
                        first = r.json().path("ev_sig");
                    }
                    assertEquals(first, r.json().path("ev_sig"), "every copy gets the same signature");
                }
                assertTrue(p.toCoin(CoinJson.blindSignature(first)).coin().verify());
                assertEquals(rsa1.withdrawCost().subtract(rsa1.withdrawCost()), EXCHANGE.balance(f.reserve()),
                        "debited exactly once");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentWithdrawalsNeverOverdraw() throws Exception {
        Denomination rsa1 = EXCHANGE.rsa1();
        ExchangeClient exchange = EXCHANGE.exchange();
        Funded f = EXCHANGE.fundNew(TEN);
        int threads = 8;
        int perThread = 3;
        // threads 0..5: single withdrawals of 1 (1.01 each); threads 6, 7: batches of two (2.02)
        List<List<List<PreparedCoin>>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<List<PreparedCoin>> requests = new ArrayList<>();
            for (int i = 0; i < perThread; i++) {
                int n = t < 6 ? 1 : 2;
                requests.add(EXCHANGE.wallet().prepareWithdraw(f.reserve(), Collections.nCopies(n, rsa1),
                        WithdrawOptions.DEFAULT));
            }
            work.add(requests);
        }
        record Outcome(List<PreparedCoin> coins, ApiResponse response) {
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> fs = new ArrayList<>();
            for (List<List<PreparedCoin>> requests : work) {
                fs.add(pool.submit(() -> {
                    go.await();
                    for (List<PreparedCoin> req : requests) {
                        ApiResponse r = req.size() == 1 ? exchange.withdrawRaw(f.reserve().pub(), req.get(0).request())
                                : exchange.batchWithdrawRaw(f.reserve().pub(),
                                        req.stream().map(PreparedCoin::request).toList());
                        outcomes.add(new Outcome(req, r));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> fu : fs) {
                fu.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Amount withdrawn = Amount.zero(ExchangeKit.CURRENCY);
        int coins = 0;
        List<String> problems = new ArrayList<>();
        List<ApiResponse> refusals = new ArrayList<>();
        for (Outcome o : outcomes) {
            ApiResponse r = o.response();
            if (r.status() == 200) {
                JsonNode sigs = o.coins().size() == 1 ? null : r.json().path("ev_sigs");
                for (int i = 0; i < o.coins().size(); i++) {
                    JsonNode holder = sigs == null ? r.json() : sigs.get(i);
                    BlindSignature s = CoinJson.blindSignature(holder.path("ev_sig"));
                    if (!o.coins().get(i).toCoin(s).coin().verify()) {
                        problems.add("coin does not verify: " + r.summary());
                    }
                    withdrawn = withdrawn.add(rsa1.withdrawCost());
                    coins++;
                }
            } else if (r.is(409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS)) {
                refusals.add(r);
                Amount requested = Amount.parse(r.json().path("requested_amount").asText());
                Amount reported = Amount.parse(r.json().path("balance").asText());
                if (!requested.equals(rsa1.withdrawCost().multiply(o.coins().size()))) {
                    problems.add("requested_amount: " + r.summary());
                }
                if (reported.compare(requested) >= 0) {
                    problems.add("refused although the balance sufficed: " + r.summary());
                }
            } else {
                problems.add("unexpected reply: " + r.summary());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertEquals(threads * perThread, outcomes.size());
        Amount finalBalance = EXCHANGE.balance(f.reserve());
        assertTrue(withdrawn.compare(TEN) <= 0, "overdrawn: " + withdrawn);
        assertEquals(TEN, withdrawn.add(finalBalance), "withdrawn + balance = credit");
        // 18 single attempts alone cost more than 10, so some single failed: less than 1.01 is left
        assertTrue(finalBalance.compare(rsa1.withdrawCost()) < 0, "balance left: " + finalBalance);
        assertEquals(9, coins, "coins of 1.01 that fit into 10");
        assertFalse(refusals.isEmpty());

        // Refusals after the balance ran out show the final history: the credit and every withdrawal.
        for (ApiResponse r : refusals) {
            Amount reported = Amount.parse(r.json().path("balance").asText());
            JsonNode history = r.json().path("history");
            assertTrue(history.isArray(), r.summary());
            assertCredit(history, f.row(), TEN, r);
            if (reported.compare(rsa1.withdrawCost()) < 0) {
                assertEquals(finalBalance, reported, r.summary());
                assertEquals(coins, count(history, "WITHDRAW"), r.summary());
                Amount sum = Amount.zero(ExchangeKit.CURRENCY);
                for (JsonNode e : history) {
                    if (e.path("type").asText().equals("WITHDRAW")) {
                        assertEquals(rsa1.hash().toBase32(), e.path("h_denom_pub").asText());
                        assertEquals("TESTKUDOS:1.01", e.path("amount").asText());
                        assertEquals("TESTKUDOS:0.01", e.path("withdraw_fee").asText());
                        assertEquals(64, Crockford.decodeVariable(e.path("h_coin_envelope").asText()).length);
                        assertEquals(64, Crockford.decodeVariable(e.path("reserve_sig").asText()).length);
                        sum = sum.add(Amount.parse(e.path("amount").asText()));
                    }
                }
                assertEquals(TEN, sum.add(reported), "history adds up: " + r.summary());
            }
        }
    }
}

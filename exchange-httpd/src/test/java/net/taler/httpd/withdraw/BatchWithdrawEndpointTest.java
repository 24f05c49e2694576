package net.taler.httpd.withdraw;

import static net.taler.httpd.testkit.ReplyAssertions.assertStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.httpd.testkit.ExchangeKit.Funded;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.SignedPlanchet;
import net.taler.testsupport.wallet.WithdrawOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code POST /reserves/$R/batch-withdraw} (exchange-api.md 3.3): all or nothing, a repeated
 * envelope (earlier or within the batch) is a 409 without debit, malformed batches are 400.
 */
class BatchWithdrawEndpointTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();
    static final Amount TEN = Amount.parse("TESTKUDOS:10");


    @Test
    void batchRepeatingAWithdrawnEnvelopeIsRefusedWithoutDebit() {
        Denomination rsa01 = EXCHANGE.rsa01();
        Denomination cs1 = EXCHANGE.cs1();
        ExchangeClient exchange = EXCHANGE.exchange();
        Funded f = EXCHANGE.fundNew(TEN);
        List<PreparedCoin> batch = EXCHANGE.wallet().prepareWithdraw(f.reserve(), List.of(EXCHANGE.rsa1(), cs1),
                WithdrawOptions.DEFAULT);
        List<SignedPlanchet> reqs = batch.stream().map(PreparedCoin::request).toList();
        List<BlindSignature> sigs = exchange.batchWithdraw(f.reserve().pub(), reqs);
        for (int i = 0; i < batch.size(); i++) {
            assertTrue(batch.get(i).toCoin(sigs.get(i)).coin().verify());
        }
        Amount after = TEN.subtract(Amount.parse("TESTKUDOS:2.02"));
        assertEquals(after, EXCHANGE.balance(f.reserve()));

        ApiResponse same = exchange.batchWithdrawRaw(f.reserve().pub(), reqs);
        assertStatus(same, 409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET);

        PreparedCoin fresh = EXCHANGE.prepare(f.reserve(), rsa01);
        ApiResponse mixed = exchange.batchWithdrawRaw(f.reserve().pub(), List.of(fresh.request(), reqs.get(0)));
        assertStatus(mixed, 409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET);
        assertEquals(after, EXCHANGE.balance(f.reserve()), "refused batches debit nothing");

        // the fresh planchet of the refused batch was not recorded: withdrawing it now costs money
        assertTrue(fresh.toCoin(exchange.withdraw(f.reserve().pub(), fresh.request())).coin().verify());
        after = after.subtract(rsa01.withdrawCost());
        assertEquals(after, EXCHANGE.balance(f.reserve()));

        // one envelope twice within one batch (RSA and CS): refused like a repeat, nothing debited
        for (Denomination d : List.of(rsa01, cs1)) {
            PreparedCoin twice = EXCHANGE.prepare(f.reserve(), d);
            ApiResponse dup = exchange.batchWithdrawRaw(f.reserve().pub(), List.of(twice.request(), twice.request()));
            assertStatus(dup, 409, TalerErrorCode.EXCHANGE_WITHDRAW_BATCH_IDEMPOTENT_PLANCHET);
            assertEquals(after, EXCHANGE.balance(f.reserve()), "duplicate within a batch debits nothing");
            assertTrue(twice.toCoin(exchange.withdraw(f.reserve().pub(), twice.request())).coin().verify());
            after = after.subtract(d.withdrawCost());
            assertEquals(after, EXCHANGE.balance(f.reserve()));
        }
    }

    @Test
    void batchBeyondTheBalanceAlthoughEachPlanchetFits() {
        Denomination rsa01 = EXCHANGE.rsa01();
        Funded small = EXCHANGE.fundNew(Amount.parse("TESTKUDOS:1.5"));
        List<PreparedCoin> cs = EXCHANGE.wallet().prepareWithdraw(small.reserve(),
                List.of(EXCHANGE.rsa1(), rsa01, rsa01, EXCHANGE.cs1()),
                WithdrawOptions.DEFAULT);
        ApiResponse r = EXCHANGE.exchange().batchWithdrawRaw(small.reserve().pub(),
                cs.stream().map(PreparedCoin::request).toList());
        assertStatus(r, 409, TalerErrorCode.EXCHANGE_WITHDRAW_INSUFFICIENT_FUNDS);
        assertEquals("TESTKUDOS:2.24", r.json().path("requested_amount").asText(), r.summary());
        assertEquals("TESTKUDOS:1.5", r.json().path("balance").asText(), r.summary());
        assertEquals(Amount.parse("TESTKUDOS:1.5"), EXCHANGE.balance(small.reserve()));
    }

    @Test
    void malformedBatches() {
        ExchangeClient exchange = EXCHANGE.exchange();
        Funded f = EXCHANGE.fundNew(TEN);
        EddsaPublicKey pub = f.reserve().pub();
        SignedPlanchet req = EXCHANGE.prepare(f.reserve(), EXCHANGE.rsa1())
                .request();
        ObjectNode batchNoEv = SignedPlanchet.batchJson(List.of(req));
        ((ObjectNode) batchNoEv.path("planchets").get(0)).remove("coin_ev");
        assertStatus(exchange.batchWithdrawRaw(pub, batchNoEv), 400, TalerErrorCode.GENERIC_JSON_INVALID);
        assertStatus(exchange.batchWithdrawRaw(pub, List.of()), 400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        assertStatus(exchange.batchWithdrawRaw(pub, Collections.nCopies(ExchangeClient.MAX_BATCH + 1, req)), 400,
                TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        ObjectNode notArray = JsonNodeFactory.instance.objectNode();
        notArray.put("planchets", "x");
        assertStatus(exchange.batchWithdrawRaw(pub, notArray), 400, TalerErrorCode.GENERIC_PARAMETER_MALFORMED);
        assertEquals(TEN, EXCHANGE.balance(f.reserve()), "refusals debit nothing");
    }
}

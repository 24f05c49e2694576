package net.taler.httpd.denom;

import static net.taler.httpd.testkit.ReplyAssertions.assertSignedDenomReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import net.taler.common.amount.Amount;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.CoinJson;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.sig.exchange.DenominationExpired;
import net.taler.common.time.Timestamp;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.httpd.testkit.ExchangeKit.Funded;
import net.taler.testsupport.wallet.ApiResponse;
import net.taler.testsupport.wallet.Denomination;
import net.taler.testsupport.wallet.ExchangeClient;
import net.taler.testsupport.wallet.PreparedCoin;
import net.taler.testsupport.wallet.TestWallet;
import net.taler.testsupport.wallet.WithdrawOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Withdrawals outside a denomination's validity (exchange-api.md 4.11): a key that starts later
 * and one whose withdrawal period ended are refused with signed 410s, while a replay of an
 * envelope signed in time still answers. The kit's clock moves instead of the test sleeping.
 */
class DenominationValidityTest {
    static final String SHORT = "COIN_TESTKUDOS_SHORT2";
    static final Amount SHORT_VALUE = Amount.parse("TESTKUDOS:2");
    static final Amount TEN = Amount.parse("TESTKUDOS:10");

    /** A new short key every hour, signed at key-up for the next two: current and future keys. */
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.withConfig("[" + SHORT + "]\nVALUE = TESTKUDOS:2\n"
            + "DURATION_WITHDRAW = 1 h\nDURATION_SPEND = 2 years\nDURATION_LEGAL = 3 years\n"
            + "FEE_DEPOSIT = TESTKUDOS:0\nFEE_WITHDRAW = TESTKUDOS:0.01\nFEE_REFRESH = TESTKUDOS:0.01\n"
            + "FEE_REFUND = TESTKUDOS:0\nCIPHER = RSA\nRSA_KEYSIZE = 1024\n\n"
            + "[taler-exchange-secmod-rsa]\nOVERLAP_DURATION = 1 s\nLOOKAHEAD_SIGN = 2 h\n\n");

    @Test
    void expiredAndNotYetValidDenominationsAreRefusedButReplaysAnswer() throws Exception {
        TestWallet wallet = EXCHANGE.wallet();
        ExchangeClient exchange = EXCHANGE.exchange();
        Funded f = EXCHANGE.fundNew(TEN);
        List<Denomination> shorts = wallet.refreshKeys().denominations().stream()
                .filter(d -> d.value().equals(SHORT_VALUE))
                .sorted((a, b) -> a.stampStart().compareTo(b.stampStart())).toList();
        Timestamp now = wallet.now();
        Denomination current = shorts.stream()
                .filter(d -> !now.isBefore(d.stampStart()) && now.isBefore(d.stampExpireWithdraw())).findFirst()
                .orElseThrow(() -> new AssertionError("no current short-lived key in " + shorts));
        Denomination future = shorts.stream().filter(d -> d.stampStart().isAfter(current.stampStart()))
                .findFirst().orElseThrow(() -> new AssertionError("no future short key: " + shorts));

        PreparedCoin early = wallet.prepareWithdraw(f.reserve(), List.of(future), WithdrawOptions.DEFAULT).get(0);
        assertSignedDenomReply(exchange.withdrawRaw(f.reserve().pub(), early.request()), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_VALIDITY_IN_FUTURE, future.hash(),
                DenominationExpired.OP_WITHDRAW, wallet.refreshKeys());
        assertSignedDenomReply(exchange.batchWithdrawRaw(f.reserve().pub(), List.of(early.request())), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_VALIDITY_IN_FUTURE, future.hash(),
                DenominationExpired.OP_WITHDRAW, wallet.refreshKeys());
        assertEquals(TEN, EXCHANGE.balance(f.reserve()), "refusals debit nothing");

        PreparedCoin withdrawn = wallet.prepareWithdraw(f.reserve(), List.of(current), WithdrawOptions.DEFAULT).get(0);
        BlindSignature sig = exchange.withdraw(f.reserve().pub(), withdrawn.request());
        assertTrue(withdrawn.toCoin(sig).coin().verify());
        PreparedCoin late = wallet.prepareWithdraw(f.reserve(), List.of(current), WithdrawOptions.DEFAULT).get(0);
        Amount before = EXCHANGE.balance(f.reserve());
        assertEquals(TEN.subtract(current.withdrawCost()), before);

        // one second after the end of the current key's withdrawal period
        EXCHANGE.advanceClock(Duration.between(EXCHANGE.clock().instant(),
                current.stampExpireWithdraw().toInstant()).plusSeconds(1));
        assertSignedDenomReply(exchange.withdrawRaw(f.reserve().pub(), late.request()), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_EXPIRED, current.hash(), DenominationExpired.OP_WITHDRAW,
                wallet.refreshKeys());
        assertSignedDenomReply(exchange.batchWithdrawRaw(f.reserve().pub(), List.of(late.request())), 410,
                TalerErrorCode.EXCHANGE_GENERIC_DENOMINATION_EXPIRED, current.hash(), DenominationExpired.OP_WITHDRAW,
                wallet.refreshKeys());
        ApiResponse replay = exchange.withdrawRaw(f.reserve().pub(), withdrawn.request());
        assertEquals(200, replay.status(), replay.summary());
        assertEquals(CoinJson.blindSignature(sig), replay.json().path("ev_sig"), "stored signature of the expired key");
        assertEquals(before, EXCHANGE.balance(f.reserve()));

        // the key that was in the future is current now
        PreparedCoin next = wallet.prepareWithdraw(f.reserve(), List.of(future), WithdrawOptions.DEFAULT).get(0);
        assertTrue(next.toCoin(exchange.withdraw(f.reserve().pub(), next.request())).coin().verify());
        assertEquals(before.subtract(future.withdrawCost()), EXCHANGE.balance(f.reserve()));
    }
}

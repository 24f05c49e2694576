package net.taler.httpd.withdraw;

import static net.taler.httpd.testkit.ReplyAssertions.assertSignedDenomReply;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.wallet.ApiResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code POST /csr-withdraw} (exchange-api.md 3.2): R values of a CS denomination for a nonce. */
class CsrWithdrawEndpointTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();


    @Test
    void csrWithdrawForAnRsaDenominationIsASigned404() {
        assertSignedDenomReply(EXCHANGE.exchange().csrWithdrawRaw(CsNonce.random(), EXCHANGE.rsa1().hash()), 404,
                TalerErrorCode.EXCHANGE_GENERIC_INVALID_DENOMINATION_CIPHER_FOR_OPERATION, EXCHANGE.rsa1().hash(), null,
                EXCHANGE.wallet().refreshKeys());
    }

    @Test
    void csrWithdrawIsAPureFunction() {
        CsNonce n = CsNonce.random();
        ApiResponse a = EXCHANGE.exchange().csrWithdrawRaw(n, EXCHANGE.cs1().hash());
        ApiResponse b = EXCHANGE.exchange().csrWithdrawRaw(n, EXCHANGE.cs1().hash());
        assertEquals(200, a.status(), a.summary());
        assertEquals(a.json(), b.json());
        assertNotEquals(a.json(), EXCHANGE.exchange().csrWithdrawRaw(CsNonce.random(), EXCHANGE.cs1().hash()).json());
    }
}

package net.taler.testsupport.wallet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import net.taler.common.age.AgeMask;
import net.taler.common.coin.BlindSignature;
import net.taler.common.coin.BlindedPlanchet;
import net.taler.common.coin.CoinJson;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.PlanchetMasterSecret;
import net.taler.common.crypto.cs.Cs;
import net.taler.common.crypto.cs.CsNonce;
import net.taler.common.crypto.cs.CsRPublicPair;
import org.junit.jupiter.api.Test;

/**
 * The wallet's own encoder ({@link CipherJson}, written from exchange-api.md 1.2) and the
 * server-side codec in common ({@link CoinJson}) must produce and accept the same JSON; the
 * wallet deliberately does not reuse the server codec, so a wrong field name on one side shows
 * up here and in the end-to-end tests instead of cancelling out.
 */
class CoinJsonAgreementTest {
    @Test
    void bothCodecsAgree() {
        for (DenominationKey key : List.of(Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE), Fixtures.csKey(AgeMask.NONE))) {
            Denomination d = Fixtures.denomination(key, "1", "0");
            PlanchetMasterSecret ps = Seeds.planchetSecret(new byte[] {1}, 0);
            CsRPublicPair r = d.isCs() ? Cs.deriveRPublic(Fixtures.CS, CsNonce.forWithdraw(ps), false) : null;
            PreparedCoin p = PreparedCoin.create(0, Reserve.random(), d, ps, r, null);
            BlindedPlanchet ev = p.planchet().blinded();

            assertEquals(CoinJson.planchet(ev), CipherJson.blindedPlanchet(ev));
            assertArrayEquals(ev.envelope(), CoinJson.planchet(CipherJson.blindedPlanchet(ev)).envelope());

            BlindSignature s = Fixtures.blindSign(key, ev);
            assertEquals(CoinJson.blindSignature(s), CipherJson.blindSignature(s));
            assertEquals(CoinJson.blindSignature(s), CoinJson.blindSignature(CipherJson.parseBlindSignature(
                    CoinJson.blindSignature(s))));

            assertEquals(CoinJson.withdrawValues(r), CipherJson.exchangeWithdrawValues(r));
            if (r != null) {
                assertEquals(r, CipherJson.parseCsWithdrawValues(CoinJson.withdrawValues(r)));
            } else {
                assertNull(CoinJson.withdrawValues(CipherJson.exchangeWithdrawValues(null)));
            }
        }
    }
}

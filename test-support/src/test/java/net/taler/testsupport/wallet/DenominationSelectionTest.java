package net.taler.testsupport.wallet;

import static net.taler.testsupport.wallet.Fixtures.NOW;
import static net.taler.testsupport.wallet.Fixtures.amount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.taler.common.age.AgeMask;
import net.taler.common.coin.DenominationKey;
import net.taler.common.crypto.rsa.RsaPrivateKey;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;
import org.junit.jupiter.api.Test;

/** The wallet's greedy withdrawal selection (largest first, value + fee must fit, 5-minute margin). */
class DenominationSelectionTest {
    // distinct keys: denominations with equal keys would have equal hashes
    private static final DenominationKey K1 = Fixtures.rsaKey(Fixtures.RSA, AgeMask.NONE);
    private static final DenominationKey K2 = Fixtures.rsaKey(Fixtures.RSA2, AgeMask.NONE);
    private static final DenominationKey K3 = Fixtures.csKey(AgeMask.NONE);
    private static final DenominationKey K4 = Fixtures.rsaKey(Fixtures.RSA, AgeMask.DEFAULT);
    private static final DenominationKey K5 = Fixtures.rsaKey(RsaPrivateKey.generate(1024), AgeMask.NONE);

    private static final Denomination TEN = Fixtures.denomination(K1, "10", "0.01");
    private static final Denomination FIVE = Fixtures.denomination(K2, "5", "0.01");
    private static final Denomination ONE = Fixtures.denomination(K3, "1", "0.01");
    private static final Denomination HALF = Fixtures.denomination(K4, "0.5", "0");

    private static List<String> values(DenominationSelection s) {
        return s.denominations().stream().map(d -> d.value().toString()).toList();
    }

    private static Timestamp in(long seconds) {
        return NOW.plus(RelativeTime.ofSeconds(seconds));
    }

    @Test
    void largestFirstWithFees() {
        DenominationSelection s = DenominationSelection.select(List.of(ONE, HALF, TEN, FIVE), amount("17"), NOW);
        assertEquals(List.of("KUDOS:10", "KUDOS:5", "KUDOS:1", "KUDOS:0.5"), values(s));
        assertEquals(amount("16.5"), s.totalValue());
        assertEquals(amount("16.53"), s.totalCost());
    }

    @Test
    void theFeeMustFitToo() {
        DenominationSelection s = DenominationSelection.select(List.of(TEN, FIVE, ONE, HALF), amount("10"), NOW);
        assertEquals(List.of("KUDOS:5", "KUDOS:1", "KUDOS:1", "KUDOS:1", "KUDOS:1", "KUDOS:0.5"), values(s));
        assertEquals(amount("9.55"), s.totalCost());
        assertEquals(List.of("KUDOS:10"), values(DenominationSelection.select(List.of(TEN, FIVE), amount("10.01"), NOW)));
        assertTrue(DenominationSelection.select(List.of(TEN, FIVE, ONE), amount("1"), NOW).isEmpty());
        assertEquals(amount("0"), DenominationSelection.select(List.of(TEN), amount("1"), NOW).totalValue());
    }

    @Test
    void onlyDenominationsWithdrawableForFiveMoreMinutes() {
        Denomination soon = Fixtures.denomination(K1, "10", "0", Fixtures.START, in(4 * 60));
        Denomination exactly = Fixtures.denomination(K2, "10", "0", Fixtures.START, in(5 * 60));
        Denomination later = Fixtures.denomination(K3, "5", "0", Fixtures.START, in(5 * 60 + 1));
        Denomination future = Fixtures.denomination(K4, "2", "0", in(1), in(86400));
        Denomination startsNow = Fixtures.denomination(K5, "1", "0", NOW, in(86400));
        DenominationSelection s = DenominationSelection.select(List.of(soon, exactly, later, future, startsNow),
                amount("12"), NOW);
        assertEquals(List.of("KUDOS:5", "KUDOS:5", "KUDOS:1", "KUDOS:1"), values(s));
        assertTrue(!soon.isWithdrawable(NOW) && !exactly.isWithdrawable(NOW) && later.isWithdrawable(NOW));
        assertTrue(!future.isWithdrawable(NOW) && future.isWithdrawable(in(1)));
    }

    @Test
    void amongEqualValuesTheLongestValid() {
        Denomination shortLived = Fixtures.denomination(K1, "10", "0", Fixtures.START, in(3600));
        Denomination longLived = Fixtures.denomination(K2, "10", "0", Fixtures.START, in(7200));
        DenominationSelection s = DenominationSelection.select(List.of(shortLived, longLived), amount("30"), NOW);
        assertEquals(List.of(longLived, longLived, longLived), s.denominations());
    }

    @Test
    void limitsAndCurrencies() {
        Denomination tiny = Fixtures.denomination(K1, "0.00000001", "0");
        assertThrows(IllegalArgumentException.class,
                () -> DenominationSelection.select(List.of(tiny), amount("1"), NOW));
        Denomination free = Fixtures.denomination(K2, "0", "0");
        assertTrue(DenominationSelection.select(List.of(free), amount("1"), NOW).isEmpty());
        assertTrue(DenominationSelection.select(List.of(TEN), net.taler.common.amount.Amount.parse("EUR:100"), NOW)
                .isEmpty());
    }
}

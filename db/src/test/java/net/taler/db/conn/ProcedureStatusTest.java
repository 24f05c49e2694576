package net.taler.db.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;

import net.taler.db.coin.CoinRepository;
import net.taler.db.deposit.DepositRepository;
import net.taler.db.purse.PurseRepository;
import net.taler.db.refresh.RefreshRepository;
import net.taler.db.reserve.RecoupRepository;
import net.taler.db.reserve.ReserveOpenRepository;
import net.taler.db.reserve.ReserveRepository;
import org.junit.jupiter.api.Test;

/**
 * The Java side of the stored procedures' status codes: every code maps back to its constant,
 * codes are unique, and an unknown code is refused instead of being taken for another outcome.
 * (That each function returns the intended code is checked through the real functions in the
 * ops tests, e.g. MoneyOpsTestBase for credit, withdraw and batch withdraw.)
 */
class ProcedureStatusTest {
    private record Decoder<E extends Enum<E> & ProcedureStatus>(Class<E> type, IntFunction<E> fromCode) {
    }

    private static final List<Decoder<?>> ALL = List.of(
            new Decoder<>(ReserveRepository.CreditStatus.class, ReserveRepository.CreditStatus::fromCode),
            new Decoder<>(ReserveRepository.WithdrawStatus.class, ReserveRepository.WithdrawStatus::fromCode),
            new Decoder<>(ReserveRepository.BatchStatus.class, ReserveRepository.BatchStatus::fromCode),
            new Decoder<>(ReserveRepository.HistoryStatus.class, ReserveRepository.HistoryStatus::fromCode),
            new Decoder<>(ReserveRepository.CloseRequestStatus.class, ReserveRepository.CloseRequestStatus::fromCode),
            new Decoder<>(ReserveOpenRepository.OpenStatus.class, ReserveOpenRepository.OpenStatus::fromCode),
            new Decoder<>(RecoupRepository.RecoupStatus.class, RecoupRepository.RecoupStatus::fromCode),
            new Decoder<>(CoinRepository.EnsureStatus.class, CoinRepository.EnsureStatus::fromCode),
            new Decoder<>(DepositRepository.DepositStatus.class, DepositRepository.DepositStatus::fromCode),
            new Decoder<>(DepositRepository.RefundStatus.class, DepositRepository.RefundStatus::fromCode),
            new Decoder<>(RefreshRepository.MeltStatus.class, RefreshRepository.MeltStatus::fromCode),
            new Decoder<>(PurseRepository.CreateStatus.class, PurseRepository.CreateStatus::fromCode),
            new Decoder<>(PurseRepository.DepositStatus.class, PurseRepository.DepositStatus::fromCode),
            new Decoder<>(PurseRepository.MergeStatus.class, PurseRepository.MergeStatus::fromCode),
            new Decoder<>(PurseRepository.ReservePurseStatus.class, PurseRepository.ReservePurseStatus::fromCode),
            new Decoder<>(PurseRepository.DeleteStatus.class, PurseRepository.DeleteStatus::fromCode));

    @Test
    void everyCodeMapsBack() {
        for (Decoder<?> d : ALL) {
            Set<Integer> codes = new HashSet<>();
            for (var e : d.type().getEnumConstants()) {
                assertTrue(codes.add(e.code()), d.type() + ": code " + e.code() + " twice");
                assertSame(e, d.fromCode().apply(e.code()));
            }
        }
    }

    @Test
    void unknownCodesAreRefused() {
        for (Decoder<?> d : ALL) {
            int max = 0;
            for (var e : d.type().getEnumConstants()) {
                max = Math.max(max, e.code());
            }
            int beyond = max + 1;
            IllegalStateException ex = assertThrows(IllegalStateException.class, () -> d.fromCode().apply(beyond));
            assertTrue(ex.getMessage().contains(d.type().getSimpleName()), ex.getMessage());
            assertThrows(IllegalStateException.class, () -> d.fromCode().apply(-1));
        }
    }

    @Test
    void withdrawCodesAreTheSqlContract() {
        // exchange_do_withdraw / exchange_do_batch_withdraw / exchange_do_reserve_credit (R__withdraw.sql,
        // R__reserve_credit.sql): the numbers the functions return
        assertEquals(ReserveRepository.WithdrawStatus.NONCE_REUSE, ReserveRepository.WithdrawStatus.fromCode(4));
        assertEquals(ReserveRepository.BatchStatus.PLANCHET_REPLAY, ReserveRepository.BatchStatus.fromCode(1));
        assertEquals(ReserveRepository.CreditStatus.CONFLICT, ReserveRepository.CreditStatus.fromCode(2));
    }
}

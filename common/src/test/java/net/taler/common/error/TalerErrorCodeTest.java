package net.taler.common.error;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TalerErrorCodeTest {

    @Test
    void allRegistryCodesPresent() {
        // GANA gnu-taler-error-codes at 3e659ed5 (the exchange's submodule in Dec 2022).
        assertEquals(469, TalerErrorCode.values().length);
    }

    @Test
    void codesAreUnique() {
        Set<Integer> seen = new HashSet<>();
        for (TalerErrorCode ec : TalerErrorCode.values()) {
            assertTrue(seen.add(ec.code()), "duplicate code " + ec.code() + " at " + ec.name());
        }
    }

    @Test
    void codesAreSortedAndInRange() {
        int prev = -1;
        for (TalerErrorCode ec : TalerErrorCode.values()) {
            assertTrue(ec.code() > prev, ec.name() + " out of order");
            assertTrue(ec.code() <= 9999, ec.name());
            prev = ec.code();
        }
    }

    @Test
    void byCodeRoundTripsEveryConstant() {
        for (TalerErrorCode ec : TalerErrorCode.values()) {
            assertEquals(Optional.of(ec), TalerErrorCode.byCode(ec.code()), ec.name());
        }
    }

    @Test
    void byCodeOfUnknownNumbersIsEmpty() {
        assertTrue(TalerErrorCode.byCode(-1).isEmpty());
        assertTrue(TalerErrorCode.byCode(3).isEmpty());
        assertTrue(TalerErrorCode.byCode(10000).isEmpty());
        assertTrue(TalerErrorCode.byCode(Integer.MAX_VALUE).isEmpty());
        assertTrue(TalerErrorCode.byCode(Integer.MIN_VALUE).isEmpty());
    }

    @Test
    void toStringIsName() {
        for (TalerErrorCode ec : TalerErrorCode.values()) {
            assertEquals(ec.name(), ec.toString());
            assertFalse(ec.name().startsWith("TALER_EC_"));
        }
    }

    @Test
    void statusesAreZeroOrHttp() {
        for (TalerErrorCode ec : TalerErrorCode.values()) {
            int s = ec.httpStatus();
            assertTrue(s == 0 || (s >= 100 && s <= 599), ec.name() + " has status " + s);
        }
    }

    @Test
    void hintsAreNonBlankPrintableAscii() {
        for (TalerErrorCode ec : TalerErrorCode.values()) {
            assertFalse(ec.hint().isBlank(), ec.name());
            assertTrue(ec.hint().chars().allMatch(c -> c >= 0x20 && c < 0x7f), ec.name());
        }
    }

    /** Numbers and statuses checked by hand against the upstream registry. */
    @ParameterizedTest
    @CsvSource({
        "NONE, 0, 0",
        "INVALID, 1, 0",
        "GENERIC_METHOD_INVALID, 20, 405",
        "GENERIC_ENDPOINT_UNKNOWN, 21, 404",
        "GENERIC_JSON_INVALID, 22, 400",
        "GENERIC_PARAMETER_MALFORMED, 26, 400",
        "GENERIC_RESERVE_PUB_MALFORMED, 27, 400",
        "GENERIC_URI_TOO_LONG, 31, 414",
        "GENERIC_UPLOAD_EXCEEDS_LIMIT, 32, 413",
        "EXCHANGE_GENERIC_WRONG_NUMBER_OF_SEGMENTS, 1002, 404",
        "EXCHANGE_GENERIC_COIN_CONFLICTING_DENOMINATION_KEY, 1003, 409",
        "EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN, 1005, 404",
        "EXCHANGE_GENERIC_INSUFFICIENT_FUNDS, 1012, 409",
        "EXCHANGE_DENOMINATION_HELPER_TOO_EARLY, 1702, 400",
        "MERCHANT_POST_ORDERS_ID_PAY_INSUFFICIENT_FUNDS, 2150, 409",
        "WALLET_RECEIVED_MALFORMED_RESPONSE, 7002, 0",
        "END, 9999, 0",
    })
    void spotChecks(String name, int code, int status) {
        TalerErrorCode ec = TalerErrorCode.valueOf(name);
        assertEquals(code, ec.code());
        assertEquals(status, ec.httpStatus());
    }
}

package net.taler.common.amount;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Taler amount: a currency plus a non-negative fixed-point number with eight fractional
 * digits. Values are always normalised ({@code fraction < 10^8}) and never exceed
 * {@code 2^52} in the integer part, so every instance can be put into JSON, the database and
 * signed data without further checks; arithmetic throws {@link AmountException} instead of
 * saturating (the wallet saturates, the C exchange reports an error: we side with the
 * exchange).
 *
 * <p>The currency is kept exactly as written (the C exchange does the same and signs those
 * bytes), but currencies are compared case-insensitively in arithmetic and {@link #compare},
 * like {@code TALER_amount_cmp_currency}. The record's {@code equals} is exact.
 *
 * @param currency 1 to 11 characters out of {@code A-Z a-z 0-9 _ - *}
 * @param value    integer part, 0 to {@link #MAX_VALUE}
 * @param fraction fractional part in units of 10^-8, 0 to {@code FRACTION_BASE - 1}
 */
public record Amount(String currency, long value, int fraction) {

    /** Units of {@link #fraction()} per unit of {@link #value()}. */
    public static final int FRACTION_BASE = 100_000_000;
    /** Number of decimal digits of the fraction. */
    public static final int FRACTION_DIGITS = 8;
    /** Largest allowed {@link #value()}: 2^52 (the fraction may still be non-zero). */
    public static final long MAX_VALUE = 1L << 52;
    /** Longest currency name; the C exchange's buffer is 12 bytes including the NUL. */
    public static final int MAX_CURRENCY_LENGTH = 11;
    /** Size of the network-byte-order form ({@code TALER_AmountNBO}). */
    public static final int NBO_SIZE = 24;

    private static final int NBO_CURRENCY_SIZE = 12;
    private static final BigInteger BIG_BASE = BigInteger.valueOf(FRACTION_BASE);

    /** Validates all components. */
    public Amount {
        checkCurrency(currency);
        if (value < 0 || value > MAX_VALUE) {
            throw new AmountException("amount value " + Long.toUnsignedString(value)
                    + " out of range (0.." + MAX_VALUE + ")");
        }
        if (fraction < 0 || fraction >= FRACTION_BASE) {
            throw new AmountException("amount fraction " + Integer.toUnsignedString(fraction)
                    + " out of range (0.." + (FRACTION_BASE - 1) + ")");
        }
    }

    /** Zero in the given currency. */
    public static Amount zero(String currency) {
        return new Amount(currency, 0, 0);
    }

    /**
     * Builds an amount from a possibly non-normalised pair by moving whole units of the
     * fraction into the value (what the wallet does when it prints or adds such amounts).
     *
     * @throws AmountException if a part is negative or the result's value exceeds 2^52
     */
    public static Amount normalized(String currency, long value, long fraction) {
        if (value < 0 || fraction < 0) {
            throw new AmountException("negative amount component");
        }
        long carry = fraction / FRACTION_BASE;
        if (value > MAX_VALUE || carry > MAX_VALUE - value) {
            throw new AmountException("amount value exceeds " + MAX_VALUE);
        }
        return new Amount(currency, value + carry, (int) (fraction % FRACTION_BASE));
    }

    /**
     * Checks a currency name: 1 to 11 characters out of {@code A-Z a-z 0-9 _ - *}.
     *
     * @throws AmountException if the name is not acceptable
     */
    public static void checkCurrency(String currency) {
        if (currency == null || currency.isEmpty()) {
            throw new AmountException("amount currency missing");
        }
        if (currency.length() > MAX_CURRENCY_LENGTH) {
            throw new AmountException("currency '" + currency + "' longer than "
                    + MAX_CURRENCY_LENGTH + " characters");
        }
        for (int i = 0; i < currency.length(); i++) {
            char c = currency.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '-' || c == '*';
            if (!ok) {
                throw new AmountException("invalid character in currency '" + currency + "'");
            }
        }
    }

    /**
     * Parses {@code CUR:V[.F]} like the C exchange's {@code TALER_string_to_amount}: leading
     * white space is skipped, the currency is kept as written, {@code V} is one or more decimal
     * digits not exceeding 2^52, and an optional {@code .} must be followed by one to eight
     * digits. Nothing else (no sign, no trailing blanks) is allowed.
     *
     * @throws AmountException if the text is not a valid amount
     */
    public static Amount parse(String text) {
        if (text == null) {
            throw new AmountException("amount string missing");
        }
        int n = text.length();
        int i = 0;
        while (i < n && isCSpace(text.charAt(i))) {
            i++;
        }
        int colon = text.indexOf(':', i);
        if (colon < 0) {
            throw new AmountException("amount '" + text + "' lacks the ':' after the currency");
        }
        String currency = text.substring(i, colon);
        checkCurrency(currency);
        i = colon + 1;
        if (i == n) {
            throw new AmountException("amount '" + text + "' has no value");
        }
        long value = 0;
        int intDigits = 0;
        while (i < n && text.charAt(i) != '.') {
            int d = digit(text, i);
            if (value > (MAX_VALUE - d) / 10) {
                throw new AmountException("amount '" + text + "' exceeds the maximum value " + MAX_VALUE);
            }
            value = value * 10 + d;
            intDigits++;
            i++;
        }
        if (intDigits == 0) {
            throw new AmountException("amount '" + text + "' has no integer part");
        }
        int fraction = 0;
        if (i < n) {
            i++; // the dot
            if (i == n) {
                throw new AmountException("amount '" + text + "' ends with '.'");
            }
            int scale = FRACTION_BASE / 10;
            while (i < n) {
                if (scale == 0) {
                    throw new AmountException("amount '" + text + "' has more than "
                            + FRACTION_DIGITS + " fractional digits");
                }
                fraction += digit(text, i) * scale;
                scale /= 10;
                i++;
            }
        }
        return new Amount(currency, value, fraction);
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static int digit(String text, int i) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
            throw new AmountException("invalid character '" + c + "' in amount '" + text + "'");
        }
        return c - '0';
    }

    /**
     * {@code CUR:V} or {@code CUR:V.F} with the fraction's trailing zeros removed, exactly as
     * both the wallet and the C exchange print amounts.
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(currency.length() + 30);
        sb.append(currency).append(':').append(value);
        if (fraction != 0) {
            String digits = Integer.toString(FRACTION_BASE + fraction).substring(1);
            int end = digits.length();
            while (digits.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(digits, 0, end);
        }
        return sb.toString();
    }

    /** True if the other amount has the same currency (compared case-insensitively). */
    public boolean sameCurrency(Amount other) {
        return isCurrency(other.currency);
    }

    /** True if this amount is in the given currency (compared case-insensitively). */
    public boolean isCurrency(String name) {
        return currency.equalsIgnoreCase(name);
    }

    private void requireSameCurrency(Amount other, String op) {
        if (!sameCurrency(other)) {
            throw new AmountException("currency mismatch in " + op + ": " + currency + " vs " + other.currency);
        }
    }

    /** True for zero. */
    public boolean isZero() {
        return value == 0 && fraction == 0;
    }

    /**
     * Sum; the result carries this amount's currency spelling.
     *
     * @throws AmountException on currency mismatch or if the value would exceed 2^52
     */
    public Amount add(Amount other) {
        requireSameCurrency(other, "add");
        long v = value + other.value; // both <= 2^52, cannot overflow a long
        long f = (long) fraction + other.fraction;
        if (f >= FRACTION_BASE) {
            f -= FRACTION_BASE;
            v++;
        }
        if (v > MAX_VALUE) {
            throw new AmountException("amount overflow: " + this + " + " + other);
        }
        return new Amount(currency, v, (int) f);
    }

    /**
     * Difference; the result carries this amount's currency spelling.
     *
     * @throws AmountException on currency mismatch or if {@code other} is larger than this
     */
    public Amount subtract(Amount other) {
        requireSameCurrency(other, "subtract");
        long v = value - other.value;
        long f = (long) fraction - other.fraction;
        if (f < 0) {
            f += FRACTION_BASE;
            v--;
        }
        if (v < 0) {
            throw new AmountException("negative amount: " + this + " - " + other);
        }
        return new Amount(currency, v, (int) f);
    }

    /**
     * Exact product with a non-negative integer.
     *
     * @throws AmountException if the factor is negative or the value would exceed 2^52
     */
    public Amount multiply(long factor) {
        if (factor < 0) {
            throw new AmountException("negative factor " + factor);
        }
        return fromUnits(currency, units().multiply(BigInteger.valueOf(factor)));
    }

    /**
     * Quotient by a positive integer, rounded down to the smallest unit (10^-8), as both the
     * wallet and {@code TALER_amount_divide} do.
     *
     * @throws AmountException if the divisor is not positive
     */
    public Amount divide(long divisor) {
        if (divisor <= 0) {
            throw new AmountException("divisor must be positive, got " + divisor);
        }
        return fromUnits(currency, units().divide(BigInteger.valueOf(divisor)));
    }

    /**
     * Rounds down to a multiple of {@code unit} (the exchange's {@code CURRENCY_ROUND_UNIT},
     * applied to wire transfers). A zero unit means "no rounding". Like
     * {@code TALER_amount_round_down}, a unit with both a non-zero value and a non-zero fraction
     * is refused. For the usual units ({@code CUR:0.01}, {@code CUR:1}, ...) the result equals the
     * C exchange's; for odd units the result here is always a true multiple of the unit,
     * whereas C only reduces the fraction modulo a fractional unit and leaves a fraction
     * untouched when the value is already a multiple of an integral unit.
     *
     * @throws AmountException on currency mismatch or a unit with value and fraction both set
     */
    public Amount round(Amount unit) {
        requireSameCurrency(unit, "round");
        if (unit.isZero()) {
            return this;
        }
        if (unit.value != 0 && unit.fraction != 0) {
            throw new AmountException("round unit " + unit + " must be a whole number or a pure fraction");
        }
        BigInteger u = unit.units();
        BigInteger mine = units();
        return fromUnits(currency, mine.subtract(mine.mod(u)));
    }

    /**
     * Orders two amounts of the same currency.
     *
     * @return negative, zero or positive (exactly -1, 0 or 1) as this is less than, equal to or
     *         greater than {@code other}
     * @throws AmountException on currency mismatch
     */
    public int compare(Amount other) {
        requireSameCurrency(other, "compare");
        int c = Long.compare(value, other.value);
        if (c == 0) {
            c = Integer.compare(fraction, other.fraction);
        }
        return Integer.signum(c);
    }

    /**
     * The 24-byte {@code TALER_AmountNBO} used inside signed data: u64 value, u32 fraction
     * (both big-endian), currency as ASCII padded with NUL bytes to 12 bytes.
     */
    public byte[] toNbo() {
        ByteBuffer b = ByteBuffer.allocate(NBO_SIZE);
        b.putLong(value);
        b.putInt(fraction);
        b.put(currency.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    /**
     * Reads a {@code TALER_AmountNBO}. The currency must be NUL-terminated within its 12 bytes
     * and NUL-padded; the amount must be normalised and within range.
     *
     * @throws AmountException if the bytes do not describe a valid amount
     */
    public static Amount fromNbo(byte[] nbo) {
        if (nbo == null || nbo.length != NBO_SIZE) {
            throw new AmountException("amount NBO must be " + NBO_SIZE + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(nbo);
        long value = b.getLong();
        int fraction = b.getInt();
        int start = 12;
        int len = 0;
        while (len < NBO_CURRENCY_SIZE && nbo[start + len] != 0) {
            len++;
        }
        if (len == NBO_CURRENCY_SIZE) {
            throw new AmountException("amount NBO currency is not NUL-terminated");
        }
        for (int i = start + len; i < NBO_SIZE; i++) {
            if (nbo[i] != 0) {
                throw new AmountException("amount NBO currency padding is not all NUL");
            }
        }
        String currency = new String(nbo, start, len, StandardCharsets.US_ASCII);
        return new Amount(currency, value, fraction);
    }

    private BigInteger units() {
        return BigInteger.valueOf(value).multiply(BIG_BASE).add(BigInteger.valueOf(fraction));
    }

    private static Amount fromUnits(String currency, BigInteger units) {
        BigInteger[] qr = units.divideAndRemainder(BIG_BASE);
        if (qr[0].compareTo(BigInteger.valueOf(MAX_VALUE)) > 0) {
            throw new AmountException("amount overflow: value exceeds " + MAX_VALUE);
        }
        return new Amount(currency, qr[0].longValueExact(), qr[1].intValueExact());
    }
}

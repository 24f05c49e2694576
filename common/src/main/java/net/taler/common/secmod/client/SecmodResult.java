package net.taler.common.secmod.client;

import java.util.Objects;

import net.taler.common.error.TalerErrorCode;

/**
 * The helper's answer to one request: a value, or the Taler error code it refused with
 * (e.g. {@code EXCHANGE_GENERIC_DENOMINATION_KEY_UNKNOWN},
 * {@code EXCHANGE_DENOMINATION_HELPER_TOO_EARLY}, {@code EXCHANGE_GENERIC_KEYS_MISSING}).
 *
 * @param <T> the value type
 */
public final class SecmodResult<T> {
    private final T value;
    private final int errorCode;

    private SecmodResult(T value, int errorCode) {
        this.value = value;
        this.errorCode = errorCode;
    }

    public static <T> SecmodResult<T> ok(T value) {
        return new SecmodResult<>(Objects.requireNonNull(value, "value"), 0);
    }

    public static <T> SecmodResult<T> failure(int errorCode) {
        return new SecmodResult<>(null, errorCode);
    }

    public boolean isOk() {
        return value != null;
    }

    /**
     * The value.
     *
     * @throws IllegalStateException if the helper refused
     */
    public T value() {
        if (value == null) {
            throw new IllegalStateException("helper refused: " + error() + " (" + errorCode + ")");
        }
        return value;
    }

    /** The numeric error code ({@code 0} on success). */
    public int errorCode() {
        return errorCode;
    }

    /** The error code as a constant ({@code NONE} on success, {@code INVALID} if unknown). */
    public TalerErrorCode error() {
        return TalerErrorCode.byCode(errorCode).orElse(TalerErrorCode.INVALID);
    }

    @Override
    public String toString() {
        return isOk() ? "ok(" + value + ")" : "failure(" + error() + ")";
    }
}

package net.taler.db.conn;

/**
 * A status code returned by a stored procedure ({@code out_status}). The integer codes are the
 * contract with the SQL function (each function's comment names the enum it returns), so enums
 * implementing this give every constant an explicit code instead of relying on declaration
 * order.
 */
public interface ProcedureStatus {
    /** The {@code out_status} value of this outcome. */
    int code();

    /**
     * The constant of {@code type} with {@code code}.
     *
     * @throws IllegalStateException if the function returned a code the enum does not know
     *     (the SQL and Java sides disagree; a deployment error, not a client error)
     */
    static <E extends Enum<E> & ProcedureStatus> E fromCode(Class<E> type, int code) {
        for (E e : type.getEnumConstants()) {
            if (e.code() == code) {
                return e;
            }
        }
        throw new IllegalStateException("stored procedure returned unknown status code " + code + " for "
                + type.getSimpleName());
    }
}

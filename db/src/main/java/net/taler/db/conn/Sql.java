package net.taler.db.conn;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import net.taler.common.amount.Amount;
import net.taler.common.crypto.FixedBytes;
import net.taler.common.time.Timestamp;

/** Small JDBC helpers for the column conventions (amount = _val/_frac, time = INT8 µs). */
public final class Sql {
    private Sql() {
    }

    /** Sets two parameters (val, frac) starting at {@code index}; returns the next index. */
    public static int setAmount(PreparedStatement ps, int index, Amount a) throws SQLException {
        ps.setLong(index, a.value());
        ps.setInt(index + 1, a.fraction());
        return index + 2;
    }

    public static Amount amount(ResultSet rs, String prefix, String currency) throws SQLException {
        return new Amount(currency, rs.getLong(prefix + "_val"), rs.getInt(prefix + "_frac"));
    }

    public static void setTime(PreparedStatement ps, int index, Timestamp t) throws SQLException {
        ps.setLong(index, t.toDbMicros());
    }

    public static Timestamp time(ResultSet rs, String column) throws SQLException {
        return Timestamp.fromDbMicros(rs.getLong(column));
    }

    public static void setBytes(PreparedStatement ps, int index, FixedBytes b) throws SQLException {
        ps.setBytes(index, b == null ? null : b.bytes());
    }

    /** Checks that an amount is in the exchange currency (money never crosses currencies). */
    public static Amount requireCurrency(Amount a, String currency) {
        if (!a.isCurrency(currency)) {
            throw new IllegalArgumentException("amount " + a + " is not in currency " + currency);
        }
        return a;
    }
}

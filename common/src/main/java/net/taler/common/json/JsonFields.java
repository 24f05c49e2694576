package net.taler.common.json;

import java.util.Locale;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.taler.common.amount.Amount;
import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.TalerJson;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * Typed access to the fields of a JSON request body. A missing or malformed field is a 400
 * {@code GENERIC_JSON_INVALID} reply naming the {@code field} (exchange-api.md 1.3); amounts in
 * another currency than the exchange's fail the same way (1.1).
 */
public final class JsonFields {
    private static final ObjectMapper MAPPER = TalerJson.mapper();

    private final JsonNode node;
    private final String currency;

    /** {@code currency}: the only currency amounts may have (null: any). */
    public JsonFields(JsonNode node, String currency) {
        this.node = node;
        this.currency = currency;
    }

    public JsonNode node() {
        return node;
    }

    /** A nested object, also checked field by field. */
    public JsonFields object(String name) {
        JsonNode v = require(name);
        if (!v.isObject()) {
            throw invalid(name, "object expected");
        }
        return new JsonFields(v, currency);
    }

    /** An array field. */
    public JsonNode array(String name) {
        JsonNode v = require(name);
        if (!v.isArray()) {
            throw invalid(name, "array expected");
        }
        return v;
    }

    public String string(String name) {
        JsonNode v = require(name);
        if (!v.isTextual()) {
            throw invalid(name, "string expected");
        }
        return v.textValue();
    }

    /** A non-negative JSON integer that fits {@code max}. */
    public long integer(String name, long max) {
        JsonNode v = require(name);
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0 || v.longValue() > max) {
            throw invalid(name, "integer in [0," + max + "] expected");
        }
        return v.longValue();
    }

    /** A base32 field decoded by {@code decoder} (which throws on a wrong size or alphabet). */
    public <T> T base32(String name, Function<String, T> decoder) {
        String s = string(name);
        try {
            return decoder.apply(s);
        } catch (RuntimeException e) {
            throw invalid(name, "malformed base32 value");
        }
    }

    public Amount amount(String name) {
        Amount a = typed(name, Amount.class, "amount \"CURRENCY:VALUE.FRACTION\" expected");
        if (currency != null && !a.currency().toUpperCase(Locale.ROOT).equals(currency.toUpperCase(Locale.ROOT))) {
            throw invalid(name, "currency must be " + currency);
        }
        return a;
    }

    public Timestamp timestamp(String name) {
        return typed(name, Timestamp.class, "timestamp {\"t_s\": seconds or \"never\"} expected");
    }

    public RelativeTime relativeTime(String name) {
        return typed(name, RelativeTime.class,
                "relative time {\"d_us\": microseconds or \"forever\"} expected");
    }

    /** {@code expected}: the protocol's shape of the value, in the client's terms (not our class name). */
    private <T> T typed(String name, Class<T> type, String expected) {
        JsonNode v = require(name);
        T t;
        try {
            t = MAPPER.treeToValue(v, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
            throw invalid(name, expected);
        }
        if (t == null) {
            throw invalid(name, expected);
        }
        return t;
    }

    private JsonNode require(String name) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull() || v.isMissingNode()) {
            throw invalid(name, "missing field");
        }
        return v;
    }

    /** The 400 error for a bad field. */
    public static TalerErrorException invalid(String field, String detail) {
        return new TalerErrorException(TalerErrorCode.GENERIC_JSON_INVALID, field + ": " + detail)
                .withHttpStatus(400).withField("field", field);
    }
}

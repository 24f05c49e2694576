package net.taler.common.json;

import java.io.IOException;
import java.math.BigInteger;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import net.taler.common.time.RelativeTime;
import net.taler.common.time.Timestamp;

/**
 * JSON forms of {@link Timestamp} and {@link RelativeTime} (Dec 2022 protocol, GNUnet 0.19
 * {@code json_helper.c}).
 *
 * <p>Timestamp: {@code {"t_s": <non-negative integer seconds>}} or {@code {"t_s": "never"}}
 * ("never" compared case-insensitively, like C's {@code strcasecmp}). Other members of the
 * object are ignored, like in C. Rejected: anything that is not an object, a missing
 * {@code t_s}, a real number ({@code 1.5} and also {@code 1.0}: C's {@code json_is_integer}),
 * negative numbers, values whose microsecond count does not fit 63 bits, and any other string.
 * The legacy 0.8 form {@code {"t_ms": ...}} is <em>rejected</em> with a specific message: the
 * Dec 2022 C exchange does not accept it either, and the Dec 2022 wallet only ever sends
 * {@code t_s} (it can still read {@code t_ms}, but we never emit it). On output, a timestamp
 * that is not a whole second is rounded down, as the C side does before signing.
 *
 * <p>Relative time: {@code {"d_us": <integer microseconds>}} or {@code {"d_us": "forever"}}.
 * Values must be below 2^53 (GNUnet's {@code parse_rel_time} check, and what a JavaScript
 * wallet can represent); {@code {"d_ms": ...}} (0.8) is rejected.
 */
final class TimeJson {
    private static final long MAX_RELATIVE_MICROS = (1L << 53) - 1;

    private TimeJson() {
    }

    static final class TimestampSerializer extends StdSerializer<Timestamp> {
        TimestampSerializer() {
            super(Timestamp.class);
        }

        @Override
        public void serialize(Timestamp value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeStartObject(value);
            if (value.isNever()) {
                gen.writeStringField("t_s", "never");
            } else {
                gen.writeNumberField("t_s", value.seconds());
            }
            gen.writeEndObject();
        }
    }

    static final class RelativeTimeSerializer extends StdSerializer<RelativeTime> {
        RelativeTimeSerializer() {
            super(RelativeTime.class);
        }

        @Override
        public void serialize(RelativeTime value, JsonGenerator gen, SerializerProvider provider)
                throws IOException {
            gen.writeStartObject(value);
            if (value.isForever()) {
                gen.writeStringField("d_us", "forever");
            } else {
                gen.writeNumberField("d_us", value.micros());
            }
            gen.writeEndObject();
        }
    }

    static final class TimestampDeserializer extends StdDeserializer<Timestamp> {
        TimestampDeserializer() {
            super(Timestamp.class);
        }

        @Override
        public Timestamp deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode obj = readObject(p, ctxt, this, "timestamp", "{\"t_s\": <seconds>} or {\"t_s\": \"never\"}");
            JsonNode ts = obj.get("t_s");
            if (ts == null) {
                String hint = obj.has("t_ms")
                        ? " (the legacy {\"t_ms\": ...} form is not supported; use t_s in seconds)"
                        : "";
                return ctxt.reportInputMismatch(this, "timestamp object lacks \"t_s\"%s", hint);
            }
            if (ts.isTextual()) {
                if (ts.textValue().equalsIgnoreCase("never")) {
                    return Timestamp.NEVER;
                }
                return ctxt.reportInputMismatch(this,
                        "timestamp \"t_s\" must be an integer number of seconds or \"never\", got a string");
            }
            long seconds = nonNegativeInteger(ts, ctxt, this, "timestamp \"t_s\"");
            try {
                return Timestamp.ofSeconds(seconds);
            } catch (IllegalArgumentException e) {
                return ctxt.reportInputMismatch(this, "timestamp \"t_s\" out of range: %s", e.getMessage());
            }
        }
    }

    static final class RelativeTimeDeserializer extends StdDeserializer<RelativeTime> {
        RelativeTimeDeserializer() {
            super(RelativeTime.class);
        }

        @Override
        public RelativeTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode obj = readObject(p, ctxt, this, "relative time",
                    "{\"d_us\": <microseconds>} or {\"d_us\": \"forever\"}");
            JsonNode us = obj.get("d_us");
            if (us == null) {
                String hint = obj.has("d_ms")
                        ? " (the legacy {\"d_ms\": ...} form is not supported; use d_us in microseconds)"
                        : "";
                return ctxt.reportInputMismatch(this, "relative time object lacks \"d_us\"%s", hint);
            }
            if (us.isTextual()) {
                if (us.textValue().equalsIgnoreCase("forever")) {
                    return RelativeTime.FOREVER;
                }
                return ctxt.reportInputMismatch(this,
                        "relative time \"d_us\" must be an integer number of microseconds or \"forever\","
                                + " got a string");
            }
            long micros = nonNegativeInteger(us, ctxt, this, "relative time \"d_us\"");
            if (micros > MAX_RELATIVE_MICROS) {
                return ctxt.reportInputMismatch(this, "relative time \"d_us\" must be below 2^53, got %d", micros);
            }
            return RelativeTime.ofMicros(micros);
        }
    }

    private static JsonNode readObject(JsonParser p, DeserializationContext ctxt, StdDeserializer<?> src,
            String what, String shape) throws IOException {
        if (!p.hasToken(JsonToken.START_OBJECT) && !p.hasToken(JsonToken.FIELD_NAME)) {
            return ctxt.reportInputMismatch(src, "%s must be a JSON object %s, got %s", what, shape,
                    p.currentToken());
        }
        return ctxt.readTree(p);
    }

    private static long nonNegativeInteger(JsonNode n, DeserializationContext ctxt, StdDeserializer<?> src,
            String what) throws IOException {
        if (!n.isIntegralNumber()) {
            String got = n.isNumber() ? "a real number" : n.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
            return ctxt.reportInputMismatch(src, "%s must be an integer, got %s", what, got);
        }
        if (!n.canConvertToLong()) {
            BigInteger big = n.bigIntegerValue();
            return ctxt.reportInputMismatch(src, "%s out of range: %s", what,
                    big.signum() < 0 ? "negative" : "too large");
        }
        long v = n.longValue();
        if (v < 0) {
            return ctxt.reportInputMismatch(src, "%s must not be negative, got %d", what, v);
        }
        return v;
    }
}

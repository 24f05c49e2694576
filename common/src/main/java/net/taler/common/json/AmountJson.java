package net.taler.common.json;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import net.taler.common.amount.Amount;
import net.taler.common.amount.AmountException;

/**
 * JSON form of {@link Amount}: the string {@code "CUR:V[.F]"} (operations.md 1.5), parsed
 * like the C exchange's {@code TALER_string_to_amount} via {@link Amount#parse}. Whether the
 * currency is the exchange's own is for the caller to check (it is configuration).
 */
final class AmountJson {
    /**
     * Longest string we even try to parse. A maximal amount is 37 characters (11 currency,
     * ':', 16 digits, '.', 8 digits); C also skips leading white space, so allow some slack,
     * but keep error messages (which quote the input) short.
     */
    static final int MAX_TEXT_LENGTH = 100;

    private AmountJson() {
    }

    static final class Serializer extends StdSerializer<Amount> {
        Serializer() {
            super(Amount.class);
        }

        @Override
        public void serialize(Amount value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeString(value.toString());
        }
    }

    static final class Deserializer extends StdScalarDeserializer<Amount> {
        Deserializer() {
            super(Amount.class);
        }

        @Override
        public Amount deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                return ctxt.reportInputMismatch(this,
                        "amount must be a JSON string \"CUR:VALUE[.FRACTION]\", got %s", p.currentToken());
            }
            return parse(p.getText(), ctxt);
        }

        static Amount parse(String text, DeserializationContext ctxt) throws IOException {
            if (text.length() > MAX_TEXT_LENGTH) {
                throw ctxt.weirdStringException(text.substring(0, 40) + "...", Amount.class,
                        "amount string longer than " + MAX_TEXT_LENGTH + " characters");
            }
            try {
                return Amount.parse(text);
            } catch (AmountException e) {
                throw ctxt.weirdStringException(text, Amount.class, e.getMessage());
            }
        }
    }
}

package net.taler.common.management;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.taler.common.error.TalerErrorCode;
import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;
import net.taler.common.json.TalerJson;
import net.taler.common.time.Timestamp;
import net.taler.common.payto.Payto;

/** Building blocks shared by the codecs of this package. */
final class Json {
    static final ObjectMapper MAPPER = TalerJson.mapper();

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** A value in its Taler JSON form (amounts, timestamps, relative times). */
    static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A fee period must end after it starts and not start at "never" (400 naming {@code fee_end}). */
    static void requirePeriod(Timestamp start, Timestamp end) {
        if (!start.isBefore(end) || start.isNever()) {
            throw JsonFields.invalid("fee_end", "the fee period must end after it starts");
        }
    }

    /** The payto URI of {@code field}, or the 400 the httpd answers for a malformed one. */
    static String payto(String field, String payto) {
        var problem = Payto.validate(payto);
        if (problem.isPresent()) {
            throw new TalerErrorException(TalerErrorCode.GENERIC_PAYTO_URI_MALFORMED, problem.get())
                    .withField("field", field);
        }
        return payto;
    }
}

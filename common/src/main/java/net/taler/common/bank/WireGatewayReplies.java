package net.taler.common.bank;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import net.taler.common.amount.Amount;
import net.taler.common.crypto.EddsaPublicKey;
import net.taler.common.crypto.WireTransferId;
import net.taler.common.encoding.Crockford;
import net.taler.common.json.TalerJson;
import net.taler.common.payto.Payto;
import net.taler.common.time.Timestamp;

/**
 * Strict parsing of Wire Gateway answers: every field present with the right type, amounts in
 * the expected currency, keys of the right size, and history rows in the order and number the
 * request asked for. Anything else is an {@link WireGatewayException.Kind#INVALID_REPLY}.
 */
final class WireGatewayReplies {
    private static final ObjectMapper MAPPER = TalerJson.mapper();
    /** Longest hint we keep from an error body (the rest is noise in a log line). */
    static final int MAX_HINT = 256;
    /** Longest exchange base URL accepted in outgoing history. */
    static final int MAX_URL = 1024;

    private final String what;
    private final int status;
    private final String currency;

    private WireGatewayReplies(String what, int status, String currency) {
        this.what = what;
        this.status = status;
        this.currency = currency;
    }

    /** A parsing context for a reply to request {@code what} with HTTP {@code status}. */
    static WireGatewayReplies of(String what, int status, String currency) {
        return new WireGatewayReplies(what, status, currency);
    }

    /** Bad field {@code field}: the exception to throw. */
    private WireGatewayException bad(String field, String detail) {
        return WireGatewayException.invalidReply(what, status, "field '" + field + "': " + detail, null);
    }

    JsonNode parse(byte[] body) throws WireGatewayException {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null || !n.isObject()) {
                throw WireGatewayException.invalidReply(what, status, "body is not a JSON object", null);
            }
            return n;
        } catch (IOException e) {
            throw WireGatewayException.invalidReply(what, status, "body is not valid JSON: " + firstLine(e), e);
        }
    }

    private static String firstLine(Exception e) {
        String m = e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage();
        if (m == null) {
            return e.toString();
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /** The {@code code} and {@code hint} of an error body; code 0 / null hint when absent or unparsable. */
    static int errorCode(byte[] body) {
        JsonNode n = errorTree(body);
        JsonNode c = n == null ? null : n.get("code");
        return c != null && c.canConvertToInt() && c.isIntegralNumber() && c.asInt() >= 0 ? c.asInt() : 0;
    }

    static String errorHint(byte[] body) {
        JsonNode n = errorTree(body);
        JsonNode h = n == null ? null : n.get("hint");
        if (h == null || !h.isTextual()) {
            return null;
        }
        String s = h.asText();
        return s.length() > MAX_HINT ? s.substring(0, MAX_HINT) + "..." : s;
    }

    private static JsonNode errorTree(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode n = MAPPER.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null; // an HTML error page from a proxy: no Taler code
        }
    }

    long rowId(JsonNode obj, String field) throws WireGatewayException {
        JsonNode n = obj.get(field);
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            throw bad(field, "missing or not an integer");
        }
        long v = n.asLong();
        if (v <= 0) {
            throw bad(field, "row id must be positive");
        }
        return v;
    }

    Timestamp timestamp(JsonNode obj, String field) throws WireGatewayException {
        JsonNode n = obj.get(field);
        if (n == null || !n.isObject()) {
            throw bad(field, "missing or not a timestamp object");
        }
        Timestamp t;
        try {
            t = MAPPER.treeToValue(n, Timestamp.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw bad(field, firstLine(e));
        }
        if (t == null || t.isNever()) {
            throw bad(field, "a bank transaction cannot happen 'never'");
        }
        return t;
    }

    Amount amount(JsonNode obj, String field) throws WireGatewayException {
        String s = text(obj, field, 64);
        Amount a;
        try {
            a = Amount.parse(s);
        } catch (IllegalArgumentException e) {
            throw bad(field, "malformed amount: " + e.getMessage());
        }
        if (currency != null && !a.isCurrency(currency)) {
            throw bad(field, "currency " + a.currency() + " differs from the expected " + currency);
        }
        return a;
    }

    String payto(JsonNode obj, String field) throws WireGatewayException {
        String s = text(obj, field, Payto.MAX_LENGTH);
        // banks put account holder names with any characters into the query part, so only the
        // scheme is checked here; the exchange stores the URI as an opaque string
        if (!s.regionMatches(true, 0, "payto://", 0, 8) || s.length() == 8) {
            throw bad(field, "not a payto:// URI");
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 0x20 || s.charAt(i) == 0x7f) {
                throw bad(field, "control character in payto URI");
            }
        }
        return s;
    }

    String text(JsonNode obj, String field, int maxLength) throws WireGatewayException {
        JsonNode n = obj.get(field);
        if (n == null || !n.isTextual()) {
            throw bad(field, "missing or not a string");
        }
        String s = n.asText();
        if (s.length() > maxLength) {
            throw bad(field, "longer than " + maxLength + " characters");
        }
        return s;
    }

    byte[] base32(JsonNode obj, String field, int size) throws WireGatewayException {
        String s = text(obj, field, Crockford.encodedLength(size) + 1);
        try {
            return Crockford.decodeFixed(s, size);
        } catch (IllegalArgumentException e) {
            throw bad(field, "not base32 of " + size + " bytes");
        }
    }

    /** {@code {"row_id", "timestamp"}} of transfer and add-incoming. */
    TransferResult transferResult(byte[] body) throws WireGatewayException {
        JsonNode n = parse(body);
        return new TransferResult(rowId(n, "row_id"), timestamp(n, "timestamp"));
    }

    /** The entries array {@code field} of a history reply, checked against the request. */
    private List<JsonNode> entries(byte[] body, String field, long start, int delta) throws WireGatewayException {
        JsonNode n = parse(body);
        JsonNode arr = n.get(field);
        if (arr == null || !arr.isArray()) {
            throw bad(field, "missing or not an array");
        }
        long max = Math.abs((long) delta);
        if (arr.size() > max) {
            throw bad(field, arr.size() + " entries, but at most " + max + " were requested");
        }
        List<JsonNode> out = new ArrayList<>(arr.size());
        for (JsonNode e : arr) {
            if (!e.isObject()) {
                throw bad(field, "entry is not an object");
            }
            out.add(e);
        }
        return out;
    }

    /**
     * Row order: ascending and after {@code start} for a positive delta, descending and before
     * {@code start} (if given) for a negative one; strictly, since the bank's row ids are unique.
     */
    private void checkOrder(long prev, long row, int index, long start, int delta) throws WireGatewayException {
        if (delta > 0) {
            if (row <= start) {
                throw bad("row_id", "entry " + index + " has row id " + row + ", not after the requested start " + start);
            }
            if (index > 0 && row <= prev) {
                throw bad("row_id", "row ids not strictly increasing (" + prev + " then " + row + ")");
            }
        } else {
            if (start > 0 && row >= start) {
                throw bad("row_id", "entry " + index + " has row id " + row + ", not before the requested start " + start);
            }
            if (index > 0 && row >= prev) {
                throw bad("row_id", "row ids not strictly decreasing (" + prev + " then " + row + ")");
            }
        }
    }

    List<IncomingTransaction> incoming(byte[] body, long start, int delta) throws WireGatewayException {
        List<JsonNode> entries = entries(body, "incoming_transactions", start, delta);
        List<IncomingTransaction> out = new ArrayList<>(entries.size());
        long prev = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            long row = rowId(e, "row_id");
            checkOrder(prev, row, i, start, delta);
            prev = row;
            out.add(new IncomingTransaction(row, timestamp(e, "date"), amount(e, "amount"),
                    payto(e, "debit_account"), payto(e, "credit_account"),
                    new EddsaPublicKey(base32(e, "reserve_pub", EddsaPublicKey.SIZE))));
        }
        return out;
    }

    List<OutgoingTransaction> outgoing(byte[] body, long start, int delta) throws WireGatewayException {
        List<JsonNode> entries = entries(body, "outgoing_transactions", start, delta);
        List<OutgoingTransaction> out = new ArrayList<>(entries.size());
        long prev = 0;
        for (int i = 0; i < entries.size(); i++) {
            JsonNode e = entries.get(i);
            long row = rowId(e, "row_id");
            checkOrder(prev, row, i, start, delta);
            prev = row;
            out.add(new OutgoingTransaction(row, timestamp(e, "date"), amount(e, "amount"),
                    payto(e, "debit_account"), payto(e, "credit_account"), text(e, "exchange_base_url", MAX_URL),
                    new WireTransferId(base32(e, "wtid", WireTransferId.SIZE))));
        }
        return out;
    }
}

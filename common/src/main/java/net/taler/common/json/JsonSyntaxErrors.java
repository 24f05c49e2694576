package net.taler.common.json;

import java.io.CharConversionException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * Says what is wrong with a JSON text a client sent, in the client's terms. Jackson's own
 * messages name its classes, feature switches and input sources ("enable
 * {@code JsonReadFeature.ALLOW_...}", "{@code StreamReadConstraints.getMaxNestingDepth()}"),
 * which tell a client nothing and an attacker which parser runs; replies use this text instead.
 * Only the position and, for a duplicate key, the key are taken from the parser.
 */
public final class JsonSyntaxErrors {
    /** Longest key quoted back in a reply (keys may be up to {@link TalerJson#MAX_NAME_LENGTH}). */
    private static final int MAX_QUOTED_KEY = 64;
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.*?)'(?: for .*)?$", Pattern.DOTALL);

    /** Jackson message prefix → our wording; first match wins, unknown messages get the generic text. */
    private record Rule(String prefix, String text) {
    }

    private static final List<Rule> PARSE_RULES = List.of(
            new Rule("Unexpected end-of-input", "the JSON text ends early"),
            new Rule("Non-standard token", "NaN and Infinity are not JSON numbers"),
            new Rule("Invalid numeric value", "malformed number"),
            new Rule("Illegal unquoted character", "control characters in strings must be escaped"),
            new Rule("Unrecognized character escape", "invalid escape sequence in a string"),
            new Rule("Unexpected character", "unexpected character"),
            new Rule("Unrecognized token", "unrecognized token (a JSON value was expected)"),
            new Rule("Invalid UTF-8", "the text is not valid UTF-8"),
            new Rule("Trailing token", "data after the JSON value"));

    private static final List<Rule> LIMIT_RULES = List.of(
            new Rule("Document nesting depth", "nested deeper than " + TalerJson.MAX_NESTING_DEPTH + " levels"),
            new Rule("Number value length", "number longer than " + TalerJson.MAX_NUMBER_LENGTH + " characters"),
            new Rule("String value length", "string longer than " + TalerJson.MAX_STRING_LENGTH + " characters"),
            new Rule("Name length", "object key longer than " + TalerJson.MAX_NAME_LENGTH + " characters"),
            new Rule("Document length", "JSON text longer than " + TalerJson.MAX_DOCUMENT_LENGTH + " bytes"));

    private JsonSyntaxErrors() {
    }

    /**
     * What is wrong with the text, with its position when the parser knows it (for example
     * {@code duplicate key "a" (line 3, column 5)}).
     */
    public static String describe(IOException e) {
        String what = what(e);
        JsonLocation loc = e instanceof JsonProcessingException jp ? jp.getLocation() : null;
        if (loc != null && loc.getLineNr() > 0) {
            what += " (line " + loc.getLineNr() + (loc.getColumnNr() > 0 ? ", column " + loc.getColumnNr() : "") + ")";
        }
        return what;
    }

    /** The line of the failure, or 0 if unknown. */
    public static int line(IOException e) {
        JsonLocation loc = e instanceof JsonProcessingException jp ? jp.getLocation() : null;
        return loc == null ? 0 : Math.max(0, loc.getLineNr());
    }

    private static String what(IOException e) {
        if (e instanceof JsonEOFException) {
            return "the JSON text ends early";
        }
        if (e instanceof CharConversionException) {
            return "the text is not valid UTF-8";
        }
        if (!(e instanceof JsonProcessingException jp)) {
            return "unreadable JSON text";
        }
        String m = jp.getOriginalMessage() == null ? "" : jp.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            return match(LIMIT_RULES, m, "JSON text exceeds a size limit");
        }
        Matcher dup = DUPLICATE.matcher(m);
        if (dup.matches()) {
            String key = dup.group(1);
            return "duplicate key \"" + (key.length() > MAX_QUOTED_KEY ? key.substring(0, MAX_QUOTED_KEY) + "…" : key)
                    + "\"";
        }
        return match(PARSE_RULES, m, "malformed JSON");
    }

    private static String match(List<Rule> rules, String message, String otherwise) {
        String lower = message.toLowerCase(Locale.ROOT);
        for (Rule r : rules) {
            if (lower.startsWith(r.prefix().toLowerCase(Locale.ROOT))) {
                return r.text();
            }
        }
        return otherwise;
    }
}

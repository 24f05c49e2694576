package net.taler.fakebank;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import net.taler.common.error.TalerErrorException;
import net.taler.common.json.JsonFields;

/** Account names and their {@code x-taler-bank} payto URIs (wire-gateway.md 3.1). */
final class Accounts {
    /** Longest accepted account name. */
    static final int MAX_NAME_LENGTH = 128;
    private static final String SCHEME = "payto://";
    private static final String METHOD = "x-taler-bank";

    private Accounts() {
    }

    /** {@code payto://x-taler-bank/<hostname>/<name>?receiver-name=<name>}. */
    static String payto(String hostname, String name) {
        return SCHEME + METHOD + "/" + hostname + "/" + name + "?receiver-name="
                + URLEncoder.encode(name, StandardCharsets.UTF_8);
    }

    /** True for names we accept: 1 to 128 printable characters without URL delimiters. */
    static boolean validName(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '/' || c == '?' || c == '#' || c == '%' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    /**
     * The account a payto URI names: the path segment after the host, any {@code ?…} dropped.
     * Only {@code payto://x-taler-bank/…} is accepted.
     *
     * @throws TalerErrorException 400 naming {@code field} if the URI is not acceptable
     */
    static String fromPayto(String uri, String field) {
        if (uri.length() > 1024 || !uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw JsonFields.invalid(field, "payto://x-taler-bank/HOST/ACCOUNT expected");
        }
        String rest = uri.substring(SCHEME.length());
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        String[] parts = rest.split("/", -1);
        if (parts.length < 3 || !parts[0].toLowerCase(Locale.ROOT).equals(METHOD) || parts[1].isEmpty()) {
            throw JsonFields.invalid(field, "payto://x-taler-bank/HOST/ACCOUNT expected");
        }
        String name = parts[2];
        if (!validName(name)) {
            throw JsonFields.invalid(field, "payto URI has no valid account name");
        }
        return name;
    }
}

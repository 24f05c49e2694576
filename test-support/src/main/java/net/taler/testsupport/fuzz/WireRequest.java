package net.taler.testsupport.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * The exact bytes of one fuzz request.
 *
 * @param example     the example it was derived from
 * @param mutation    what was changed, for the report
 * @param bytes       what is written to the socket
 * @param method      the request's method, if it still has a recognisable one (HEAD replies have no body)
 * @param expectCodes Taler codes the reply must have if it is an error (empty: any registered code)
 * @param mayHang     the request lies about its length: the server may wait for the rest, so the
 *                    client half-closes and a missing reply is no failure
 */
public record WireRequest(Example example, String mutation, byte[] bytes, String method, Set<Integer> expectCodes,
        boolean mayHang) {

    /** The request, printable: non-ASCII and control bytes as {@code \xNN}, long bodies cut. */
    public String printable(int max) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < bytes.length && sb.length() < max; i++) {
            int b = bytes[i] & 0xff;
            if (b == '\n') {
                sb.append("\\n\n");
            } else if (b == '\r') {
                sb.append("\\r");
            } else if (b >= 0x20 && b < 0x7f && b != '\\') {
                sb.append((char) b);
            } else {
                sb.append(String.format("\\x%02x", b));
            }
        }
        if (sb.length() >= max) {
            sb.append("… (").append(bytes.length).append(" bytes in all)");
        }
        return sb.toString();
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}

package net.taler.httpd.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import net.taler.common.encoding.Crockford;
import net.taler.common.error.TalerErrorCode;
import net.taler.httpd.testkit.ExchangeKit;
import net.taler.testsupport.wallet.ApiResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Issue 14, defect 6: error details say what is wrong in the client's terms, not our internals. */
class ErrorDetailTest {
    @RegisterExtension
    static final ExchangeKit EXCHANGE = ExchangeKit.shared();

    private static final String INTERNALS = "(?is).*(exception|java\\.|jackson|net\\.taler|hashed json|cannot be hashed"
            + "|canonical json|/tmp/).*";

    private static String b32(int size) {
        byte[] b = new byte[size];
        new SecureRandom().nextBytes(b);
        return Crockford.encode(b);
    }

    @Test
    void extensionsThatCannotBeHashedGetAClientSideExplanation() {
        ApiResponse r = EXCHANGE.exchange().postBytes("management/extensions",
                ("{\"extensions\":{\"age_restriction\":{\"critical\":false,\"version\":\"1\",\"config\":{\"x\":1.5}}},"
                        + "\"extensions_sig\":\"" + b32(64) + "\"}").getBytes(StandardCharsets.UTF_8));
        assertEquals(400, r.status(), r.summary());
        assertEquals(TalerErrorCode.GENERIC_JSON_INVALID.code(), r.errorCode(), r.summary());
        assertFalse(r.text().matches(INTERNALS), r.summary());
    }

    @Test
    void aShortBodyThatIsNotGzipGetsAJsonErrorWithoutInternals() throws Exception {
        InetSocketAddress a = (InetSocketAddress) EXCHANGE.server().localAddress();
        for (String body : new String[] {"x", "ab", "\u001f\u008b"}) {
            byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
            String head = "POST /management/wire-fee HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Encoding: gzip\r\nContent-Length: " + b.length + "\r\nConnection: close\r\n\r\n";
            try (Socket s = new Socket("127.0.0.1", a.getPort())) {
                s.setSoTimeout(20_000);
                OutputStream out = s.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                out.write(b);
                out.flush();
                InputStream in = s.getInputStream();
                String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals("HTTP/1.1 400", reply.substring(0, 12), reply);
                String json = reply.substring(reply.indexOf("\r\n\r\n") + 4);
                assertFalse(json.matches(INTERNALS), reply);
                assertEquals(true, json.startsWith("{\"code\":"), reply);
            }
        }
    }
}

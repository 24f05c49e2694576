package net.taler.httpd.terms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import net.taler.common.config.TalerConfig;
import net.taler.http.Endpoint;
import net.taler.http.Reply;
import net.taler.http.Request;

class LegalDocumentsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2022-12-05T09:03:07Z"), ZoneOffset.UTC);
    private static final String EN_HTML = "<html><body>english terms</body></html>";
    private static final String EN_TXT = "English terms, plain text.";
    private static final String DE_HTML = "<html><body>deutsche AGB</body></html>";
    private static final String DE_TXT = "Deutsche AGB, Klartext.";
    private static final String FR_PDF = "%PDF-1.4 fake";

    @TempDir
    Path tmp;

    private TalerConfig config(String dir, String etag) {
        TalerConfig cfg = new TalerConfig(Map.of());
        if (dir != null) {
            cfg.set("exchange", "TERMS_DIR", dir);
        }
        if (etag != null) {
            cfg.set("exchange", "TERMS_ETAG", etag);
        }
        return cfg;
    }

    private void write(String relative, String content) throws IOException {
        write(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    private void write(String relative, byte[] content) throws IOException {
        Path p = tmp.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
    }

    /** en: html+txt, de: html+txt, fr: pdf only; plus a file of another version. */
    private LegalDocuments standard() throws IOException {
        write("en/tos-v1.html", EN_HTML);
        write("en/tos-v1.txt", EN_TXT);
        write("en/tos-v0.txt", "old version");
        write("de/tos-v1.html", DE_HTML);
        write("de/tos-v1.txt", DE_TXT);
        write("fr/tos-v1.pdf", FR_PDF);
        return LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG", CLOCK);
    }

    private static Reply get(LegalDocuments docs, String... headerPairs) throws Exception {
        HttpHeaders h = new DefaultHttpHeaders();
        for (int i = 0; i < headerPairs.length; i += 2) {
            h.set(headerPairs[i], headerPairs[i + 1]);
        }
        Endpoint e = docs::handle;
        return e.handle(new Request(HttpMethod.GET, "/terms", List.of(), Map.of(), h, new byte[0]));
    }

    private static String text(Reply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String ct(Reply r) {
        return r.headers().get("Content-Type");
    }

    @Test
    void notConfiguredWithoutEtag() throws Exception {
        write("en/tos-v1.txt", EN_TXT);
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), null), "TERMS_DIR", "TERMS_ETAG", CLOCK);
        assertNotConfigured(docs);
    }

    @Test
    void notConfiguredWithMissingDirectory() throws Exception {
        LegalDocuments docs = LegalDocuments.load(config(tmp.resolve("nope").toString(), "tos-v1"),
                "TERMS_DIR", "TERMS_ETAG", CLOCK);
        assertNotConfigured(docs);
        assertNotConfigured(LegalDocuments.load(config(null, "tos-v1"), "TERMS_DIR", "TERMS_ETAG", CLOCK));
    }

    @Test
    void notConfiguredWithEmptyDirectoryOrOnlyOtherVersions() throws Exception {
        Files.createDirectories(tmp.resolve("en"));
        assertNotConfigured(LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG", CLOCK));
        write("en/tos-v0.txt", "old");
        assertNotConfigured(LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG", CLOCK));
    }

    private static void assertNotConfigured(LegalDocuments docs) throws Exception {
        assertFalse(docs.isConfigured());
        Reply r = get(docs, "Accept", "text/plain", "If-None-Match", "tos-v1");
        assertEquals(200, r.status());
        assertEquals("text/plain", ct(r));
        assertEquals("not configured", text(r));
        assertNull(r.headers().get("ETag"));
    }

    @Test
    void walletAskingForPlainTextGetsTxt() throws Exception {
        Reply r = get(standard(), "Accept", "text/plain");
        assertEquals(200, r.status());
        assertEquals("text/plain", ct(r));
        assertEquals(EN_TXT, text(r));
        assertNull(r.headers().get("Content-Encoding"));
    }

    @Test
    void defaultAcceptGivesHtml() throws Exception {
        LegalDocuments docs = standard();
        Reply r = get(docs);
        assertEquals(200, r.status());
        assertEquals("text/html", ct(r));
        assertEquals(EN_HTML, text(r));
        // wildcards: */* and text/* prefer html too; application/* selects the pdf
        assertEquals(EN_HTML, text(get(docs, "Accept", "*/*")));
        assertEquals(EN_HTML, text(get(docs, "Accept", "TEXT/*;q=0.5")));
        assertEquals("application/pdf", ct(get(docs, "Accept", "application/*")));
    }

    @Test
    void acceptTokensAreSplitAtCommaAndSemicolon() throws Exception {
        Reply r = get(standard(), "Accept", "application/json;q=1, Text/Plain;q=0.9");
        assertEquals("text/plain", ct(r));
        assertEquals(EN_TXT, text(r));
    }

    @Test
    void languageChosenByQValues() throws Exception {
        LegalDocuments docs = standard();
        assertEquals(DE_HTML, text(get(docs, "Accept-Language", "en;q=0.5, de;q=0.8")));
        assertEquals(EN_HTML, text(get(docs, "Accept-Language", "en;q=0.9, DE;q=0.8")));
        assertEquals(DE_TXT, text(get(docs, "Accept", "text/plain", "Accept-Language", "fr, De")));
        // fr has only a pdf: it wins only when the pdf is acceptable
        assertEquals(FR_PDF, text(get(docs, "Accept", "application/pdf, text/html",
                "Accept-Language", "fr, de;q=0.5")));
        // unknown language: fall back to the preferred type, English first
        assertEquals(EN_HTML, text(get(docs, "Accept-Language", "it")));
    }

    @Test
    void typeMismatchStillServesMostPreferredFile() throws Exception {
        LegalDocuments docs = standard();
        Reply r = get(docs, "Accept", "application/json");
        assertEquals(200, r.status());
        assertEquals("text/html", ct(r));
        assertEquals(EN_HTML, text(r));
        assertEquals(DE_HTML, text(get(docs, "Accept", "image/png", "Accept-Language", "de")));
    }

    @Test
    void fallbackPreferenceOrderWithoutHtml() throws Exception {
        write("en/tos-v1.pdf", FR_PDF);
        write("en/tos-v1.xml", "<terms/>");
        write("en/tos-v1.png", new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        write("en/tos-v1.txt", EN_TXT);
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                CLOCK);
        assertEquals("text/plain", ct(get(docs, "Accept", "application/json")));
        assertEquals("text/plain", ct(get(docs)));
        assertEquals("text/xml", ct(get(docs, "Accept", "text/xml")));
        assertEquals("image/png", ct(get(docs, "Accept", "image/*")));
    }

    @Test
    void ifNoneMatchGives304() throws Exception {
        LegalDocuments docs = standard();
        Reply r = get(docs, "If-None-Match", "tos-v1");
        assertEquals(304, r.status());
        assertEquals(0, r.body().length);
        assertEquals("tos-v1", r.headers().get("ETag"));
        // another tag: full reply
        Reply full = get(docs, "If-None-Match", "tos-v0");
        assertEquals(200, full.status());
        assertEquals(EN_HTML, text(full));
    }

    @Test
    void headersPresent() throws Exception {
        Reply r = get(standard(), "Accept", "text/plain");
        HttpHeaders h = r.headers();
        assertEquals("tos-v1", h.get("ETag"));
        assertEquals("Tue, 06 Dec 2022 09:03:07 GMT", h.get("Expires"));
        assertEquals("public max-age=864000", h.get("Cache-Control"));
        assertEquals("Accept-Language,Accept,Accept-Encoding", h.get("Vary"));
        assertEquals("de,en,fr", h.get("Acceptable-Languages"));
    }

    @Test
    void expiresUsesTwoDigitDay() throws Exception {
        write("en/tos-v1.txt", EN_TXT);
        Clock early = Clock.fixed(Instant.parse("2023-03-01T00:00:00.750Z"), ZoneOffset.UTC);
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                early);
        assertEquals("Thu, 02 Mar 2023 00:00:00 GMT", get(docs).headers().get("Expires"));
    }

    @Test
    void deflateRoundTrip() throws Exception {
        String big = "These terms repeat. ".repeat(500);
        write("en/tos-v1.txt", big);
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                CLOCK);
        Reply r = get(docs, "Accept", "text/plain", "Accept-Encoding", "gzip, deflate, br");
        assertEquals(200, r.status());
        assertEquals("deflate", r.headers().get("Content-Encoding"));
        assertEquals("text/plain", ct(r));
        assertTrue(r.body().length < big.length());
        assertEquals(big, new String(inflate(r.body()), StandardCharsets.UTF_8));
        // not requested (or refused with q=0): identity
        Reply plain = get(docs, "Accept", "text/plain", "Accept-Encoding", "gzip, deflate;q=0");
        assertNull(plain.headers().get("Content-Encoding"));
        assertEquals(big, text(plain));
    }

    @Test
    void binaryDocumentsAreNotCompressed() throws Exception {
        byte[] pdf = ("%PDF " + "x".repeat(4000)).getBytes(StandardCharsets.US_ASCII);
        write("en/tos-v1.pdf", pdf);
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                CLOCK);
        Reply r = get(docs, "Accept-Encoding", "deflate");
        assertNull(r.headers().get("Content-Encoding"));
        assertArrayEquals(pdf, r.body());
    }

    private static byte[] inflate(byte[] data) throws Exception {
        Inflater inf = new Inflater(); // zlib wrapper expected
        try {
            inf.setInput(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            while (!inf.finished()) {
                int n = inf.inflate(buf);
                if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    throw new IllegalStateException("truncated zlib stream");
                }
                out.write(buf, 0, n);
            }
            return out.toByteArray();
        } finally {
            inf.end();
        }
    }

    @Test
    void oversizeFileSkipped() throws Exception {
        byte[] huge = new byte[(int) LegalDocuments.MAX_FILE_SIZE + 1];
        java.util.Arrays.fill(huge, (byte) 'a');
        write("en/tos-v1.html", huge);
        write("en/tos-v1.txt", EN_TXT);
        byte[] exact = new byte[(int) LegalDocuments.MAX_FILE_SIZE];
        java.util.Arrays.fill(exact, (byte) 'b');
        write("de/tos-v1.html", exact);
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                CLOCK);
        Reply r = get(docs, "Accept", "text/html");
        // the English html is gone: the type filter wins over the language
        assertEquals(exact.length,
                get(docs, "Accept", "text/html", "Accept-Language", "en;q=1, de;q=0").body().length);
        assertEquals(EN_TXT, text(get(docs, "Accept", "text/plain")));
        assertEquals("text/html", ct(r));
        assertEquals(exact.length, r.body().length, "only the 4 MiB German html is acceptable html");
        // a directory with only an oversized file is not configured
        Path other = tmp.resolve("other");
        Files.createDirectories(other.resolve("en"));
        Files.write(other.resolve("en/tos-v1.txt"), huge);
        assertNotConfigured(LegalDocuments.load(config(other.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                CLOCK));
    }

    @Test
    void configDefaultsWithDollarExpansion() throws Exception {
        write("exchange/tos/en/tos-v0.txt", EN_TXT);
        TalerConfig cfg = new TalerConfig(Map.of());
        cfg.set("PATHS", "DATADIR", tmp.toString() + "/");
        cfg.set("exchange", "TERMS_DIR", "$DATADIR/exchange/tos/");
        cfg.set("exchange", "TERMS_ETAG", "tos-v0");
        LegalDocuments docs = LegalDocuments.load(cfg, "TERMS_DIR", "TERMS_ETAG", CLOCK);
        assertTrue(docs.isConfigured());
        assertEquals(List.of("en"), docs.languages());
        assertEquals(EN_TXT, text(get(docs, "Accept", "text/plain")));
    }

    @Test
    void unsafeLanguageDirectoryIgnored() throws Exception {
        write("en/tos-v1.txt", EN_TXT);
        write("bad lang/tos-v1.txt", "bad");
        write(".hidden/tos-v1.txt", "hidden");
        LegalDocuments docs = LegalDocuments.load(config(tmp.toString(), "tos-v1"), "TERMS_DIR", "TERMS_ETAG",
                CLOCK);
        assertEquals(List.of("en"), docs.languages());
        assertEquals("en", get(docs).headers().get("Acceptable-Languages"));
    }
}

package net.taler.httpd.terms;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import net.taler.common.config.TalerConfig;
import net.taler.http.Caching;
import net.taler.http.Reply;
import net.taler.http.Request;

/**
 * The legal documents behind {@code GET /terms} and {@code GET /privacy} (exchange-api.md 2.4).
 *
 * <p>At startup {@link #load} reads every {@code <DIR>/<language>/<ETAG>.<ext>} below the
 * configured directory into memory; {@link #handle} then negotiates type ({@code Accept}) and
 * language ({@code Accept-Language}) and serves the chosen file. The object is immutable and
 * safe for concurrent use.
 */
public final class LegalDocuments {
    private static final Logger LOG = Logger.getLogger(LegalDocuments.class.getName());

    /** Configuration section of all options read here. */
    public static final String SECTION = "exchange";
    /** At most this many language directories are loaded. */
    public static final int MAX_LANGUAGES = 64;
    /** At most this many files per language are loaded. */
    public static final int MAX_FILES_PER_LANGUAGE = 16;
    /** Larger files are skipped. */
    public static final long MAX_FILE_SIZE = 4L * 1024 * 1024;

    static final String NOT_CONFIGURED = "not configured";
    static final String CACHE_CONTROL = "public max-age=864000";
    static final String VARY = "Accept-Language,Accept,Accept-Encoding";
    static final String ACCEPTABLE_LANGUAGES = "Acceptable-Languages";
    private static final String DEFAULT_ACCEPT = "text/html";
    private static final String DEFAULT_LANGUAGE = "en";
    private static final Duration EXPIRY = Duration.ofDays(1);
    /** IMF-fixdate (RFC 9110 5.6.7); RFC_1123_DATE_TIME would print one-digit days. */
    /** Language directory names end up in a header: keep them to tag characters. */
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,34}");

    /** A known extension: its MIME type, preference rank (lower is better) and whether it is text. */
    private record Kind(String mime, int rank, boolean text) {
    }

    private static final Map<String, Kind> KINDS = Map.ofEntries(
            Map.entry("html", new Kind("text/html", 0, true)),
            Map.entry("htm", new Kind("text/html", 1, true)),
            Map.entry("txt", new Kind("text/plain", 2, true)),
            Map.entry("pdf", new Kind("application/pdf", 3, false)),
            Map.entry("epub", new Kind("application/epub+zip", 4, false)),
            Map.entry("xml", new Kind("text/xml", 4, true)),
            Map.entry("png", new Kind("image/png", 5, false)),
            Map.entry("jpg", new Kind("image/jpeg", 5, false)),
            Map.entry("jpeg", new Kind("image/jpeg", 5, false)),
            Map.entry("gif", new Kind("image/gif", 5, false)));

    /** One loaded file; {@code deflated} is null when compression is not offered for it. */
    private record Document(String language, String extension, Kind kind, byte[] body, byte[] deflated) {
    }

    /** Default order: type preference, then {@code en}, then language name. */
    private static final Comparator<Document> PREFERENCE = Comparator
            .comparingInt((Document d) -> d.kind().rank())
            .thenComparing(d -> !d.language().equalsIgnoreCase(DEFAULT_LANGUAGE))
            .thenComparing(Document::language)
            .thenComparing(Document::extension);

    private final String etag;
    private final List<Document> documents;
    private final String acceptableLanguages;
    private final Clock clock;

    private LegalDocuments(String etag, List<Document> documents, Clock clock) {
        this.etag = etag;
        this.documents = documents;
        this.clock = clock;
        Set<String> langs = new TreeSet<>();
        for (Document d : documents) {
            langs.add(d.language());
        }
        this.acceptableLanguages = String.join(",", langs);
    }

    /** {@link #load(TalerConfig, String, String, Clock)} with the system clock. */
    public static LegalDocuments load(TalerConfig cfg, String dirOption, String etagOption) {
        return load(cfg, dirOption, etagOption, Clock.systemUTC());
    }

    /** The terms of service ({@code TERMS_DIR}, {@code TERMS_ETAG}). */
    public static LegalDocuments terms(TalerConfig cfg) {
        return load(cfg, "TERMS_DIR", "TERMS_ETAG");
    }

    /** The privacy policy ({@code PRIVACY_DIR}, {@code PRIVACY_ETAG}). */
    public static LegalDocuments privacy(TalerConfig cfg) {
        return load(cfg, "PRIVACY_DIR", "PRIVACY_ETAG");
    }

    /**
     * Loads {@code <dirOption>/<language>/<etagOption>.<ext>} of section {@code [exchange]}.
     * Never fails: a missing option or directory gives a "not configured" instance, unreadable
     * or oversized files are skipped with a warning.
     *
     * @param clock source of "now" for the {@code Expires} header
     */
    public static LegalDocuments load(TalerConfig cfg, String dirOption, String etagOption, Clock clock) {
        String etag;
        Optional<Path> dir;
        try {
            etag = cfg.getString(SECTION, etagOption).map(String::trim).orElse("");
            dir = cfg.getFilename(SECTION, dirOption);
        } catch (RuntimeException e) {
            LOG.warning("[" + SECTION + "] " + dirOption + "/" + etagOption + " unusable: " + e.getMessage());
            return new LegalDocuments(null, List.of(), clock);
        }
        if (etag.isEmpty() || dir.isEmpty() || dir.get().toString().isEmpty()) {
            LOG.info("[" + SECTION + "] " + etagOption + " or " + dirOption + " not set; legal documents not configured");
            return new LegalDocuments(null, List.of(), clock);
        }
        if (!isPrintableAscii(etag)) {
            LOG.warning("[" + SECTION + "] " + etagOption + " contains characters not allowed in a header");
            return new LegalDocuments(null, List.of(), clock);
        }
        List<Document> docs = scan(dir.get(), etag);
        if (docs.isEmpty()) {
            LOG.warning("no legal documents " + etag + ".* found below " + dir.get());
            return new LegalDocuments(null, List.of(), clock);
        }
        docs.sort(PREFERENCE);
        return new LegalDocuments(etag, List.copyOf(docs), clock);
    }

    private static List<Document> scan(Path dir, String etag) {
        List<Document> docs = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return docs;
        }
        List<Path> languageDirs = sortedEntries(dir);
        int languages = 0;
        for (Path langDir : languageDirs) {
            String language = langDir.getFileName().toString();
            if (!Files.isDirectory(langDir) || language.startsWith(".")) {
                continue;
            }
            if (!LANGUAGE.matcher(language).matches()) {
                LOG.warning("skipping " + langDir + ": not a language tag");
                continue;
            }
            if (languages >= MAX_LANGUAGES) {
                LOG.warning("skipping " + langDir + ": more than " + MAX_LANGUAGES + " languages");
                continue;
            }
            List<Document> inLanguage = scanLanguage(langDir, language, etag);
            if (!inLanguage.isEmpty()) {
                languages++;
                docs.addAll(inLanguage);
            }
        }
        return docs;
    }

    private static List<Document> scanLanguage(Path langDir, String language, String etag) {
        List<Document> docs = new ArrayList<>();
        Set<String> extensions = new HashSet<>();
        String prefix = etag + ".";
        for (Path file : sortedEntries(langDir)) {
            String name = file.getFileName().toString();
            if (!name.startsWith(prefix) || !Files.isRegularFile(file)) {
                continue;
            }
            String ext = name.substring(prefix.length()).toLowerCase(Locale.ROOT);
            Kind kind = KINDS.get(ext);
            if (kind == null) {
                LOG.warning("skipping " + file + ": unknown extension");
                continue;
            }
            if (!extensions.add(ext)) {
                LOG.warning("skipping " + file + ": duplicate ." + ext + " for language " + language);
                continue;
            }
            if (docs.size() >= MAX_FILES_PER_LANGUAGE) {
                LOG.warning("skipping " + file + ": more than " + MAX_FILES_PER_LANGUAGE + " files for " + language);
                continue;
            }
            byte[] body = readLimited(file);
            if (body == null) {
                continue;
            }
            docs.add(new Document(language, ext, kind, body, kind.text() ? deflateIfSmaller(body) : null));
        }
        return docs;
    }

    private static List<Path> sortedEntries(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                out.add(p);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warning("cannot list " + dir + ": " + e);
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    /** The file's bytes, or null (with a warning) if unreadable or larger than the limit. */
    private static byte[] readLimited(Path file) {
        try {
            if (Files.size(file) > MAX_FILE_SIZE) {
                LOG.warning("skipping " + file + ": larger than " + MAX_FILE_SIZE + " bytes");
                return null;
            }
            byte[] b;
            try (InputStream in = Files.newInputStream(file)) {
                b = in.readNBytes((int) MAX_FILE_SIZE + 1);
            }
            if (b.length > MAX_FILE_SIZE) {
                LOG.warning("skipping " + file + ": larger than " + MAX_FILE_SIZE + " bytes");
                return null;
            }
            return b;
        } catch (IOException | RuntimeException e) {
            LOG.warning("skipping " + file + ": " + e);
            return null;
        }
    }

    /** zlib-wrapped deflate (exchange-api.md 1.5), or null if it does not save anything. */
    private static byte[] deflateIfSmaller(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Deflater d = new Deflater(Deflater.BEST_COMPRESSION);
        try (DeflaterOutputStream z = new DeflaterOutputStream(out, d)) {
            z.write(data);
        } catch (IOException e) {
            return null;
        } finally {
            d.end();
        }
        byte[] c = out.toByteArray();
        return c.length < data.length ? c : null;
    }

    private static boolean isPrintableAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ serving

    /** True if at least one document was loaded. */
    public boolean isConfigured() {
        return etag != null;
    }

    /** The configured version tag sent as {@code ETag}, or empty if not configured. */
    public Optional<String> etag() {
        return Optional.ofNullable(etag);
    }

    /** The languages with at least one document, sorted. */
    public List<String> languages() {
        return acceptableLanguages.isEmpty() ? List.of() : List.of(acceptableLanguages.split(","));
    }

    /** {@code GET /terms} or {@code GET /privacy}; usable as an endpoint via {@code docs::handle}. */
    public Reply handle(Request r) {
        if (etag == null) {
            return Reply.bytes(200, "text/plain", NOT_CONFIGURED.getBytes(StandardCharsets.UTF_8));
        }
        if (ifNoneMatchHits(r.header("If-None-Match"))) {
            return cacheHeaders(Reply.bytes(304, null, new byte[0]));
        }
        Document d = select(r.header("Accept"), r.header("Accept-Language"));
        Reply reply;
        if (d.deflated() != null && acceptsDeflate(r.header("Accept-Encoding"))) {
            reply = Reply.bytes(200, d.kind().mime(), d.deflated()).header("Content-Encoding", "deflate");
        } else {
            reply = Reply.bytes(200, d.kind().mime(), d.body());
        }
        return cacheHeaders(reply).header(ACCEPTABLE_LANGUAGES, acceptableLanguages);
    }

    private Reply cacheHeaders(Reply reply) {
        String expires = Caching.httpDate(clock.instant().plus(EXPIRY).truncatedTo(ChronoUnit.SECONDS));
        return reply.header("ETag", etag)
                .header("Expires", expires)
                .header("Cache-Control", CACHE_CONTROL)
                .header("Vary", VARY);
    }

    /** The tag as sent, or quoted, or weak, possibly in a list; {@code *} matches too. */
    private boolean ifNoneMatchHits(String header) {
        return Caching.etagMatches(header, etag);
    }

    /**
     * Among the documents whose type the {@code Accept} header admits (all of them if none is
     * admitted) the one with the best {@code Accept-Language} weight; ties go to the default
     * type preference.
     */
    private Document select(String accept, String acceptLanguage) {
        List<String> ranges = mediaRanges(accept == null || accept.isBlank() ? DEFAULT_ACCEPT : accept);
        List<Document> candidates = new ArrayList<>();
        for (Document d : documents) {
            if (typeMatches(ranges, d.kind().mime())) {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            candidates = documents;
        }
        Map<String, Double> weights = languageWeights(
                acceptLanguage == null || acceptLanguage.isBlank() ? DEFAULT_LANGUAGE : acceptLanguage);
        Document best = null;
        double bestWeight = -1;
        for (Document d : candidates) { // already in preference order: strictly better wins
            double w = weights.getOrDefault(d.language().toLowerCase(Locale.ROOT), 0.0);
            if (w > bestWeight) {
                best = d;
                bestWeight = w;
            }
        }
        return best;
    }

    private static List<String> mediaRanges(String accept) {
        List<String> out = new ArrayList<>();
        for (String tok : accept.split(",")) {
            int semi = tok.indexOf(';');
            String range = (semi < 0 ? tok : tok.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            if (!range.isEmpty()) {
                out.add(range);
            }
        }
        return out;
    }

    private static boolean typeMatches(List<String> ranges, String mime) {
        for (String range : ranges) {
            if (range.equals("*/*") || range.equals("*") || range.equals(mime)) {
                return true;
            }
            if (range.endsWith("/*") && mime.startsWith(range.substring(0, range.length() - 1))) {
                return true;
            }
        }
        return false;
    }

    /** Lower-cased tag → q (default 1; malformed q counts as 0). */
    private static Map<String, Double> languageWeights(String header) {
        Map<String, Double> out = new HashMap<>();
        for (String tok : header.split(",")) {
            String[] parts = tok.split(";");
            String tag = parts[0].trim().toLowerCase(Locale.ROOT);
            if (tag.isEmpty()) {
                continue;
            }
            double q = 1.0;
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim();
                if (p.length() > 2 && (p.startsWith("q=") || p.startsWith("Q="))) {
                    try {
                        q = Double.parseDouble(p.substring(2).trim());
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                    if (!(q >= 0 && q <= 1)) {
                        q = 0;
                    }
                }
            }
            out.merge(tag, q, Math::max);
        }
        return out;
    }

    private static boolean acceptsDeflate(String header) {
        if (header == null) {
            return false;
        }
        for (String tok : header.split(",")) {
            String[] parts = tok.split(";");
            if (!parts[0].trim().equalsIgnoreCase("deflate")) {
                continue;
            }
            for (int i = 1; i < parts.length; i++) {
                String p = parts[i].trim().toLowerCase(Locale.ROOT);
                if (p.startsWith("q=")) {
                    try {
                        return Double.parseDouble(p.substring(2).trim()) > 0;
                    } catch (NumberFormatException e) {
                        return false;
                    }
                }
            }
            return true;
        }
        return false;
    }
}

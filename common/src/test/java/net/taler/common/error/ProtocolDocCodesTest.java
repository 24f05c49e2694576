package net.taler.common.error;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import net.taler.common.testing.VectorFile;

import org.junit.jupiter.api.Test;

/**
 * Every error code the protocol digests in {@code shared/protocol/*.md} name must exist in
 * {@link TalerErrorCode} with the number the digest gives. The digests mostly write codes
 * without the {@code TALER_EC_} prefix, as {@code `NAME` (number)}, so three forms count as a
 * code reference: {@code TALER_EC_NAME} anywhere, {@code NAME (number)} / {@code NAME (number,
 * status)}, and a name right after an HTTP status or the word "code".
 */
class ProtocolDocCodesTest {
    private static final String NAME = "[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+";
    /** Explicit prefix: always an error code, with or without a number. */
    private static final Pattern PREFIXED = Pattern.compile(
            "TALER_EC_(" + NAME + ")(?:`?\\s*\\(\\s*(\\d+)\\s*[,)])?");
    /** {@code `NAME` (1012)} or {@code `NAME` (1700, 500)}; not {@code …_NAME}, not {@code (6.1)}. */
    private static final Pattern NUMBERED = Pattern.compile(
            "(?<![A-Za-z0-9_…])(" + NAME + ")`?\\s*\\(\\s*(\\d+)\\s*[,)]");
    /** {@code 404 `NAME`} or {@code code NAME} (but not "exit code"). */
    private static final Pattern AFTER_STATUS = Pattern.compile(
            "(?:(?<![\\w.])[1-5]\\d\\d|(?<!exit )\\bcode)\\s+`?(?:TALER_EC_)?(" + NAME + ")\\b");

    record Ref(String file, int line, String name, Integer number) {
        @Override
        public String toString() {
            return file + ":" + line + " " + name + (number == null ? "" : " (" + number + ")");
        }
    }

    private static List<Path> docs() throws IOException {
        Path dir = VectorFile.sharedDir().resolve("protocol");
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> out = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
            assertTrue(!out.isEmpty(), "no protocol docs in " + dir);
            return out;
        }
    }

    private static void collect(Pattern p, boolean hasNumber, Path file, String text, List<Ref> out) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (name.startsWith("TALER_EC_")) {
                name = name.substring("TALER_EC_".length());
            }
            Integer number = hasNumber && m.group(2) != null ? Integer.valueOf(m.group(2)) : null;
            int line = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
            out.add(new Ref(file.getFileName().toString(), line, name, number));
        }
    }

    @Test
    void everyCodeNamedInTheProtocolDocsExistsWithItsNumber() throws IOException {
        List<Ref> refs = new ArrayList<>();
        List<Ref> numbered = new ArrayList<>();
        for (Path f : docs()) {
            String text = Files.readString(f);
            collect(PREFIXED, true, f, text, refs);
            collect(NUMBERED, true, f, text, numbered);
            collect(AFTER_STATUS, false, f, text, refs);
        }
        refs.addAll(numbered);
        // Sanity: the digests cite well over a hundred numbered codes; make sure we read them.
        assertTrue(numbered.size() >= 50, "only " + numbered.size() + " numbered code references found");

        List<String> problems = new ArrayList<>();
        for (Ref r : refs) {
            Optional<TalerErrorCode> ec = lookup(r.name());
            if (ec.isEmpty()) {
                problems.add(r + ": no such code");
            } else if (r.number() != null && ec.get().code() != r.number()) {
                problems.add(r + ": enum has " + ec.get().code());
            }
        }
        assertTrue(problems.isEmpty(), "code references not matching the enum:\n" + String.join("\n", problems));
    }

    private static Optional<TalerErrorCode> lookup(String name) {
        try {
            return Optional.of(TalerErrorCode.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}

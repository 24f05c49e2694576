package net.taler.common.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * Loads one of the reference vector files from {@code ../shared/vectors}.
 * The directory comes from the system property {@code taler.shared.dir} (set by
 * the parent POM's surefire configuration) or the environment variable
 * {@code TALER_SHARED_DIR}.
 */
public final class VectorFile {
    private static final ObjectMapper JSON = new ObjectMapper();

    private VectorFile() {
    }

    public static Path sharedDir() {
        String dir = System.getProperty("taler.shared.dir");
        if (dir == null || dir.isEmpty()) {
            dir = System.getenv("TALER_SHARED_DIR");
        }
        if (dir == null || dir.isEmpty()) {
            dir = "../../shared";
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    /** All cases of a vector file, in file order. */
    public static List<JsonNode> cases(String fileName) {
        Path file = sharedDir().resolve("vectors").resolve(fileName);
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            List<JsonNode> out = new ArrayList<>();
            root.forEach(out::add);
            if (out.isEmpty()) {
                throw new IllegalStateException("no cases in " + file);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read vector file " + file, e);
        }
    }

    /** Parameterized-test arguments: (id, case) for every case whose id starts with the prefix. */
    public static Stream<Arguments> arguments(String fileName, String idPrefix) {
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : cases(fileName)) {
            if (c.path("id").asText().startsWith(idPrefix)) {
                out.add(Arguments.of(c.path("id").asText(), c));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no cases with prefix " + idPrefix + " in " + fileName);
        }
        return out.stream();
    }

    public static byte[] hex(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new IllegalArgumentException("missing hex field");
        }
        return HexFormat.of().parseHex(node.asText());
    }

    public static String toHex(byte[] data) {
        return HexFormat.of().formatHex(data);
    }
}

package net.taler.secmod.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

import net.taler.common.crypto.EddsaPrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: mode 0400, atomic writes, and every refusal rule of secmod.md 3 when loading. */
class KeyFilesTest {
    @TempDir
    Path dir;

    @Test
    void writtenFilesAreOwnerReadOnlyAndReadBack() throws Exception {
        Path f = dir.resolve("a/b/1700000000");
        KeyFiles.ensureDirectory(f.getParent());
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f.getParent())));
        KeyFiles.write(f, new byte[] {1, 2, 3});
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        List<KeyFiles.Entry> entries = KeyFiles.scan(f.getParent());
        assertEquals(1, entries.size());
        assertEquals(1700000000L, entries.get(0).anchorSeconds());
        assertArrayEquals(new byte[] {1, 2, 3}, entries.get(0).data());
        // rewriting the same name (revocation replacement) works although the old file is read-only
        KeyFiles.write(f, new byte[] {4});
        assertArrayEquals(new byte[] {4}, KeyFiles.scan(f.getParent()).get(0).data());
        try (var s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "no temporary files left");
        }
    }

    @Test
    void loadingRefusesWhatSecmodMdRefuses() throws Exception {
        KeyFiles.write(dir.resolve("100"), new byte[] {1});
        Files.writeString(dir.resolve("not-a-number"), "x");
        Files.writeString(dir.resolve("99999999999999999999"), "overflow");
        Files.writeString(dir.resolve("9223372036855"), "too large for microseconds");
        Files.createSymbolicLink(dir.resolve("200"), dir.resolve("100"));
        Path big = dir.resolve("300");
        Files.write(big, new byte[(int) KeyFiles.MAX_FILE_SIZE + 1]);
        Files.setPosixFilePermissions(big, PosixFilePermissions.fromString("r--------"));
        Path open = dir.resolve("400");
        Files.write(open, new byte[] {4});
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rw-r--r--"));
        Files.createDirectory(dir.resolve("500"));
        Files.writeString(dir.resolve(".600.abc.tmp"), "left over");
        List<KeyFiles.Entry> entries = KeyFiles.scan(dir);
        List<Long> anchors = entries.stream().map(KeyFiles.Entry::anchorSeconds).sorted().collect(Collectors.toList());
        assertEquals(List.of(100L, 400L), anchors);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(open)),
                "a too-open file is fixed to 0400");
        assertFalse(Files.exists(dir.resolve(".600.abc.tmp")));
        assertTrue(Files.isSymbolicLink(dir.resolve("200")), "refused files are left alone");
    }

    @Test
    void anchorsMustBePlainDecimalSeconds() {
        assertEquals(0, KeyFiles.parseAnchor("0"));
        assertEquals(1700000000L, KeyFiles.parseAnchor("1700000000"));
        assertEquals(-1, KeyFiles.parseAnchor("-5"));
        assertEquals(-1, KeyFiles.parseAnchor("+5"));
        assertEquals(-1, KeyFiles.parseAnchor("12a"));
        assertEquals(-1, KeyFiles.parseAnchor(""));
        assertEquals(-1, KeyFiles.parseAnchor("9223372036854775807"));
    }

    @Test
    void smKeyIsCreatedOnceAndKept() throws Exception {
        Path f = dir.resolve("sm/secmod-private-key");
        EddsaPrivateKey a = SmKey.loadOrCreate(f);
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertEquals(32, Files.size(f));
        EddsaPrivateKey b = SmKey.loadOrCreate(f);
        assertEquals(a.publicKey(), b.publicKey());
        assertNotEquals(a.publicKey(), SmKey.loadOrCreate(dir.resolve("other")).publicKey());
        Path bad = dir.resolve("bad");
        Files.write(bad, new byte[31]);
        Files.setPosixFilePermissions(bad, PosixFilePermissions.fromString("r--------"));
        assertThrows(IOException.class, () -> SmKey.loadOrCreate(bad));
        Path blocked = dir.resolve("file");
        Files.writeString(blocked, "x");
        assertThrows(IOException.class, () -> SmKey.loadOrCreate(blocked.resolve("key")));
    }
}

package net.taler.secmod.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Private key files of the helpers (secmod.md 3): one key per file named by its anchor in
 * whole seconds, mode 0400, written atomically (temporary dot-file, then rename), read back
 * only if the file is a regular file (never through a symbolic link), at most 16 KiB and not
 * accessible to group or others.
 */
public final class KeyFiles {
    private static final Logger LOG = Logger.getLogger(KeyFiles.class.getName());
    /** Largest key file accepted when loading. */
    public static final long MAX_FILE_SIZE = 16 * 1024;
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("r--------");
    static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final long MAX_ANCHOR_SECONDS = Long.MAX_VALUE / 1_000_000L;
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyFiles() {
    }

    /** A key file found by {@link #scan}. */
    public record Entry(Path file, long anchorSeconds, byte[] data) {
    }

    /** Creates the directory and missing parents (new ones with mode 0700). */
    public static void ensureDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        Path parent = dir.toAbsolutePath().getParent();
        if (parent != null) {
            ensureDirectory(parent);
        }
        try {
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(DIR_MODE));
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir)) {
                throw e;
            }
        }
    }

    /** The file name of a key with this anchor. */
    public static String fileName(long anchorSeconds) {
        return Long.toString(anchorSeconds);
    }

    /**
     * Writes a new key file with mode 0400: the data goes to a temporary file in the same
     * directory, is synced, and is then renamed over {@code file}.
     */
    public static void write(Path file, byte[] data) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        byte[] rnd = new byte[6];
        RANDOM.nextBytes(rnd);
        Path tmp = dir.resolve("." + file.getFileName() + "." + HexFormat.of().formatHex(rnd) + ".tmp");
        FileAttribute<Set<PosixFilePermission>> mode = PosixFilePermissions.asFileAttribute(FILE_MODE);
        try {
            Set<OpenOption> opts = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
            try (FileChannel ch = FileChannel.open(tmp, opts, mode)) {
                ByteBuffer b = ByteBuffer.wrap(data);
                while (b.hasRemaining()) {
                    ch.write(b);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Deletes a key file; a missing file is only logged. */
    public static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (NoSuchFileException e) {
            LOG.warning("key file " + file + " was already gone");
        } catch (IOException e) {
            LOG.severe("cannot delete key file " + file + ": " + e);
        }
    }

    /**
     * Reads a private file for loading: refused (with a warning, {@code null}) if it is a
     * symbolic link or not a regular file, larger than {@code maxSize}, or accessible to group
     * or others / writable and cannot be chmod-ed to 0400.
     */
    public static byte[] readPrivate(Path file, long maxSize) {
        PosixFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            LOG.warning("cannot stat key file " + file + ": " + e);
            return null;
        }
        if (attrs.isSymbolicLink()) {
            LOG.warning("refusing key file " + file + ": it is a symbolic link");
            return null;
        }
        if (!attrs.isRegularFile()) {
            LOG.warning("refusing key file " + file + ": not a regular file");
            return null;
        }
        if (attrs.size() > maxSize) {
            LOG.warning("refusing key file " + file + ": " + attrs.size() + " bytes is more than " + maxSize);
            return null;
        }
        if (!attrs.permissions().equals(FILE_MODE)) {
            Set<PosixFilePermission> p = attrs.permissions();
            boolean tooOpen = !p.stream().allMatch(x -> x == PosixFilePermission.OWNER_READ);
            if (tooOpen) {
                try {
                    Files.setPosixFilePermissions(file, FILE_MODE);
                    LOG.warning("key file " + file + " had mode " + PosixFilePermissions.toString(p) + ", fixed to 0400");
                } catch (IOException e) {
                    LOG.warning("refusing key file " + file + ": mode " + PosixFilePermissions.toString(p)
                            + " and chmod failed: " + e);
                    return null;
                }
            }
        }
        Set<OpenOption> opts = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try (SeekableByteChannel ch = Files.newByteChannel(file, opts)) {
            long size = ch.size();
            if (size > maxSize) {
                LOG.warning("refusing key file " + file + ": grew beyond " + maxSize + " bytes");
                return null;
            }
            ByteBuffer b = ByteBuffer.allocate((int) size);
            while (b.hasRemaining()) {
                if (ch.read(b) < 0) {
                    break;
                }
            }
            if (b.hasRemaining()) {
                LOG.warning("refusing key file " + file + ": shrank while reading");
                return null;
            }
            return b.array();
        } catch (IOException e) {
            LOG.warning("cannot read key file " + file + ": " + e);
            return null;
        }
    }

    /**
     * The key files of a directory, in no particular order. Names must be a decimal number of
     * seconds that fits a timestamp; other names are skipped with a warning, sub-directories
     * silently, and left-over temporary files of {@link #write} are removed.
     */
    public static List<Entry> scan(Path dir) throws IOException {
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    if (name.endsWith(".tmp") && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                        LOG.info("removing left-over temporary file " + p);
                        Files.deleteIfExists(p);
                    }
                    continue;
                }
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                long anchor = parseAnchor(name);
                if (anchor < 0) {
                    LOG.warning("skipping " + p + ": file name is not a number of seconds");
                    continue;
                }
                byte[] data = readPrivate(p, MAX_FILE_SIZE);
                if (data != null) {
                    out.add(new Entry(p, anchor, data));
                }
            }
        }
        return out;
    }

    /** Decimal seconds that fit a timestamp, else -1. */
    static long parseAnchor(String name) {
        if (name.isEmpty() || name.length() > 19) {
            return -1;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
        }
        try {
            long v = Long.parseLong(name);
            return v <= MAX_ANCHOR_SECONDS ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

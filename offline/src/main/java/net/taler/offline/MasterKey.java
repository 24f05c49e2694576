package net.taler.offline;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPrivateKey;

/** The offline master private key in {@code [exchange-offline] MASTER_PRIV_FILE}, loaded once. */
final class MasterKey {
    private final TalerConfig config;
    private EddsaPrivateKey key;

    MasterKey(TalerConfig config) {
        this.config = config;
    }

    /** The existing key; fails if {@code setup} has not created it yet. */
    EddsaPrivateKey existing() {
        return get(false);
    }

    /** The key, created first (with parent directories, mode 0400) if the file does not exist. */
    EddsaPrivateKey loadOrCreate() {
        return get(true);
    }

    private EddsaPrivateKey get(boolean create) {
        if (key != null) {
            return key;
        }
        Path file = config.requireFilename("exchange-offline", "MASTER_PRIV_FILE");
        try {
            if (Files.exists(file)) {
                byte[] raw = Files.readAllBytes(file);
                if (raw.length != EddsaPrivateKey.SIZE) {
                    throw new ProgramException(ExitCodes.FAILURE,
                            "Failed to load master key from file `" + file + "': wrong size " + raw.length);
                }
                key = new EddsaPrivateKey(raw);
                return key;
            }
        } catch (IOException e) {
            throw new ProgramException(create ? ExitCodes.NO_PERMISSION : ExitCodes.FAILURE,
                    "Failed to load master key from file `" + file + "': " + e.getMessage(), e);
        }
        if (!create) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Master private key file `" + file + "' does not exist; run 'setup' first");
        }
        EddsaPrivateKey generated = EddsaPrivateKey.generate();
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Path tmp = Files.createTempFile(parent, ".master", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(tmp, generated.bytes());
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
                try {
                    Files.createLink(file, tmp);
                } catch (FileAlreadyExistsException e) {
                    // a concurrent setup won the race: use its key
                    key = new EddsaPrivateKey(Files.readAllBytes(file));
                    return key;
                } catch (UnsupportedOperationException | IOException e) {
                    Files.move(tmp, file);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            throw new ProgramException(ExitCodes.NO_PERMISSION,
                    "Failed to initialize master key from file `" + file + "': could not create file");
        }
        key = generated;
        return key;
    }
}

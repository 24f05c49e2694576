package net.taler.secmod.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.logging.Logger;

import net.taler.common.crypto.EddsaPrivateKey;

/**
 * The helper's long-term security-module key ({@code SM_PRIV_KEY}): 32 raw bytes, created
 * with its directories on first start and then kept, since the offline tool pins its public
 * key (secmod.md 1).
 */
public final class SmKey {
    private static final Logger LOG = Logger.getLogger(SmKey.class.getName());

    private SmKey() {
    }

    /**
     * Loads the key, or creates it (mode 0400) if the file does not exist.
     *
     * @throws IOException if the file exists but is unusable, or cannot be created
     */
    public static EddsaPrivateKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] data = KeyFiles.readPrivate(file, KeyFiles.MAX_FILE_SIZE);
            if (data == null) {
                throw new IOException("security module key file " + file + " is not usable (see log)");
            }
            if (data.length != EddsaPrivateKey.SIZE) {
                throw new IOException("security module key file " + file + " has " + data.length
                        + " bytes, expected " + EddsaPrivateKey.SIZE);
            }
            return new EddsaPrivateKey(data);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            KeyFiles.ensureDirectory(parent);
        }
        EddsaPrivateKey key = EddsaPrivateKey.generate();
        KeyFiles.write(file, key.bytes());
        LOG.info("created security module key " + file + ", public key " + key.publicKey().toBase32());
        return key;
    }
}

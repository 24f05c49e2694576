package net.taler.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Optional;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.ProgramException;
import net.taler.common.config.TalerConfig;
import net.taler.common.crypto.EddsaPublicKey;

/**
 * Trust-on-first-use of the security modules' public keys (operations.md 3.9): the triple
 * (rsa, cs, eddsa; 3x32 bytes) is stored in {@code SECM_TOFU_FILE}; later runs must see the same
 * triple. Before the file is first written, configured {@code SECM_*_PUBKEY} pins are checked.
 */
final class Tofu {
    private static final String SECTION = "exchange-offline";

    private Tofu() {
    }

    static void check(TalerConfig cfg, EddsaPublicKey rsa, EddsaPublicKey cs, EddsaPublicKey eddsa) {
        Path file = cfg.requireFilename(SECTION, "SECM_TOFU_FILE");
        byte[] set = new byte[96];
        System.arraycopy(rsa.bytes(), 0, set, 0, 32);
        System.arraycopy(cs.bytes(), 0, set, 32, 32);
        System.arraycopy(eddsa.bytes(), 0, set, 64, 32);
        if (Files.exists(file)) {
            byte[] old;
            try {
                old = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new ProgramException(ExitCodes.FAILURE, "Cannot read `" + file + "': " + e.getMessage());
            }
            if (old.length != set.length) {
                throw new ProgramException(ExitCodes.FAILURE, "File `" + file + "' corrupt");
            }
            if (!Arrays.equals(old, set)) {
                throw new ProgramException(ExitCodes.FAILURE,
                        "Fatal: security module keys changed (file `" + file + "')!");
            }
            return;
        }
        pin(cfg, "SECM_ESIGN_PUBKEY", eddsa, "ESIGN");
        pin(cfg, "SECM_DENOM_PUBKEY", rsa, "DENOM");
        pin(cfg, "SECM_DENOM_CS_PUBKEY", cs, "DENOM");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, set);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        } catch (IOException | UnsupportedOperationException e) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Failed to store key in file `" + file + "': " + e.getMessage());
        }
    }

    private static void pin(TalerConfig cfg, String option, EddsaPublicKey actual, String what) {
        Optional<String> pinned = cfg.getString(SECTION, option).map(String::trim).filter(s -> !s.isEmpty());
        if (pinned.isEmpty()) {
            return;
        }
        EddsaPublicKey expected;
        try {
            expected = EddsaPublicKey.fromBase32(pinned.get());
        } catch (RuntimeException e) {
            throw new ProgramException(ExitCodes.FAILURE,
                    "Invalid value for [" + SECTION + "] " + option + ": not an EdDSA public key");
        }
        if (!expected.equals(actual)) {
            throw new ProgramException(ExitCodes.FAILURE,
                    what + " security module key does not match " + option + " in configuration");
        }
    }
}

package net.taler.common.config;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Set;

import net.taler.common.cli.ExitCodes;
import net.taler.common.cli.Programs;
import net.taler.common.cli.TalerProgram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code taler-config}: read, list, diagnose and set configuration values (operations.md 1.7). */
@Command(name = "taler-config", sortOptions = false,
        description = "Manipulate Taler configuration files.")
public final class TalerConfigCommand extends TalerProgram {
    /** Backends {@code -b} reports as present (our built-in database plugins). */
    private static final Set<String> BACKENDS = Set.of("exchangedb_postgres", "auditordb_postgres");

    @Option(names = {"-s", "--section"}, paramLabel = "SECTION", description = "section to read or write")
    String section;

    @Option(names = {"-o", "--option"}, paramLabel = "OPTION", description = "option to read or write")
    String option;

    @Option(names = {"-V", "--value"}, paramLabel = "VALUE",
            description = "set SECTION/OPTION to VALUE and rewrite the configuration file")
    String value;

    @Option(names = {"-f", "--filename"}, description = "interpret values as file names ($-expansion)")
    boolean filename;

    @Option(names = {"-S", "--list-sections"}, description = "print the available sections")
    boolean listSections;

    @Option(names = {"-F", "--full"}, description = "when rewriting, write the full configuration including defaults")
    boolean full;

    @Option(names = {"-r", "--rewrite"}, description = "rewrite the configuration file, even if nothing changed")
    boolean rewrite;

    @Option(names = {"-d", "--diagnostics"}, description = "print the configuration with file:line of every value")
    boolean diagnostics;

    @Option(names = {"-b", "--supported-backend"}, paramLabel = "BACKEND",
            description = "exit 0 if the backend plugin BACKEND is available, 77 otherwise")
    String backend;

    public static void main(String[] args) {
        Programs.main(new TalerConfigCommand(), args);
    }

    @Override
    protected int run() {
        PrintWriter out = out();
        PrintWriter err = err();
        if (backend != null) {
            return BACKENDS.contains(backend) ? ExitCodes.OK : ExitCodes.BACKEND_UNSUPPORTED;
        }
        ConfigLoader.Loaded loaded = loaded();
        TalerConfig cfg = loaded.config();
        boolean write = rewrite || full;
        if (listSections) {
            err.println("The following sections are available:");
            err.flush();
            cfg.sectionNames().forEach(out::println);
            return ExitCodes.OK;
        }
        TalerConfig target = cfg;
        if (!write && section == null) {
            if (!diagnostics) {
                err.println("--section, --list-sections or --diagnostics argument is required");
                return ExitCodes.INVALID_ARGUMENT;
            }
            out.print(cfg.diagnostics());
        } else if (section != null && value == null) {
            if (option == null) {
                for (ConfigEntry e : cfg.entries(section)) {
                    String v = filename ? cfg.expandFilename(e.value()) : e.value();
                    out.println(e.name() + " = " + v);
                }
            } else {
                Optional<String> v = cfg.getString(section, option);
                if (v.isEmpty()) {
                    err.println("Configuration fails to specify option '" + option + "' in section '" + section + "'!");
                    return ExitCodes.NOT_CONFIGURED;
                }
                out.println(filename ? cfg.expandFilename(v.get()) : v.get());
            }
        } else if (section != null) {
            if (option == null) {
                err.println("--option argument required to set value");
                return ExitCodes.INVALID_ARGUMENT;
            }
            target = cfg.copy();
            target.set(section, option, value);
            write = true;
        }
        if (write) {
            Path file = loaded.mainFile().orElseGet(() -> loader().userConfigFile());
            String text = full ? target.serialize(null) : target.serialize(loaded.base());
            try {
                writeAtomically(file, text);
            } catch (IOException e) {
                err.println("failed to write configuration file " + file + ": " + e.getMessage());
                return ExitCodes.INVALID_ARGUMENT;
            }
        }
        return ExitCodes.OK;
    }

    /** Write to a temporary sibling and rename, so a crash never leaves half a config file. */
    private static void writeAtomically(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = Files.createTempFile(dir, ".taler-config", ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            if (Files.exists(abs)) {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(abs));
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

package net.taler.secmod.eddsa;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-secmod-eddsa}; its function arrives with issue #5. */
@Command(name = "taler-exchange-secmod-eddsa",
        description = {"Security module holding the exchange's online EdDSA signing keys.",
            "NOT IMPLEMENTED YET in this build (arrives with issue #5): only --help and --version work;",
            "running it exits with code 3."})
public final class SecmodEddsaMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new SecmodEddsaMain(), args);
    }
}

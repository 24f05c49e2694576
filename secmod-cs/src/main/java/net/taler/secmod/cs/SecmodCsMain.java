package net.taler.secmod.cs;

import net.taler.common.cli.NotImplementedProgram;
import net.taler.common.cli.Programs;
import picocli.CommandLine.Command;

/** Launcher of {@code taler-exchange-secmod-cs}; its function arrives with issue #5. */
@Command(name = "taler-exchange-secmod-cs",
        description = {"Security module holding the exchange's Clause-Schnorr denomination keys.",
            "NOT IMPLEMENTED YET in this build (arrives with issue #5): only --help and --version work;",
            "running it exits with code 3."})
public final class SecmodCsMain extends NotImplementedProgram {
    public static void main(String[] args) {
        Programs.main(new SecmodCsMain(), args);
    }
}
